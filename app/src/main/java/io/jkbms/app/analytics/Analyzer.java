package io.jkbms.app.analytics;

import io.jkbms.app.analytics.AnalyticsReport.CellSelfDischarge;
import io.jkbms.app.analytics.AnalyticsReport.WeakCell;
import io.jkbms.app.analytics.AnalyticsReport.WeakReason;
import io.jkbms.app.history.Sample;
import io.jkbms.core.board.Chemistry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Pack analytics from one board's raw samples, streamed in time order: cell resistance, learned capacity and state of
 * health, balancing effectiveness, weak cells and SOC drift. Memory is bounded whatever the length of the stream (each
 * part keeps fixed-size summaries, never the samples), so 30 days of 1 s samples pass through without being held.
 * {@link #accept} and {@link #report} may be called from different threads.
 *
 * <p><b>Ends of the charge.</b> The board's settings are not seen, so the marks are per chemistry
 * ({@link ChemistryLimits}; LFP: 3.40/3.55 V at the top, 2.95/2.80 V at the bottom). C/20 is of the nominal capacity.
 * <ul>
 *   <li><b>Full</b>: the highest cell at or above the top mark with at most C/20 flowing (the charger tapered in CV,
 *       or the board stopped the charge), or at or above the over mark at any current (the over-voltage cut is due).
 *       </li>
 *   <li><b>Empty</b>: the lowest cell at or below the empty mark with at most C/20 flowing, or at or below the deep mark
 *       at any current (the under-voltage cut is due).</li>
 * </ul>
 * An end is remembered at the last sample still meeting it, so a full point is where the CV taper or the rest at the top
 * ended and an empty point is where the discharge was cut.
 *
 * <p><b>A full cycle</b> is a full point followed by an empty point (DISCHARGE: the charge taken out between them) or an
 * empty point followed by a full point (CHARGE: the charge put in), counted by integrating {@code current_mA} over
 * {@code time_ms}, provided that no gap lies between the two, they are at most 10 days apart, at most 10 % of the result
 * flowed the other way in between, and the result is at least 30 % of nominal. Because the board stops at the first cell
 * to reach a limit, what is learned is the usable capacity of the pack: the capacity of its weakest cell when the pack
 * is balanced at the top. The learned capacity is the mean of the last three discharge cycles (charge cycles until a
 * discharge cycle is seen); state of health is that over the nominal capacity.
 *
 * <p><b>The other figures</b>, each explained where it is computed: resistance from sharp current steps
 * ({@code ResistanceEstimator}); the spread per hour and its trend ({@code BalancingTracker}); each cell's
 * self-discharge beyond the median, from the balancer's net charge into it and its place among the cells at comparable
 * points ({@code SelfDischargeTracker}); the capacity-weak cell, lowest at the bottom and highest at the top
 * ({@code EndsTracker}); the board's SOC against the rest voltage's where the OCV curve is steep enough
 * ({@code SocDriftChecker}).
 *
 * <p><b>Gaps.</b> A time jump over 10 s or a change of cell count restarts step and rest detection and stops a cycle
 * from spanning it; what was learned stays. A cell-count change also forgets the per-cell places compared for
 * self-discharge and weak cells (they belonged to another pack). Samples not later than the previous one are ignored.
 */
public final class Analyzer {
    public static final long GAP_ms = 10_000;

    private final Chemistry chemistry;
    private final int nominal_mAh;
    private final ChemistryLimits limits;
    private final int taper_mA;
    private final int rest_mA;

    private final ResistanceEstimator resistance;
    private final CapacityLearner capacity;
    private final EndSessions sessions = new EndSessions();
    private final EndsTracker ends;
    private final BalancingTracker balancing = new BalancingTracker();
    private final SelfDischargeTracker selfDischarge;
    private final SocDriftChecker socDrift;

    private Sample prev;
    private long samples;
    private long firstTime_ms;
    private long lastTime_ms;
    private long gaps;
    private long segment;
    private int cells;
    private long restSince_ms = -1;

    public Analyzer(Chemistry chemistry, int nominalCapacity_mAh) {
        this.chemistry = Objects.requireNonNull(chemistry, "chemistry");
        if (nominalCapacity_mAh <= 0) {
            throw new IllegalArgumentException("the nominal capacity must be > 0 mAh, was " + nominalCapacity_mAh);
        }
        this.nominal_mAh = nominalCapacity_mAh;
        this.limits = ChemistryLimits.of(chemistry);
        this.taper_mA = Math.max(200, nominalCapacity_mAh / 20);
        // foxBMS calls |I| < 200 mA rest; a large pack's own standby draw may be a little more.
        this.rest_mA = Math.max(200, nominalCapacity_mAh / 100);
        this.resistance = new ResistanceEstimator(nominalCapacity_mAh);
        this.capacity = new CapacityLearner(nominalCapacity_mAh);
        this.ends = new EndsTracker(chemistry, nominalCapacity_mAh);
        this.selfDischarge = new SelfDischargeTracker(chemistry, nominalCapacity_mAh);
        this.socDrift = new SocDriftChecker(chemistry);
    }

    /** One raw sample of the board, later than the previous one. */
    public synchronized void accept(Sample s) {
        Objects.requireNonNull(s, "sample");
        if (prev != null && s.time_ms() <= prev.time_ms()) {
            return;
        }
        boolean countChanged = prev != null && s.cells() != prev.cells();
        boolean gap = prev == null || countChanged || s.time_ms() - prev.time_ms() > GAP_ms;
        if (prev != null && gap) {
            gaps++;
            segment++;
            resistance.reset();
        }
        if (countChanged) {
            selfDischarge.cellCountChanged();
            ends.cellCountChanged();
        }
        long dt_ms = gap ? 0 : s.time_ms() - prev.time_ms();
        if (samples == 0) {
            firstTime_ms = s.time_ms();
        }
        samples++;
        lastTime_ms = s.time_ms();
        cells = s.cells();

        boolean still = Math.abs(s.current_mA()) <= rest_mA;
        if (!still) {
            restSince_ms = -1;
        } else if (restSince_ms < 0 || gap) {
            restSince_ms = s.time_ms(); // after a gap nobody knows whether the pack rested through it
        }
        long rest_ms = restSince_ms < 0 ? 0 : s.time_ms() - restSince_ms;

        int max_mV = Integer.MIN_VALUE;
        int min_mV = Integer.MAX_VALUE;
        for (int v : s.cell_mV()) {
            max_mV = Math.max(max_mV, v);
            min_mV = Math.min(min_mV, v);
        }
        boolean calm = Math.abs(s.current_mA()) <= taper_mA;
        boolean full = max_mV >= limits.over_mV() || (max_mV >= limits.top_mV() && calm);
        boolean empty = min_mV <= limits.deep_mV() || (min_mV <= limits.empty_mV() && calm);

        resistance.accept(s);
        if (dt_ms > 0) {
            selfDischarge.accept(prev, dt_ms);
        }
        capacity.accept(prev, s, dt_ms, full, empty, segment);
        EndSessions.Kind ended = sessions.update(s.time_ms(), full, empty);
        if (ended != EndSessions.Kind.NONE) {
            ends.ended(ended, s.cells());
            if (ended == EndSessions.Kind.FULL) {
                selfDischarge.topEnded(s.time_ms(), s.cells());
            }
        }
        EndSessions.Kind at = sessions.current();
        ends.accept(s, at, at == EndSessions.Kind.FULL ? full : at == EndSessions.Kind.EMPTY && empty);
        balancing.accept(s, rest_ms, max_mV >= limits.top_mV() && calm);
        if (socDrift.accept(s, rest_ms, restSince_ms)) {
            selfDischarge.trustedRest(s.time_ms(), s.cell_mV());
        }
        prev = s;
    }

    /** What has been learned so far; never null, and cheap enough to call on every page view. */
    public synchronized AnalyticsReport report() {
        AnalyticsReport.Resistance r = resistance.report(cells);
        AnalyticsReport.Capacity c = capacity.report();
        AnalyticsReport.Balancing b = balancing.report();
        AnalyticsReport.SelfDischarge sd = selfDischarge.report(cells);
        AnalyticsReport.SocDrift d = socDrift.report();
        List<WeakCell> weak = new ArrayList<>(ends.report(cells));
        weak.addAll(leakers(sd));

        List<String> warnings = new ArrayList<>();
        for (AnalyticsReport.HighResistance h : r.high()) {
            warnings.add(String.format(Locale.ROOT, "Cell %d's resistance is %.0f %% above the other cells' (%.2f mΩ"
                            + " against a median of %.2f mΩ): a weak cell or a poor connection; check its busbar.",
                    h.cell(), h.above_pct(), h.resistance_mOhm(), h.othersMedian_mOhm()));
        }
        if (c.learned() && c.soh_pct() < 80) {
            warnings.add(String.format(Locale.ROOT, "State of health %.0f %%: the pack holds %.1f Ah of its nominal"
                    + " %.1f Ah.", c.soh_pct(), c.learnedCapacity_mAh() / 1000, nominal_mAh / 1000.0));
        }
        double span_days = (lastTime_ms - firstTime_ms) / 86_400_000.0;
        if (b.trendBasis() != AnalyticsReport.TrendBasis.NONE && span_days >= 1 && b.trend_mVPerDay() >= 5) {
            warnings.add(String.format(Locale.ROOT, "The cell spread grows by %.0f mV a day (%s): the balancer is not"
                    + " keeping up.", b.trend_mVPerDay(), b.trendBasis().name().toLowerCase(Locale.ROOT)));
        }
        for (WeakCell w : weak) {
            warnings.add(w.text());
        }
        if (d.beyondThreshold()) {
            warnings.add(d.text());
        }
        return new AnalyticsReport(chemistry, nominal_mAh, samples, firstTime_ms, lastTime_ms, gaps, cells, r, c, b,
                sd, weak, d, warnings);
    }

    /** Cells losing charge clearly faster than the median, the fastest first. */
    private static List<WeakCell> leakers(AnalyticsReport.SelfDischarge sd) {
        List<CellSelfDischarge> fast = new ArrayList<>();
        for (CellSelfDischarge c : sd.cells()) {
            if (c.excess_pctPerDay() >= SelfDischargeTracker.FLAG_pctPerDay) {
                fast.add(c);
            }
        }
        fast.sort(Comparator.comparingDouble(CellSelfDischarge::excess_pctPerDay).reversed());
        List<WeakCell> out = new ArrayList<>();
        for (CellSelfDischarge c : fast) {
            Map<String, Double> evidence = new LinkedHashMap<>();
            evidence.put("excessSelfDischarge_pctPerDay", c.excess_pctPerDay());
            evidence.put("balancedIn_mAh", c.balancedIn_mAh());
            evidence.put("window_days", sd.window_days());
            String how = sd.basis() == AnalyticsReport.WindowBasis.TOP
                    ? String.format(Locale.ROOT, "the balancer moved %.1f Ah into it in %.1f days",
                    c.balancedIn_mAh() / 1000, sd.window_days())
                    : String.format(Locale.ROOT, "from its place at rest and the balancer's %.1f Ah into it over %.1f"
                    + " days", c.balancedIn_mAh() / 1000, sd.window_days());
            out.add(new WeakCell(c.cell(), WeakReason.FASTEST_SELF_DISCHARGE, String.format(Locale.ROOT,
                    "Cell %d loses about %.1f %% of its capacity a day more than the median cell (%s): it self-discharges"
                            + " fast, a sign of an internal fault; have it checked.", c.cell(), c.excess_pctPerDay(), how),
                    evidence));
        }
        return out;
    }
}
