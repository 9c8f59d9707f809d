package io.jkbms.app.analytics;

import io.jkbms.app.history.Sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cell resistance from sharp current steps: {@code R = ΔV_cell / ΔI} between two consecutive samples at most 2 s apart.
 * A cell is a resistance R0 in series with an RC pair (τ of tens of seconds), so a step seen 1 s later shows R0 plus the
 * first second of the RC pair's rise: the "1 s DC resistance" of a pulse test, not the full R0 + R1 a steady load
 * settles to. A step is used only when
 * <ul>
 *   <li>|ΔI| is at least {@code minStep_mA} (C/10, at least 1 A), so the step is well above the ADC's noise;</li>
 *   <li>the current was steady over the interval before it and no cell moved more than 5 mV in it (no large dV/dt
 *       from an ongoing relaxation or the steep ends of the curve that would be mistaken for the step);</li>
 *   <li>the balancer's state, cells and current are the same in all three samples (its current flows through the
 *       balance wires of two cells and would add its own step).</li>
 * </ul>
 * Each cell keeps the last {@value #KEEP} step estimates; its figure is their median, which shrugs off the odd step
 * spoiled by noise. Memory is fixed however long the stream.
 *
 * <p>A cell is judged (may be listed as high) only once its median is known to within ±{@value #JUDGED_pct} %: two
 * standard errors of the median, from the steps' scatter (1.4826·MAD) but never less than the ADC's own noise on a
 * voltage difference (about 1.4 mV, the guide's ±3 mV accuracy taken as 3 σ of two readings) over the step's current.
 * On a large pack a 10 A step moves a cell by a few mV only, and a handful of steps cannot tell 10 % from 20 %.
 */
final class ResistanceEstimator {
    static final int KEEP = 500;
    static final int MIN_STEPS = 5;
    /** A cell this far above the median of the others is listed as high: the pack model's (and a matched pack's)
     *  spread is ±10 %, so a healthy cell stands at most about 11 % above the others' median; a cell with 30 % more
     *  resistance stands 17 % or more above it. */
    static final double HIGH_pct = 15.0;
    private static final long MAX_INTERVAL_ms = 2_000;
    private static final int MAX_PRE_STEP_DV_mV = 5;
    private static final int MIN_STEADY_mA = 200;
    static final double JUDGED_pct = 5.0;
    private static final double ADC_DIFFERENCE_NOISE_mV = 1.4;

    private final int minStep_mA;
    private double[][] ring = new double[0][];
    private int[] count = new int[0];
    /** |ΔI| of the last {@value #KEEP} steps, for the noise floor. */
    private final double[] step_mA = new double[KEEP];
    private long steps;
    private Sample before;
    private Sample last;

    ResistanceEstimator(int nominalCapacity_mAh) {
        this.minStep_mA = Math.max(1_000, nominalCapacity_mAh / 10);
    }

    /** Forget the samples before a gap; the estimates stay. */
    void reset() {
        before = null;
        last = null;
    }

    void accept(Sample s) {
        if (before != null && last != null) {
            step(before, last, s);
        }
        before = last;
        last = s;
    }

    private void step(Sample a, Sample b, Sample c) {
        if (c.time_ms() - b.time_ms() > MAX_INTERVAL_ms || b.time_ms() - a.time_ms() > MAX_INTERVAL_ms) {
            return;
        }
        int dI_mA = c.current_mA() - b.current_mA();
        if (Math.abs(dI_mA) < minStep_mA) {
            return;
        }
        if (Math.abs(b.current_mA() - a.current_mA()) > Math.max(MIN_STEADY_mA, Math.abs(dI_mA) / 10)) {
            return;
        }
        if (!sameBalancing(a, b) || !sameBalancing(b, c)) {
            return;
        }
        int n = c.cells();
        double[] r_mOhm = new double[n];
        for (int i = 0; i < n; i++) {
            if (Math.abs(b.cell_mV()[i] - a.cell_mV()[i]) > MAX_PRE_STEP_DV_mV) {
                return;
            }
            r_mOhm[i] = (c.cell_mV()[i] - b.cell_mV()[i]) * 1000.0 / dI_mA;
        }
        // A step the cells did not follow (a current reading that jumped alone) is not a resistance.
        if (median(r_mOhm.clone(), n) <= 0) {
            return;
        }
        grow(n);
        for (int i = 0; i < n; i++) {
            ring[i][count[i] % KEEP] = r_mOhm[i];
            count[i]++;
        }
        step_mA[(int) (steps % KEEP)] = Math.abs(dI_mA);
        steps++;
    }

    private static boolean sameBalancing(Sample x, Sample y) {
        return x.has(Sample.BALANCING) == y.has(Sample.BALANCING) && x.balanceSource() == y.balanceSource()
                && x.balanceDestination() == y.balanceDestination() && x.balanceCurrent_mA() == y.balanceCurrent_mA();
    }

    private void grow(int n) {
        if (ring.length < n) {
            double[][] r = Arrays.copyOf(ring, n);
            for (int i = ring.length; i < n; i++) {
                r[i] = new double[KEEP];
            }
            ring = r;
            count = Arrays.copyOf(count, n);
        }
    }

    AnalyticsReport.Resistance report(int cells) {
        List<AnalyticsReport.CellResistance> list = new ArrayList<>();
        double[] est = new double[cells];
        boolean[] known = new boolean[cells];
        boolean[] judged = new boolean[cells];
        int kept = (int) Math.min(steps, KEEP);
        // The ADC's noise on one step's voltage difference, in mΩ at the typical step current.
        double floor_mOhm = kept == 0 ? 0 : ADC_DIFFERENCE_NOISE_mV * 1000.0 / median(Arrays.copyOf(step_mA, kept), kept);
        for (int i = 0; i < cells; i++) {
            int k = i < count.length ? Math.min(count[i], KEEP) : 0;
            double[] v = k == 0 ? new double[0] : Arrays.copyOf(ring[i], k);
            est[i] = median(v, k);
            known[i] = k >= MIN_STEPS;
            double uncertainty = 100;
            if (known[i] && est[i] > 0) {
                double[] dev = new double[k];
                for (int j = 0; j < k; j++) {
                    dev[j] = Math.abs(v[j] - est[i]);
                }
                double sigma = Math.max(1.4826 * median(dev, k), floor_mOhm);
                uncertainty = Math.min(100, 2 * 1.253 * sigma / Math.sqrt(k) / est[i] * 100);
            }
            judged[i] = known[i] && uncertainty <= JUDGED_pct;
            list.add(new AnalyticsReport.CellResistance(i + 1, round(est[i], 3), i < count.length ? count[i] : 0,
                    round(uncertainty, 1)));
        }
        double[] knownEst = new double[cells];
        int nk = 0;
        for (int i = 0; i < cells; i++) {
            if (known[i]) {
                knownEst[nk++] = est[i];
            }
        }
        double median = nk == 0 ? 0 : median(knownEst, nk);
        List<AnalyticsReport.HighResistance> high = new ArrayList<>();
        if (nk >= 2) {
            for (int i = 0; i < cells; i++) {
                if (!judged[i]) {
                    continue;
                }
                double[] others = new double[nk - 1];
                int j = 0;
                for (int o = 0; o < cells; o++) {
                    if (o != i && known[o]) {
                        others[j++] = est[o];
                    }
                }
                double m = median(others, j);
                double above = m > 0 ? (est[i] / m - 1) * 100.0 : 0;
                if (above >= HIGH_pct) {
                    high.add(new AnalyticsReport.HighResistance(i + 1, round(est[i], 3), round(m, 3), round(above, 1)));
                }
            }
        }
        return new AnalyticsReport.Resistance(list, round(median, 3), steps, high, HIGH_pct, JUDGED_pct,
                "the median over each cell's last " + KEEP + " current steps of at least " + minStep_mA
                        + " mA of its voltage change 1 sample later over the current change: the ohmic resistance"
                        + " plus the first second of the polarisation (a 1 s pulse resistance), at the temperature"
                        + " of the pack; the full resistance under a steady load is higher");
    }

    /** Median of the first {@code n} values (sorts them in place). */
    static double median(double[] v, int n) {
        if (n == 0) {
            return 0;
        }
        Arrays.sort(v, 0, n);
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }

    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
