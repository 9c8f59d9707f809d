package io.jkbms.app.analytics;

import io.jkbms.core.board.Chemistry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Analyzer} has learned about one board's pack so far: a plain value, serialisable by Jackson as it is.
 * No field is ever null and every list is present (empty when nothing was found). Where a number cannot be known yet
 * a boolean or a count says so (e.g. {@link Capacity#learned()}); where a per-hour figure was not observed it is −1, as
 * documented on the field.
 *
 * @param samples        samples accepted (out-of-order ones are not counted)
 * @param gaps           time jumps over 10 s or cell-count changes seen (each restarts step and rest detection)
 * @param cells          the cell count of the latest sample (0 before any)
 * @param warnings       the findings worth a user's attention, in plain words, for the page
 */
public record AnalyticsReport(Chemistry chemistry, int nominalCapacity_mAh, long samples, long firstTime_ms,
                              long lastTime_ms, long gaps, int cells, Resistance resistance, Capacity capacity,
                              Balancing balancing, SelfDischarge selfDischarge, List<WeakCell> weakCells,
                              SocDrift socDrift, List<String> warnings) {

    public AnalyticsReport {
        weakCells = List.copyOf(weakCells);
        warnings = List.copyOf(warnings);
    }

    // ---- resistance -------------------------------------------------------------------------------------------------

    /**
     * Internal resistance per cell from sharp current steps between consecutive samples.
     *
     * @param cells          one entry per cell, cell 1 first
     * @param median_mOhm    the median of the cells' estimates (0 when no cell has one)
     * @param steps          usable current steps seen in all
     * @param high           judged cells at least {@code threshold_pct} above the median of the others
     * @param threshold_pct  how far above the others a cell must be to be listed as high
     * @param judged_pct     the uncertainty a cell's estimate must be within before it can be listed as high
     * @param method         what the estimate measures, in words
     */
    public record Resistance(List<CellResistance> cells, double median_mOhm, long steps, List<HighResistance> high,
                             double threshold_pct, double judged_pct, String method) {
        public Resistance {
            cells = List.copyOf(cells);
            high = List.copyOf(high);
        }
    }

    /**
     * One cell's estimate: the median over its last (up to 500) usable steps; {@code steps} counts all it has had, and
     * the estimate is 0 mΩ while there is none. {@code uncertainty_pct} is ± two standard errors of that median in % of
     * it (100 until there are enough steps to say).
     */
    public record CellResistance(int cell, double resistance_mOhm, int steps, double uncertainty_pct) {
    }

    /** A cell whose resistance stands out: {@code above_pct} above {@code othersMedian_mOhm}, the others' median. */
    public record HighResistance(int cell, double resistance_mOhm, double othersMedian_mOhm, double above_pct) {
    }

    // ---- capacity ---------------------------------------------------------------------------------------------------

    /** Full → empty is a discharge cycle, empty → full a charge cycle (see {@link Analyzer} for what counts). */
    public enum CycleKind { DISCHARGE, CHARGE }

    /** The charge counted between the two ends of one full cycle. */
    public record Cycle(long start_ms, long end_ms, double capacity_mAh, CycleKind kind) {
    }

    /** State of health after one cycle: that cycle's capacity against the nominal. */
    public record SohPoint(long time_ms, double capacity_mAh, double soh_pct) {
    }

    /**
     * @param cycles               the full cycles found, oldest first
     * @param learned              false until a full cycle has been measured; the figures below are then 0
     * @param learnedCapacity_mAh  the mean of the last (up to 3) discharge cycles, or of charge cycles if there is no
     *                             discharge cycle yet
     * @param latestCapacity_mAh   the last cycle's capacity
     * @param soh_pct              learned capacity over nominal
     * @param sohHistory           one point per cycle, oldest first
     */
    public record Capacity(List<Cycle> cycles, boolean learned, double learnedCapacity_mAh, double latestCapacity_mAh,
                           double soh_pct, List<SohPoint> sohHistory) {
        public Capacity {
            cycles = List.copyOf(cycles);
            sohHistory = List.copyOf(sohHistory);
        }
    }

    // ---- balancing --------------------------------------------------------------------------------------------------

    /** Which spread the trend was fitted to: at the top of charge, at rest, every sample, or none (too few hours). */
    public enum TrendBasis { REST, TOP, ALL, NONE }

    /**
     * The cell spread (highest minus lowest) in one hour.
     *
     * @param time_ms         the start of the hour
     * @param max_mV          the largest spread seen
     * @param mean_mV         the mean over all samples
     * @param rest_mV         the mean over samples at rest for 5 minutes or more, −1 if the pack did not rest
     * @param top_mV          the largest spread while the highest cell was at the top of charge with at most C/20
     *                        flowing, −1 if it never was in that hour
     * @param balancing_pct   share of the hour's samples with the balancer running
     */
    public record SpreadPoint(long time_ms, int max_mV, double mean_mV, double rest_mV, int top_mV,
                              double balancing_pct) {
    }

    /**
     * @param hourly          spread per hour, oldest first (at most the last 60 days)
     * @param trend_mVPerDay  least-squares slope of the spread named by {@code trendBasis}; negative = converging
     * @param trendBasis      the spread the trend was fitted to
     * @param balancing_pct   share of all samples with the balancer running
     * @param spreadNow_mV    the latest sample's spread
     */
    public record Balancing(List<SpreadPoint> hourly, double trend_mVPerDay, TrendBasis trendBasis,
                            double balancing_pct, int spreadNow_mV) {
        public Balancing {
            hourly = List.copyOf(hourly);
        }
    }

    // ---- self-discharge ---------------------------------------------------------------------------------------------

    /** Which comparable points bound the self-discharge window. */
    public enum WindowBasis { REST, TOP, NONE }

    /**
     * One cell's self-discharge beyond the pack's median, in % of nominal capacity per day.
     *
     * @param balancedIn_mAh  net charge the balancer moved into the cell within the window (negative: taken out)
     */
    public record CellSelfDischarge(int cell, double excess_pctPerDay, double balancedIn_mAh) {
    }

    /**
     * @param cells        one entry per cell (empty while no window is known)
     * @param window_days  the time between the two comparable points used
     * @param basis        REST: two rest points on a steep part of the curve at about the same SOC (position change
     *                     plus balancer charge);
     *                     TOP: the ends of two top-of-charge periods (the balancer's charge alone); NONE: not yet
     */
    public record SelfDischarge(List<CellSelfDischarge> cells, double window_days, WindowBasis basis) {
        public SelfDischarge {
            cells = List.copyOf(cells);
        }
    }

    // ---- weak cells -------------------------------------------------------------------------------------------------

    public enum WeakReason { LOWEST_AT_BOTTOM_AND_HIGHEST_AT_TOP, FASTEST_SELF_DISCHARGE }

    /** A warning about one cell (1-based), with the numbers behind it (keys carry their units). */
    public record WeakCell(int cell, WeakReason reason, String text, Map<String, Double> evidence) {
        public WeakCell {
            evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence)); // keeps the order given
        }
    }

    // ---- SOC drift --------------------------------------------------------------------------------------------------

    /**
     * The board's SOC against the SOC its cells' rest voltages suggest, once per rest period (at its latest sample).
     *
     * @param ocvSoc_pct        the mean of the cells' SOC read off the OCV curve
     * @param drift_pct         reported minus OCV SOC
     * @param slope_mVPerPct    how steep the OCV curve is there; {@code trusted} when steep enough
     */
    public record RestPoint(long time_ms, int reportedSoc_pct, double ocvSoc_pct, double drift_pct,
                            double slope_mVPerPct, boolean trusted) {
    }

    /**
     * @param points            rest points, oldest first (at most the last 1000 rest periods)
     * @param maxDrift_pct      the largest |drift| among trusted points (0 when none)
     * @param latestDrift_pct   the drift of the latest trusted point (0 when none)
     * @param threshold_pct     |drift| at which the latest trusted point raises a warning
     * @param beyondThreshold   the latest trusted point's |drift| is at or over the threshold
     * @param trustedPoints     how many points were on a steep enough part of the curve
     * @param text              what was found and where the OCV curve can be trusted, in words
     */
    public record SocDrift(List<RestPoint> points, double maxDrift_pct, double latestDrift_pct, double threshold_pct,
                           boolean beyondThreshold, int trustedPoints, String text) {
        public SocDrift {
            points = List.copyOf(points);
        }
    }
}
