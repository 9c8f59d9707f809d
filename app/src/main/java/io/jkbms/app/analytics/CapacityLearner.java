package io.jkbms.app.analytics;

import io.jkbms.app.analytics.AnalyticsReport.Cycle;
import io.jkbms.app.analytics.AnalyticsReport.CycleKind;
import io.jkbms.app.history.Sample;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Capacity by coulomb counting between the two ends of a charge. The current is integrated (trapezoid rule) into a
 * running charge; a full point and an empty point each remember the running charge when last seen, and a cycle's
 * capacity is the difference between them. See {@link Analyzer} for what counts as full, empty and a cycle.
 */
final class CapacityLearner {
    static final int KEEP_CYCLES = 1_000;
    static final int RECENT = 3;
    /** A cycle with more charge against its direction than this share of its result was not one clean cycle. */
    private static final double MAX_AGAINST = 0.10;
    /** Less than this share of nominal between full and empty means the marks were met by something else. */
    private static final double MIN_OF_NOMINAL = 0.30;
    private static final long MAX_CYCLE_ms = 10L * 86_400_000L;

    private record End(long time_ms, double charge_mAh, double in_mAh, double out_mAh, long segment) {
    }

    private final int nominal_mAh;
    private final ArrayDeque<Cycle> cycles = new ArrayDeque<>();
    private double charge_mAh;
    private double in_mAh;
    private double out_mAh;
    private End full;
    private End empty;

    CapacityLearner(int nominal_mAh) {
        this.nominal_mAh = nominal_mAh;
    }

    /**
     * @param dt_ms   time since {@code prev} (0 after a gap: the charge over a gap is unknown)
     * @param segment increases at every gap, so a cycle never spans one
     */
    void accept(Sample prev, Sample s, long dt_ms, boolean isFull, boolean isEmpty, long segment) {
        if (dt_ms > 0) {
            double dq = (prev.current_mA() + (double) s.current_mA()) * 0.5 * dt_ms / 3_600_000.0;
            charge_mAh += dq;
            if (dq > 0) {
                in_mAh += dq;
            } else {
                out_mAh -= dq;
            }
        }
        if (isFull == isEmpty) {
            return; // neither, or both at once (a pack too far out of balance to say)
        }
        End now = new End(s.time_ms(), charge_mAh, in_mAh, out_mAh, segment);
        if (isFull) {
            full = now;
            if (empty != null) {
                offer(CycleKind.CHARGE, empty, full, full.charge_mAh - empty.charge_mAh, full.out_mAh - empty.out_mAh);
            }
        } else {
            empty = now;
            if (full != null) {
                offer(CycleKind.DISCHARGE, full, empty, full.charge_mAh - empty.charge_mAh, empty.in_mAh - full.in_mAh);
            }
        }
    }

    /** Records a cycle, or moves the end of the one already recorded from the same start (the end is the last sample
     *  still at that end, e.g. the end of the CV taper). */
    private void offer(CycleKind kind, End start, End end, double capacity_mAh, double against_mAh) {
        if (start.segment != end.segment || end.time_ms - start.time_ms > MAX_CYCLE_ms
                || capacity_mAh < MIN_OF_NOMINAL * nominal_mAh || against_mAh > MAX_AGAINST * capacity_mAh) {
            return;
        }
        Cycle c = new Cycle(start.time_ms, end.time_ms, ResistanceEstimator.round(capacity_mAh, 1), kind);
        Cycle last = cycles.peekLast();
        if (last != null && last.kind() == kind && last.start_ms() == start.time_ms) {
            cycles.pollLast();
        } else if (cycles.size() == KEEP_CYCLES) {
            cycles.pollFirst();
        }
        cycles.addLast(c);
    }

    AnalyticsReport.Capacity report() {
        List<Cycle> all = new ArrayList<>(cycles);
        List<AnalyticsReport.SohPoint> soh = new ArrayList<>();
        for (Cycle c : all) {
            soh.add(new AnalyticsReport.SohPoint(c.end_ms(), c.capacity_mAh(), soh(c.capacity_mAh())));
        }
        if (all.isEmpty()) {
            return new AnalyticsReport.Capacity(all, false, 0, 0, 0, soh);
        }
        double learned = recentMean(CycleKind.DISCHARGE);
        if (learned == 0) {
            learned = recentMean(CycleKind.CHARGE);
        }
        return new AnalyticsReport.Capacity(all, true, ResistanceEstimator.round(learned, 1),
                all.get(all.size() - 1).capacity_mAh(), soh(learned), soh);
    }

    private double recentMean(CycleKind kind) {
        double sum = 0;
        int n = 0;
        for (Iterator<Cycle> it = cycles.descendingIterator(); it.hasNext() && n < RECENT; ) {
            Cycle c = it.next();
            if (c.kind() == kind) {
                sum += c.capacity_mAh();
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    private double soh(double capacity_mAh) {
        return nominal_mAh <= 0 ? 0 : ResistanceEstimator.round(capacity_mAh * 100.0 / nominal_mAh, 1);
    }
}
