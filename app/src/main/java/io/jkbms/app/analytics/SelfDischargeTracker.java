package io.jkbms.app.analytics;

import io.jkbms.app.analytics.AnalyticsReport.CellSelfDischarge;
import io.jkbms.app.analytics.AnalyticsReport.WindowBasis;
import io.jkbms.app.history.Sample;
import io.jkbms.core.board.Chemistry;
import io.jkbms.core.board.OcvCurve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Each cell's self-discharge relative to the others, from the charge it lost between two comparable points:
 * <ul>
 *   <li>the balancer's bookkeeping: an energy-transfer balancer keeps topping up a cell that leaks, so the net charge
 *       it moved into a cell (into the destination at an assumed 85 % efficiency, out of the source in full) over days
 *       is that cell's extra loss, once the cells are back at the same place;</li>
 *   <li>the cell's place in the pack: its SOC read off the OCV curve minus the pack mean, at two rest points on a steep
 *       part of the curve; a leaking cell slides down.</li>
 * </ul>
 * Comparable points are either two rest points on a steep part of the curve at about the same SOC (within one 10 % band:
 * at the bottom a cell with more capacity than the others has more left, at the top they all read full, so only rests
 * at a similar SOC place the cells alike) — place change plus balancer charge — or the ends of two visits to the top of
 * charge (the balancer's charge alone: at the top it brings the cells back together, so their place is taken as the
 * same each time). The longest window wins; it must span at least 18 hours. The figure
 * per cell is its loss in % of nominal capacity per day minus the median cell's, so the ordinary self-discharge that all
 * cells share cancels out.
 */
final class SelfDischargeTracker {
    /** cells.md: inductive balancers reach 80–92 %; the twin's is 85 %. */
    static final double BALANCER_EFFICIENCY = 0.85;
    static final double MIN_WINDOW_days = 0.75;
    /** A cell losing this much more than the median is flagged: five times the normal LFP self-discharge (3 %/month,
     *  0.1 %/day), far above what the balancer's noise around a healthy pack adds up to. */
    static final double FLAG_pctPerDay = 0.5;
    private static final int MAX_CELLS = 32;

    private record Anchor(long time_ms, int cells, double[] balancedIn_mAh, double[] offset_pct) {
    }

    private final Chemistry chemistry;
    private final int nominal_mAh;
    private final double[] balancedIn_mAh = new double[MAX_CELLS];
    private static final int BANDS = 10;

    private Anchor firstTop;
    private Anchor lastTop;
    /** Per 10 % band of the pack's OCV SOC: the first and the latest trusted rest in it. */
    private final Anchor[] firstRest = new Anchor[BANDS];
    private final Anchor[] lastRest = new Anchor[BANDS];

    SelfDischargeTracker(Chemistry chemistry, int nominal_mAh) {
        this.chemistry = chemistry;
        this.nominal_mAh = nominal_mAh;
    }

    /** Counts the balancer's transfer over the interval that {@code prev} started (its state held until now). */
    void accept(Sample prev, long dt_ms) {
        if (dt_ms <= 0 || !prev.has(Sample.BALANCING) || prev.balanceCurrent_mA() <= 0) {
            return;
        }
        double q_mAh = prev.balanceCurrent_mA() * (double) dt_ms / 3_600_000.0;
        int n = prev.cells();
        if (prev.balanceSource() >= 1 && prev.balanceSource() <= n) {
            balancedIn_mAh[prev.balanceSource() - 1] -= q_mAh;
        }
        if (prev.balanceDestination() >= 1 && prev.balanceDestination() <= n) {
            balancedIn_mAh[prev.balanceDestination() - 1] += q_mAh * BALANCER_EFFICIENCY;
        }
    }

    /** Another pack (or a re-wired one): places from before cannot be compared with places after. */
    void cellCountChanged() {
        firstTop = lastTop = null;
        Arrays.fill(firstRest, null);
        Arrays.fill(lastRest, null);
    }

    /** A visit to the top of charge ended. */
    void topEnded(long time_ms, int cells) {
        Anchor a = new Anchor(time_ms, cells, Arrays.copyOf(balancedIn_mAh, cells), new double[0]);
        if (firstTop == null) {
            firstTop = a;
        }
        lastTop = a;
    }

    /** A sample at rest on a steep part of the curve (the latest of a rest period replaces the one before). */
    void trustedRest(long time_ms, int[] cell_mV) {
        int n = cell_mV.length;
        double[] soc = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            soc[i] = OcvCurve.soc_pct(chemistry, cell_mV[i]);
            mean += soc[i] / n;
        }
        for (int i = 0; i < n; i++) {
            soc[i] -= mean;
        }
        Anchor a = new Anchor(time_ms, n, Arrays.copyOf(balancedIn_mAh, n), soc);
        int band = Math.min(BANDS - 1, (int) (mean / 10));
        if (firstRest[band] == null) {
            firstRest[band] = a;
        }
        lastRest[band] = a;
    }

    AnalyticsReport.SelfDischarge report(int cells) {
        int band = -1;
        double restDays = 0;
        for (int i = 0; i < BANDS; i++) {
            double d = days(firstRest[i], lastRest[i], cells);
            if (d > restDays) {
                restDays = d;
                band = i;
            }
        }
        double topDays = days(firstTop, lastTop, cells);
        if (Math.max(restDays, topDays) < MIN_WINDOW_days) {
            return new AnalyticsReport.SelfDischarge(List.of(), 0, WindowBasis.NONE);
        }
        boolean rest = restDays >= topDays;
        Anchor a = rest ? firstRest[band] : firstTop;
        Anchor b = rest ? lastRest[band] : lastTop;
        double days = rest ? restDays : topDays;
        double[] loss = new double[cells];
        double[] in = new double[cells];
        for (int i = 0; i < cells; i++) {
            in[i] = b.balancedIn_mAh[i] - a.balancedIn_mAh[i];
            loss[i] = in[i] * 100.0 / nominal_mAh / days;
            if (rest) {
                loss[i] -= (b.offset_pct[i] - a.offset_pct[i]) / days;
            }
        }
        double median = ResistanceEstimator.median(loss.clone(), cells);
        List<CellSelfDischarge> list = new ArrayList<>();
        for (int i = 0; i < cells; i++) {
            list.add(new CellSelfDischarge(i + 1, ResistanceEstimator.round(loss[i] - median, 3),
                    ResistanceEstimator.round(in[i], 1)));
        }
        return new AnalyticsReport.SelfDischarge(list, ResistanceEstimator.round(days, 3),
                rest ? WindowBasis.REST : WindowBasis.TOP);
    }

    private static double days(Anchor a, Anchor b, int cells) {
        if (a == null || b == null || a.cells != cells || b.cells != cells) {
            return 0;
        }
        return (b.time_ms - a.time_ms) / 86_400_000.0;
    }
}
