package io.jkbms.app.history;

import io.jkbms.app.device.StatusView;
import io.jkbms.core.telemetry.Alarm;
import io.jkbms.core.telemetry.Telemetry;
import io.jkbms.core.telemetry.TemperatureReading;

import java.util.Arrays;
import java.util.List;

/**
 * One recorded reading of one board: a row of the raw history. {@code time_ms} is on the board's clock as epoch
 * milliseconds (the twin's simulated time counted from when it started, or the wall clock for a real board).
 * Temperatures are MOS first, then T1…; a sensor without a valid reading is {@link #NO_READING} (stored as NULL).
 * The arrays are owned by the sample: callers must not change them.
 */
public record Sample(long time_ms, int packVoltage_mV, int current_mA, int soc_pct, int remaining_mAh,
                     int fullCapacity_mAh, int cycles, int[] cell_mV, int[] temperature_dC, int balanceCurrent_mA,
                     int balanceSource, int balanceDestination, int flags, long alarms) {

    /** A temperature sensor that is absent, open or shorted. */
    public static final int NO_READING = Integer.MIN_VALUE;

    public static final int CHARGE_MOS = 1;
    public static final int DISCHARGE_MOS = 1 << 1;
    public static final int BALANCING = 1 << 2;
    public static final int HEATING = 1 << 3;
    public static final int EMERGENCY = 1 << 4;
    public static final int PRECHARGING = 1 << 5;

    /** Names of the flag bits, in bit order (CSV columns, the API). */
    public static final List<String> FLAG_NAMES =
            List.of("chargeMos", "dischargeMos", "balancing", "heating", "emergency", "precharging");

    public Sample {
        if (cell_mV.length == 0 || cell_mV.length > 32) {
            throw new IllegalArgumentException("a sample has 1 to 32 cells, not " + cell_mV.length);
        }
        if (temperature_dC.length == 0 || temperature_dC.length > 6) {
            throw new IllegalArgumentException("a sample has MOS plus up to 5 temperature sensors, not "
                    + temperature_dC.length);
        }
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    public boolean has(Alarm alarm) {
        return (alarms & (1L << alarm.ordinal())) != 0;
    }

    public int cells() {
        return cell_mV.length;
    }

    /** Highest minus lowest cell. */
    public int spread_mV() {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int v : cell_mV) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max - min;
    }

    /** The firmware's reading at {@code time_ms} on the board's clock. */
    public static Sample of(Telemetry t, long time_ms) {
        int[] temps = new int[1 + t.temperatures().size()];
        temps[0] = reading(t.mosTemperature());
        for (int i = 0; i < t.temperatures().size(); i++) {
            temps[i + 1] = reading(t.temperatures().get(i));
        }
        int flags = flags(t.chargeMos(), t.dischargeMos(), t.balancer().active(), t.heating(), t.emergency(),
                t.precharging());
        long alarms = 0;
        for (Alarm a : t.alarms()) {
            alarms |= 1L << a.ordinal();
        }
        return new Sample(time_ms, t.packVoltage_mV(), t.current_mA(), t.soc_pct(), t.remaining_mAh(),
                t.fullCapacity_mAh(), t.cycles(), t.cell_mV().clone(), temps, t.balancer().current_mA(),
                t.balancer().sourceCell(), t.balancer().destinationCell(), flags, alarms);
    }

    /** What the web app shows, as a row ({@code time_ms} is the view's board time). */
    public static Sample of(StatusView s) {
        int[] cells = s.cell_mV().stream().mapToInt(Integer::intValue).toArray();
        int[] temps = new int[1 + s.temperatures().size()];
        temps[0] = reading(s.mosTemperature());
        for (int i = 0; i < s.temperatures().size(); i++) {
            temps[i + 1] = reading(s.temperatures().get(i));
        }
        int flags = flags(s.chargeMos(), s.dischargeMos(), s.balancer().active(), s.heating(), s.emergency(),
                s.precharging());
        long alarms = 0;
        for (StatusView.AlarmView a : s.alarms()) {
            alarms |= 1L << Alarm.valueOf(a.code()).ordinal();
        }
        return new Sample(s.time_ms(), s.packVoltage_mV(), s.current_mA(), s.soc_pct(), (int) s.remaining_mAh(),
                (int) s.fullCapacity_mAh(), (int) s.cycles(), cells, temps, s.balancer().current_mA(),
                s.balancer().sourceCell(), s.balancer().destinationCell(), flags, alarms);
    }

    private static int flags(boolean chargeMos, boolean dischargeMos, boolean balancing, boolean heating,
                             boolean emergency, boolean precharging) {
        return (chargeMos ? CHARGE_MOS : 0) | (dischargeMos ? DISCHARGE_MOS : 0) | (balancing ? BALANCING : 0)
                | (heating ? HEATING : 0) | (emergency ? EMERGENCY : 0) | (precharging ? PRECHARGING : 0);
    }

    private static int reading(TemperatureReading r) {
        return r.valid() ? r.value_dC() : NO_READING;
    }

    private static int reading(StatusView.Temperature t) {
        return "OK".equals(t.status()) ? t.value_dC() : NO_READING;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sample s && time_ms == s.time_ms && packVoltage_mV == s.packVoltage_mV
                && current_mA == s.current_mA && soc_pct == s.soc_pct && remaining_mAh == s.remaining_mAh
                && fullCapacity_mAh == s.fullCapacity_mAh && cycles == s.cycles && Arrays.equals(cell_mV, s.cell_mV)
                && Arrays.equals(temperature_dC, s.temperature_dC) && balanceCurrent_mA == s.balanceCurrent_mA
                && balanceSource == s.balanceSource && balanceDestination == s.balanceDestination
                && flags == s.flags && alarms == s.alarms;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(time_ms) * 31 + Arrays.hashCode(cell_mV);
    }

    @Override
    public String toString() {
        return "Sample[" + time_ms + ", " + packVoltage_mV + " mV, " + current_mA + " mA, " + soc_pct + " %, cells "
                + Arrays.toString(cell_mV) + ", flags " + flags + ", alarms " + alarms + "]";
    }
}
