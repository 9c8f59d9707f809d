package io.jkbms.app.bench;

import io.jkbms.app.history.Sample;
import io.jkbms.app.history.StoredEvent;

import java.util.List;
import java.util.Random;

/**
 * Readings of a 16S LFP 280 Ah home pack on solar, one per second, for {@code jkbms history-bench}: synthetic but with
 * the spread of a real board's values, because SQLite stores an integer in 1 to 8 bytes by its size and a constant
 * column would make the file look smaller than it will be. Deterministic for a seed.
 *
 * <ul>
 *   <li>current: solar charging by day (a half sine peaking at {@code solarPeak_mA} at noon, with passing clouds),
 *       an evening load of 30–60 % of that peak, 6–12 % the rest of the time, 0.3 A (σ) noise: it varies every
 *       second. With the default 32 A peak the pack goes from ~55 % to full every day.</li>
 *   <li>SOC and remaining capacity integrate the current (bounded 8–100 %); cycles count every 280 Ah discharged.</li>
 *   <li>16 cells around 3.3 V: a flat LFP curve with knees near empty and full, each cell its own offset (±4 mV, doubled
 *       near full), 0.5 mΩ × current, and 1 mV (σ) noise per reading; the pack voltage is their sum.</li>
 *   <li>3 sensors (MOS, T1, T2) in 0.1 °C: ambient with a daily cycle, MOS warmer with current, ±0.3 °C noise.</li>
 *   <li>the balancer runs while the highest cell is above 3.38 V and the spread above 10 mV (stops below 3.37 V
 *       or 6 mV): flag, current (up to 1 A), source and destination cell; every start and stop is also a
 *       "balance" event.</li>
 * </ul>
 */
final class SyntheticBoard {
    static final int CELLS = 16;
    static final int CAPACITY_mAh = 280_000;
    private static final long DAY_ms = 86_400_000L;

    private final Random random;
    private final int[] offset_mV = new int[CELLS];
    private double remaining_mAs;
    private double discharged_mAs;
    private int cycles = 12;
    private final double solarPeak_mA;
    private double cloud = 1;
    private boolean balancing;
    private long time_ms;

    /**
     * @param start_ms     the first reading's time (epoch ms, UTC; the daily cycle follows UTC hours)
     * @param solarPeak_mA the charging current at noon under a clear sky
     */
    SyntheticBoard(long seed, long start_ms, int solarPeak_mA) {
        this.random = new Random(seed);
        this.solarPeak_mA = solarPeak_mA;
        for (int k = 0; k < CELLS; k++) {
            offset_mV[k] = random.nextInt(9) - 4;
        }
        this.remaining_mAs = 0.55 * CAPACITY_mAh * 3600.0;
        this.time_ms = start_ms;
    }

    /** The time of the next reading. */
    long nextTime_ms() {
        return time_ms;
    }

    /** The next reading (one second after the previous); a balance event goes to {@code events} when it toggles. */
    Sample next(List<StoredEvent> events) {
        long t = time_ms;
        time_ms += 1000;
        double hour = Math.floorMod(t, DAY_ms) / 3_600_000.0;
        if (random.nextInt(600) == 0) {
            cloud = 0.6 + 0.4 * random.nextDouble(); // the sky changes every ten minutes or so
        }
        double sun = hour > 7 && hour < 18 ? Math.sin(Math.PI * (hour - 7) / 11) : 0;
        double load_mA = solarPeak_mA * (hour >= 18 && hour < 23 ? 0.3 + 0.3 * Math.sin(Math.PI * (hour - 18) / 5)
                : 0.06 + 0.06 * Math.abs(Math.sin(hour)));
        double soc = remaining_mAs / (CAPACITY_mAh * 3600.0);
        double charge_mA = solarPeak_mA * sun * cloud - load_mA + 300 * random.nextGaussian();
        if (soc >= 1 && charge_mA > 0) {
            charge_mA = 200 * random.nextGaussian(); // full: the charger holds the pack at its voltage
        }
        if (soc <= 0.08 && charge_mA < 0) {
            charge_mA = 0; // the inverter cuts off on low SOC
        }
        int current_mA = (int) Math.round(charge_mA);
        remaining_mAs = Math.max(0, Math.min(CAPACITY_mAh * 3600.0, remaining_mAs + current_mA));
        if (current_mA < 0) {
            discharged_mAs -= current_mA;
            if (discharged_mAs >= CAPACITY_mAh * 3600.0) {
                discharged_mAs -= CAPACITY_mAh * 3600.0;
                cycles++;
            }
        }
        soc = remaining_mAs / (CAPACITY_mAh * 3600.0);

        double ocv = 3_290 + 40 * (soc - 0.5) + (soc > 0.95 ? (soc - 0.95) * 2_400 : 0)
                - (soc < 0.1 ? (0.1 - soc) * 2_000 : 0);
        int[] cells = new int[CELLS];
        int pack = 0;
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        int low = 0;
        int high = 0;
        for (int k = 0; k < CELLS; k++) {
            int v = (int) Math.round(ocv + offset_mV[k] * (soc > 0.9 ? 2 : 1) + 0.0005 * current_mA
                    + random.nextGaussian());
            cells[k] = v;
            pack += v;
            if (v < min) {
                min = v;
                low = k;
            }
            if (v > max) {
                max = v;
                high = k;
            }
        }
        // JK's rule: balance while the highest cell is above the start voltage and the spread above the trigger;
        // with some hysteresis so noise does not toggle it every second
        boolean balance = balancing ? max >= 3_370 && max - min >= 6 : max >= 3_380 && max - min >= 10;
        if (balance != balancing) {
            balancing = balance;
            events.add(new StoredEvent(t, "balance", "BALANCE", balance ? "START" : "STOP", 0,
                    balance ? "balancing started" : "balancing stopped", ""));
        }
        int balance_mA = balance ? Math.min(1_000, 60 * (max - min) + (int) (50 * random.nextGaussian())) : 0;

        double ambient = 180 + 60 * Math.sin(Math.PI * (hour - 9) / 12) + 3 * random.nextGaussian();
        int mos = (int) Math.round(ambient + 40 + Math.abs(current_mA) / 1_000.0 + 3 * random.nextGaussian());
        int t1 = (int) Math.round(ambient + 3 * random.nextGaussian());
        int t2 = (int) Math.round(ambient + 15 + 3 * random.nextGaussian());

        int flags = Sample.CHARGE_MOS | Sample.DISCHARGE_MOS | (balance ? Sample.BALANCING : 0);
        int socPct = (int) Math.round(100 * soc);
        return new Sample(t, pack, current_mA, socPct, (int) Math.round(remaining_mAs / 3600), CAPACITY_mAh, cycles,
                cells, new int[]{mos, t1, t2}, balance_mA, balance ? high + 1 : 0, balance ? low + 1 : 0, flags, 0);
    }
}
