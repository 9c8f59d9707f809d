package io.jkbms.firmware.sampling;

import io.jkbms.core.board.Ntc;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.telemetry.SensorStatus;
import io.jkbms.firmware.Board;

import static io.jkbms.firmware.FirmwareConstants.*;

/**
 * Reads the analog front end once per control period into {@link Measurements}: calibrates, compensates the
 * balance-wire drop of the cells the balancer is working on, derives min / max / average / spread, decodes the NTC
 * inputs and detects open or shorted sensors. External sensors 3 and 4 are optional: one that reads open from power-up
 * is "not fitted" (NA); one that goes open later is a fault. Sensors 1 and 2 are standard and always expected.
 */
public final class Sampler {
    private final boolean[] fitted = new boolean[Measurements.TEMPERATURE_CHANNELS];
    private boolean firstSample = true;

    /** Forget what was fitted, as at power-up. */
    public void reset() {
        firstSample = true;
    }

    public void sample(Board board, Settings settings, Calibration cal, int balanceSource, int balanceDest,
                       int balance_mA, Measurements m) {
        int channels = m.channels();
        board.readCellVoltages_mV(m.rawCell_mV);
        int cellCount = Math.min(settings.get(SettingKey.CELL_COUNT), channels);
        m.cellCount = cellCount;

        int connected = 0;
        int countErrors = 0;
        for (int i = 0; i < channels; i++) {
            int raw = m.rawCell_mV[i];
            boolean plausible = raw >= CELL_MIN_mV && raw <= CELL_MAX_mV;
            if (plausible) {
                connected++;
            }
            if (plausible != (i < cellCount)) {
                countErrors++;
            }
            int v = plausible ? raw + cal.cellOffset_mV(i + 1) : raw;
            // The balancer's current drops across the balance wires: add it back, or the spread it creates would
            // keep the balancer running. The user's per-cell wire resistance (the APP setting) wins; where it is 0,
            // the resistance the board measured itself is used.
            int cell = i + 1;
            if (balance_mA > 0 && (cell == balanceSource || cell == balanceDest)) {
                int r = settings.wireResistance_mOhm(cell);
                if (r == 0) {
                    r = m.wireResistance_mOhm[i];
                }
                int drop = (int) ((long) balance_mA * r / 1000);
                v += cell == balanceSource ? drop : -drop;
            }
            m.cell_mV[i] = v;
        }
        m.connectedCells = connected;
        m.cellCountErrors = countErrors;

        // Statistics cover the configured cells that read a plausible voltage: a reading outside 1-5 V is a wiring
        // fault (an open balance wire reads 0 V on one channel and two cells on the next), which the cell-count check
        // handles; it must not pass for a real over- or under-voltage and shut the board down. The channel above a
        // 0 V one is left out too: two LTO cells in series (4.4-5 V) would otherwise look plausible.
        int max = Integer.MIN_VALUE;
        int min = Integer.MAX_VALUE;
        int maxCell = 0;
        int minCell = 0;
        long sum = 0;
        int counted = 0;
        for (int i = 0; i < cellCount; i++) {
            int raw = m.rawCell_mV[i];
            if (raw < CELL_MIN_mV || raw > CELL_MAX_mV) {
                continue;
            }
            int below = i > 0 ? m.rawCell_mV[i - 1] : CELL_MIN_mV;
            if (below < CELL_MIN_mV) {
                continue; // an open sense wire below: this channel spans two cells (plausible-looking for LTO)
            }
            int v = m.cell_mV[i];
            sum += v;
            counted++;
            if (v > max) {
                max = v;
                maxCell = i + 1;
            }
            if (v < min) {
                min = v;
                minCell = i + 1;
            }
        }
        if (counted == 0) {
            max = min = 0;
        }
        m.max_mV = max;
        m.min_mV = min;
        m.maxCell = maxCell;
        m.minCell = minCell;
        m.average_mV = counted == 0 ? 0 : (int) (sum / counted);
        m.delta_mV = max - min;

        m.pack_mV = cal.applyPack_mV(board.readPackVoltage_mV());
        // The load side is read through a divider like the pack's: the same voltage calibration applies, so the two
        // compare like with like (a pack reading a few % low must not look like a charger).
        m.load_mV = cal.applyPack_mV(board.readLoadVoltage_mV());
        m.current_mA = cal.applyCurrent_mA(board.readCurrent_mA());
        m.chargerPresent = chargerPresent(m.pack_mV, m.load_mV) || m.current_mA >= CHARGER_DETECT_CURRENT_mA;

        sampleTemperatures(board, settings, m);
        firstSample = false;
    }

    private void sampleTemperatures(Board board, Settings settings, Measurements m) {
        boolean externalIgnored = settings.isOn(SettingKey.TEMP_SENSORS_DISABLED);
        int maxT = Measurements.NO_TEMPERATURE_MAX;
        int minT = Measurements.NO_TEMPERATURE_MIN;
        int faults = 0;
        for (int ch = 0; ch < Measurements.TEMPERATURE_CHANNELS; ch++) {
            int dC = Ntc.toDeciCelsius(board.readTemperatureCounts(ch));
            SensorStatus status = dC < SENSOR_OPEN_BELOW_dC ? SensorStatus.OPEN
                    : dC > SENSOR_SHORTED_ABOVE_dC ? SensorStatus.SHORTED : SensorStatus.OK;
            boolean optional = ch > 2;
            if (firstSample) {
                fitted[ch] = !optional || status != SensorStatus.OPEN;
            } else if (optional && !fitted[ch] && status != SensorStatus.OPEN) {
                fitted[ch] = true; // plugged in while running
            }
            if (!fitted[ch]) {
                status = SensorStatus.ABSENT;
            }
            m.sensorStatus[ch] = status;
            m.temperature_dC[ch] = status == SensorStatus.OK ? dC : 0;
            boolean counts = ch == 0 || !externalIgnored;
            if (counts && (status == SensorStatus.OPEN || status == SensorStatus.SHORTED)) {
                faults++;
            }
            if (ch > 0 && !externalIgnored && status == SensorStatus.OK) {
                maxT = Math.max(maxT, dC);
                minT = Math.min(minT, dC);
            }
        }
        m.maxBattery_dC = maxT;
        m.minBattery_dC = minT;
        m.sensorFaults = faults;
    }

    /** Charge activation (guide): a voltage on P+ at least 2 V above the pack. Both readings calibrated alike. */
    public static boolean chargerPresent(int pack_mV, int load_mV) {
        return load_mV >= pack_mV + CHARGER_DETECT_MARGIN_mV;
    }

    /** Reads every channel's balance-wire resistance (done with the balancer idle). */
    public void measureWires(Board board, Measurements m) {
        int max = 0;
        int maxCell = 0;
        for (int cell = 1; cell <= m.cellCount; cell++) {
            int r = board.readWireResistance_mOhm(cell);
            m.wireResistance_mOhm[cell - 1] = r;
            if (r > max) {
                max = r;
                maxCell = cell;
            }
        }
        for (int cell = m.cellCount + 1; cell <= m.channels(); cell++) {
            m.wireResistance_mOhm[cell - 1] = 0;
        }
        m.maxWireResistance_mOhm = max;
        m.maxWireCell = maxCell;
    }
}
