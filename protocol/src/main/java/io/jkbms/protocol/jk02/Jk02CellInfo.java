package io.jkbms.protocol.jk02;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Cell-info frame, type 0x02 (protocols.md §1.6): the frame the BMS streams about twice a second. Values are in wire
 * units and raw form: temperatures in 0.1 °C with {@link #NO_SENSOR_dC} for "no sensor", power as the unsigned
 * magnitude the board sends (compute signed power as voltage × current), max/min cell as the 0-based index the board
 * sends (it lags the voltages: recompute it from {@link #cell_mV()}), byte flags as the byte.
 *
 * @param cell_mV               one entry per cell slot (24 or 32), 0 for unused slots
 * @param enabledCellMask       bit 0 = cell 1
 * @param cellResistance_mOhm   balance-wire resistance per slot
 * @param mosTemperature_dC     24S offset 134, 32S offset 144
 * @param errors                24S: 16 bits at 136; 32S: 32 bits at 166 (see {@link Jk02ErrorBit})
 * @param balancing             0 off, 1 charging balancer, 2 discharging balancer
 * @param nominalCapacity_mAh   on software ≥ 11 an aged value; the set capacity is in the settings frame
 * @param precharge             byte 159 (32S 191)
 * @param userAlarm             u16 at 160 (32S 192), meaning unknown
 * @param temperatureSensorMask presence of MOS (bit 0) and T1..T5 (bits 1..5): u16 at 182 on 24S, u8 at 214 on 32S
 * @param only24S               present exactly on 24S
 * @param only32S               present exactly on 32S
 */
public record Jk02CellInfo(
        Jk02Layout layout,
        int counter,
        List<Integer> cell_mV,
        long enabledCellMask,
        int average_mV,
        int delta_mV,
        int maxCellIndex,
        int minCellIndex,
        List<Integer> cellResistance_mOhm,
        int mosTemperature_dC,
        long wireResistanceWarningMask,
        long packVoltage_mV,
        long power_mW,
        int current_mA,
        int t1_dC,
        int t2_dC,
        long errors,
        int balanceCurrent_mA,
        int balancing,
        int soc_pct,
        long remaining_mAh,
        long nominalCapacity_mAh,
        long cycles,
        long cycleCapacity_mAh,
        int soh_pct,
        int precharge,
        int userAlarm,
        long runtime_s,
        int chargeMos,
        int dischargeMos,
        int temperatureSensorMask,
        Optional<Extra24S> only24S,
        Optional<Extra32S> only32S) implements Jk02Frame {

    /** A temperature of −200.0 °C: the board's "no sensor" ([BAT], [BBH]). */
    public static final int NO_SENSOR_dC = -2000;
    /** What 24S bytes 168–169 held in every capture (0x0685–0x06AA); the encoder's default. */
    public static final int UNKNOWN_168_DEFAULT = 0x0685;
    public static final int RELEASE_TIMERS = 6;

    /**
     * 24S bytes whose meaning is unknown but which are kept, so a frame re-encodes as it came. The other 24S bytes
     * from 168 on do not follow the 32S map and are unknown: they encode as 0 (protocols.md §1.6).
     */
    public record Extra24S(int unknown112, int unknown168) {
        public static final Extra24S DEFAULT = new Extra24S(0, UNKNOWN_168_DEFAULT);

        public Extra24S {
            Le.u16("unknown112", unknown112);
            Le.u16("unknown168", unknown168);
        }
    }

    /**
     * The 32S additions.
     *
     * @param releaseTimers_s protection release timers at 202..213: discharge OCP, discharge SCP, charge OCP, charge
     *                        SCP, under-voltage, over-voltage
     * @param emergencyCountdown_s > 0 while the emergency period runs
     * @param batteryType     0 LFP, 1 Li-ion, 2 LTO
     * @param chargeStatus    0 bulk, 1 absorption, 2 float
     * @param dryContacts     bit 1 DRY1, bit 2 DRY2
     */
    public record Extra32S(int precharging, int balancing, List<Integer> releaseTimers_s, int heating,
                           int emergencyCountdown_s, int heaterCurrent_mA, int t3_dC, int t4_dC, int t5_dC,
                           int logCount, int batteryType, int chargeStatusTime_s, int chargeStatus, int dryContacts) {
        public static final Extra32S DEFAULT = new Extra32S(0, 0, Collections.nCopies(RELEASE_TIMERS, 0), 0, 0, 0,
                NO_SENSOR_dC, NO_SENSOR_dC, NO_SENSOR_dC, 0, 0, 0, 0, 0);

        public Extra32S {
            Le.u8("precharging", precharging);
            Le.u8("balancing", balancing);
            releaseTimers_s = List.copyOf(releaseTimers_s);
            if (releaseTimers_s.size() != RELEASE_TIMERS) {
                throw new IllegalArgumentException("there are " + RELEASE_TIMERS + " release timers, not " + releaseTimers_s.size());
            }
            for (int i = 0; i < RELEASE_TIMERS; i++) {
                Le.u16("releaseTimers_s[" + i + "]", releaseTimers_s.get(i));
            }
            Le.u8("heating", heating);
            Le.u16("emergencyCountdown_s", emergencyCountdown_s);
            Le.s16("heaterCurrent_mA", heaterCurrent_mA);
            Le.s16("t3_dC", t3_dC);
            Le.s16("t4_dC", t4_dC);
            Le.s16("t5_dC", t5_dC);
            Le.u16("logCount", logCount);
            Le.u8("batteryType", batteryType);
            Le.u16("chargeStatusTime_s", chargeStatusTime_s);
            Le.u8("chargeStatus", chargeStatus);
            Le.u8("dryContacts", dryContacts);
        }
    }

    public Jk02CellInfo {
        Le.u8("counter", counter);
        cell_mV = List.copyOf(cell_mV);
        cellResistance_mOhm = List.copyOf(cellResistance_mOhm);
        slots("cell_mV", cell_mV, layout);
        slots("cellResistance_mOhm", cellResistance_mOhm, layout);
        Le.u32("enabledCellMask", enabledCellMask);
        Le.u16("average_mV", average_mV);
        Le.u16("delta_mV", delta_mV);
        Le.u8("maxCellIndex", maxCellIndex);
        Le.u8("minCellIndex", minCellIndex);
        Le.s16("mosTemperature_dC", mosTemperature_dC);
        Le.u32("wireResistanceWarningMask", wireResistanceWarningMask);
        Le.u32("packVoltage_mV", packVoltage_mV);
        Le.u32("power_mW", power_mW);
        Le.s16("t1_dC", t1_dC);
        Le.s16("t2_dC", t2_dC);
        if (layout == Jk02Layout.JK02_24S && (errors < 0 || errors > 0xFFFF)) {
            throw new IllegalArgumentException("errors = " + errors + " does not fit the 16-bit 24S field");
        }
        Le.u32("errors", errors);
        Le.s16("balanceCurrent_mA", balanceCurrent_mA);
        Le.u8("balancing", balancing);
        Le.u8("soc_pct", soc_pct);
        Le.u32("remaining_mAh", remaining_mAh);
        Le.u32("nominalCapacity_mAh", nominalCapacity_mAh);
        Le.u32("cycles", cycles);
        Le.u32("cycleCapacity_mAh", cycleCapacity_mAh);
        Le.u8("soh_pct", soh_pct);
        Le.u8("precharge", precharge);
        Le.u16("userAlarm", userAlarm);
        Le.u32("runtime_s", runtime_s);
        Le.u8("chargeMos", chargeMos);
        Le.u8("dischargeMos", dischargeMos);
        if (layout == Jk02Layout.JK02_24S) {
            Le.u16("temperatureSensorMask", temperatureSensorMask);
        } else {
            Le.u8("temperatureSensorMask", temperatureSensorMask);
        }
        boolean is32 = layout == Jk02Layout.JK02_32S;
        if (only24S.isPresent() == is32 || only32S.isPresent() != is32) {
            throw new IllegalArgumentException("a " + layout + " cell-info frame needs exactly its own layout's extra fields"
                    + " (only24S present: " + only24S.isPresent() + ", only32S present: " + only32S.isPresent() + ")");
        }
    }

    private static void slots(String field, List<Integer> values, Jk02Layout layout) {
        if (values.size() != layout.cellSlots()) {
            throw new IllegalArgumentException("a " + layout + " cell-info frame has " + layout.cellSlots() + " " + field
                    + " slots, not " + values.size());
        }
        for (int i = 0; i < values.size(); i++) {
            Le.u16(field + "[" + (i + 1) + "]", values.get(i));
        }
    }

    @Override
    public int type() {
        return TYPE_CELL_INFO;
    }

    /** Cells the enabled mask counts. */
    public int enabledCells() {
        return Long.bitCount(enabledCellMask);
    }

    public boolean chargeMosOn() {
        return chargeMos != 0;
    }

    public boolean dischargeMosOn() {
        return dischargeMos != 0;
    }

    /**
     * A temperature by sensor: 0 MOS, 1..5 T1..T5 (T3..T5 on 32S only). Empty when the board reports
     * {@link #NO_SENSOR_dC} or the layout has no such sensor.
     */
    public Optional<Integer> temperature_dC(int sensor) {
        int v;
        switch (sensor) {
            case 0: v = mosTemperature_dC; break;
            case 1: v = t1_dC; break;
            case 2: v = t2_dC; break;
            case 3: case 4: case 5:
                if (only32S.isEmpty()) {
                    return Optional.empty();
                }
                Extra32S e = only32S.get();
                v = sensor == 3 ? e.t3_dC() : sensor == 4 ? e.t4_dC() : e.t5_dC();
                break;
            default:
                throw new IllegalArgumentException("temperature sensors are 0 (MOS) and 1..5, not " + sensor);
        }
        return v == NO_SENSOR_dC ? Optional.empty() : Optional.of(v);
    }

    /** Signed power from the frame's voltage and current (the power field is a magnitude), in mW. */
    public long signedPower_mW() {
        return packVoltage_mV * current_mA / 1000;
    }

    public Jk02CellInfo withCounter(int counter) {
        return toBuilder().counter(counter).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(layout);
        b.counter = counter;
        b.cell_mV = new ArrayList<>(cell_mV);
        b.enabledCellMask = enabledCellMask;
        b.average_mV = average_mV;
        b.delta_mV = delta_mV;
        b.maxCellIndex = maxCellIndex;
        b.minCellIndex = minCellIndex;
        b.cellResistance_mOhm = new ArrayList<>(cellResistance_mOhm);
        b.mosTemperature_dC = mosTemperature_dC;
        b.wireResistanceWarningMask = wireResistanceWarningMask;
        b.packVoltage_mV = packVoltage_mV;
        b.power_mW = power_mW;
        b.current_mA = current_mA;
        b.t1_dC = t1_dC;
        b.t2_dC = t2_dC;
        b.errors = errors;
        b.balanceCurrent_mA = balanceCurrent_mA;
        b.balancing = balancing;
        b.soc_pct = soc_pct;
        b.remaining_mAh = remaining_mAh;
        b.nominalCapacity_mAh = nominalCapacity_mAh;
        b.cycles = cycles;
        b.cycleCapacity_mAh = cycleCapacity_mAh;
        b.soh_pct = soh_pct;
        b.precharge = precharge;
        b.userAlarm = userAlarm;
        b.runtime_s = runtime_s;
        b.chargeMos = chargeMos;
        b.dischargeMos = dischargeMos;
        b.temperatureSensorMask = temperatureSensorMask;
        only24S.ifPresent(e -> b.only24S = e);
        only32S.ifPresent(e -> b.only32S = e);
        return b;
    }

    public static Builder builder(Jk02Layout layout) {
        return new Builder(layout);
    }

    /**
     * Collects a cell-info frame. Starts from zeros, except the temperatures ({@link #NO_SENSOR_dC}) and the layout
     * extras ({@link Extra24S#DEFAULT}, {@link Extra32S#DEFAULT}).
     */
    public static final class Builder {
        private final Jk02Layout layout;
        private int counter;
        private List<Integer> cell_mV;
        private long enabledCellMask;
        private int average_mV;
        private int delta_mV;
        private int maxCellIndex;
        private int minCellIndex;
        private List<Integer> cellResistance_mOhm;
        private int mosTemperature_dC = NO_SENSOR_dC;
        private long wireResistanceWarningMask;
        private long packVoltage_mV;
        private long power_mW;
        private int current_mA;
        private int t1_dC = NO_SENSOR_dC;
        private int t2_dC = NO_SENSOR_dC;
        private long errors;
        private int balanceCurrent_mA;
        private int balancing;
        private int soc_pct;
        private long remaining_mAh;
        private long nominalCapacity_mAh;
        private long cycles;
        private long cycleCapacity_mAh;
        private int soh_pct;
        private int precharge;
        private int userAlarm;
        private long runtime_s;
        private int chargeMos;
        private int dischargeMos;
        private int temperatureSensorMask;
        private Extra24S only24S = Extra24S.DEFAULT;
        private Extra32S only32S = Extra32S.DEFAULT;

        private Builder(Jk02Layout layout) {
            this.layout = layout;
            this.cell_mV = new ArrayList<>(Collections.nCopies(layout.cellSlots(), 0));
            this.cellResistance_mOhm = new ArrayList<>(Collections.nCopies(layout.cellSlots(), 0));
        }

        public Builder counter(int v) { counter = v; return this; }
        /** Cell voltages from cell 1; the remaining slots are 0. */
        public Builder cell_mV(List<Integer> v) { cell_mV = padded(v); return this; }
        public Builder enabledCellMask(long v) { enabledCellMask = v; return this; }
        public Builder average_mV(int v) { average_mV = v; return this; }
        public Builder delta_mV(int v) { delta_mV = v; return this; }
        public Builder maxCellIndex(int v) { maxCellIndex = v; return this; }
        public Builder minCellIndex(int v) { minCellIndex = v; return this; }
        /** Resistances from cell 1; the remaining slots are 0. */
        public Builder cellResistance_mOhm(List<Integer> v) { cellResistance_mOhm = padded(v); return this; }
        public Builder mosTemperature_dC(int v) { mosTemperature_dC = v; return this; }
        public Builder wireResistanceWarningMask(long v) { wireResistanceWarningMask = v; return this; }
        public Builder packVoltage_mV(long v) { packVoltage_mV = v; return this; }
        public Builder power_mW(long v) { power_mW = v; return this; }
        public Builder current_mA(int v) { current_mA = v; return this; }
        public Builder t1_dC(int v) { t1_dC = v; return this; }
        public Builder t2_dC(int v) { t2_dC = v; return this; }
        public Builder errors(long v) { errors = v; return this; }
        public Builder balanceCurrent_mA(int v) { balanceCurrent_mA = v; return this; }
        public Builder balancing(int v) { balancing = v; return this; }
        public Builder soc_pct(int v) { soc_pct = v; return this; }
        public Builder remaining_mAh(long v) { remaining_mAh = v; return this; }
        public Builder nominalCapacity_mAh(long v) { nominalCapacity_mAh = v; return this; }
        public Builder cycles(long v) { cycles = v; return this; }
        public Builder cycleCapacity_mAh(long v) { cycleCapacity_mAh = v; return this; }
        public Builder soh_pct(int v) { soh_pct = v; return this; }
        public Builder precharge(int v) { precharge = v; return this; }
        public Builder userAlarm(int v) { userAlarm = v; return this; }
        public Builder runtime_s(long v) { runtime_s = v; return this; }
        public Builder chargeMos(int v) { chargeMos = v; return this; }
        public Builder dischargeMos(int v) { dischargeMos = v; return this; }
        public Builder temperatureSensorMask(int v) { temperatureSensorMask = v; return this; }

        public Builder only24S(Extra24S v) {
            requireLayout(Jk02Layout.JK02_24S);
            only24S = v;
            return this;
        }

        public Builder only32S(Extra32S v) {
            requireLayout(Jk02Layout.JK02_32S);
            only32S = v;
            return this;
        }

        private void requireLayout(Jk02Layout l) {
            if (layout != l) {
                throw new IllegalArgumentException("a " + layout + " cell-info frame has no " + l + " fields");
            }
        }

        private List<Integer> padded(List<Integer> v) {
            if (v.size() > layout.cellSlots()) {
                throw new IllegalArgumentException(v.size() + " cells do not fit the " + layout.cellSlots() + " slots of " + layout);
            }
            List<Integer> l = new ArrayList<>(v);
            while (l.size() < layout.cellSlots()) {
                l.add(0);
            }
            return l;
        }

        public Jk02CellInfo build() {
            boolean is32 = layout == Jk02Layout.JK02_32S;
            return new Jk02CellInfo(layout, counter, cell_mV, enabledCellMask, average_mV, delta_mV, maxCellIndex,
                    minCellIndex, cellResistance_mOhm, mosTemperature_dC, wireResistanceWarningMask, packVoltage_mV,
                    power_mW, current_mA, t1_dC, t2_dC, errors, balanceCurrent_mA, balancing, soc_pct, remaining_mAh,
                    nominalCapacity_mAh, cycles, cycleCapacity_mAh, soh_pct, precharge, userAlarm, runtime_s, chargeMos,
                    dischargeMos, temperatureSensorMask,
                    is32 ? Optional.empty() : Optional.of(only24S), is32 ? Optional.of(only32S) : Optional.empty());
        }
    }
}
