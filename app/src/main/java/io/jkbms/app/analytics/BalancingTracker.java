package io.jkbms.app.analytics;

import io.jkbms.app.analytics.AnalyticsReport.SpreadPoint;
import io.jkbms.app.analytics.AnalyticsReport.TrendBasis;
import io.jkbms.app.history.Sample;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * How well the balancer keeps the cells together: the spread per hour (at rest, at the top, all samples) and its trend.
 * A spread is only comparable with one taken in the same state: the same SOC difference shows as far more mV at the
 * steep ends of the curve than on a plateau, and under current unequal resistances add their own IR difference. So
 * the trend (a least-squares slope over the kept hours, negative while the cells converge) is fitted, in this order of
 * preference, to the spread at the top of charge with at most C/20 flowing (the same state at every visit, and where a
 * top-balanced pack is judged), to the spread after 5 minutes at rest (fair on curves without a plateau, or a pack that
 * rests at one SOC), or to every sample.
 */
final class BalancingTracker {
    static final long HOUR_ms = 3_600_000L;
    static final int KEEP_HOURS = 60 * 24;
    /** Rest this long before a spread counts as "at rest": ten time constants of the cells' fast polarisation. */
    static final long REST_SETTLED_ms = 5 * 60_000L;
    /** The trend needs at least this many hours with a value of its basis. */
    private static final int MIN_TREND_POINTS = 3;

    private final ArrayDeque<SpreadPoint> hours = new ArrayDeque<>();
    private long hour_ms = Long.MIN_VALUE;
    private int n;
    private int max_mV;
    private long sum_mV;
    private int restN;
    private long restSum_mV;
    private int top_mV = -1;
    private int balancingN;
    private long samples;
    private long balancingSamples;
    private int spreadNow_mV;

    void accept(Sample s, long rest_ms, boolean atTop) {
        long h = Math.floorDiv(s.time_ms(), HOUR_ms) * HOUR_ms;
        if (h != hour_ms) {
            if (n > 0) {
                push(point());
            }
            hour_ms = h;
            n = max_mV = restN = balancingN = 0;
            sum_mV = restSum_mV = 0;
            top_mV = -1;
        }
        int spread = s.spread_mV();
        spreadNow_mV = spread;
        n++;
        max_mV = Math.max(max_mV, spread);
        sum_mV += spread;
        if (rest_ms >= REST_SETTLED_ms) {
            restN++;
            restSum_mV += spread;
        }
        if (atTop) {
            top_mV = Math.max(top_mV, spread);
        }
        boolean balancing = s.has(Sample.BALANCING);
        if (balancing) {
            balancingN++;
            balancingSamples++;
        }
        samples++;
    }

    private SpreadPoint point() {
        return new SpreadPoint(hour_ms, max_mV, ResistanceEstimator.round((double) sum_mV / n, 1),
                restN == 0 ? -1 : ResistanceEstimator.round((double) restSum_mV / restN, 1), top_mV,
                ResistanceEstimator.round(balancingN * 100.0 / n, 1));
    }

    private void push(SpreadPoint p) {
        if (hours.size() == KEEP_HOURS) {
            hours.pollFirst();
        }
        hours.addLast(p);
    }

    AnalyticsReport.Balancing report() {
        List<SpreadPoint> all = new ArrayList<>(hours);
        if (n > 0) {
            all.add(point()); // the hour in progress
            if (all.size() > KEEP_HOURS) {
                all.remove(0);
            }
        }
        TrendBasis basis = TrendBasis.NONE;
        double slope = 0;
        for (TrendBasis b : new TrendBasis[]{TrendBasis.TOP, TrendBasis.REST, TrendBasis.ALL}) {
            double[] fit = trend(all, b);
            if (fit.length == 1) {
                basis = b;
                slope = fit[0];
                break;
            }
        }
        return new AnalyticsReport.Balancing(all, ResistanceEstimator.round(slope, 2), basis,
                samples == 0 ? 0 : ResistanceEstimator.round(balancingSamples * 100.0 / samples, 2), spreadNow_mV);
    }

    /** The slope in mV/day of the basis' values, or an empty array when fewer than 3 hours have one. */
    private static double[] trend(List<SpreadPoint> points, TrendBasis basis) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int k = 0;
        // Time from the first hour, so epoch milliseconds do not swamp the sums.
        long t0_ms = points.isEmpty() ? 0 : points.get(0).time_ms();
        for (SpreadPoint p : points) {
            double y = switch (basis) {
                case REST -> p.rest_mV();
                case TOP -> p.top_mV();
                default -> p.mean_mV();
            };
            if (y < 0) {
                continue;
            }
            double x = (p.time_ms() - t0_ms) / 86_400_000.0;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
            k++;
        }
        if (k < MIN_TREND_POINTS) {
            return new double[0];
        }
        double den = k * sxx - sx * sx;
        return den <= 0 ? new double[0] : new double[]{(k * sxy - sx * sy) / den};
    }
}
