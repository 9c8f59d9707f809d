package io.jkbms.app.analytics;

import io.jkbms.app.analytics.AnalyticsReport.RestPoint;
import io.jkbms.app.history.Sample;
import io.jkbms.core.board.Chemistry;
import io.jkbms.core.board.OcvCurve;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The board's coulomb-counted SOC against the SOC its cells' rest voltages suggest. After 30 minutes at rest the cells'
 * polarisation has faded (foxBMS waits 10 minutes; real LFP relaxes for longer, so more margin); from then on the rest
 * period's point follows its latest sample. The OCV SOC is the mean of the cells' SOC read off the chemistry's table.
 * It is trusted only where the curve rises at least {@value ChemistryLimits#TRUSTED_SLOPE_mVPerPct} mV per %: on LFP's
 * flat plateau a few mV of ADC error or hysteresis move the reading by tens of %, so a difference there proves nothing.
 * The warning follows the latest trusted point: a full charge re-anchors the board's SOC, and a drift it fixed is no
 * longer a finding.
 */
final class SocDriftChecker {
    static final long SETTLED_ms = 30 * 60_000L;
    static final double THRESHOLD_pct = 10.0;
    static final int KEEP = 1_000;

    private final Chemistry chemistry;
    private final ArrayDeque<RestPoint> points = new ArrayDeque<>();
    private long restStartOfLast_ms = Long.MIN_VALUE;

    SocDriftChecker(Chemistry chemistry) {
        this.chemistry = chemistry;
    }

    /**
     * @param restStart_ms when the present rest began, meaningful when {@code rest_ms > 0}
     * @return true when this sample is a trusted rest point
     */
    boolean accept(Sample s, long rest_ms, long restStart_ms) {
        if (rest_ms < SETTLED_ms) {
            return false;
        }
        double ocv = 0;
        int n = s.cells();
        for (int v : s.cell_mV()) {
            ocv += OcvCurve.soc_pct(chemistry, v) / n;
        }
        double slope = ChemistryLimits.slope_mVPerPct(chemistry, ocv);
        boolean trusted = slope >= ChemistryLimits.TRUSTED_SLOPE_mVPerPct;
        RestPoint p = new RestPoint(s.time_ms(), s.soc_pct(), ResistanceEstimator.round(ocv, 1),
                ResistanceEstimator.round(s.soc_pct() - ocv, 1), ResistanceEstimator.round(slope, 2), trusted);
        if (restStart_ms == restStartOfLast_ms && !points.isEmpty()) {
            points.pollLast();
        } else if (points.size() == KEEP) {
            points.pollFirst();
        }
        points.addLast(p);
        restStartOfLast_ms = restStart_ms;
        return trusted;
    }

    AnalyticsReport.SocDrift report() {
        List<RestPoint> all = new ArrayList<>(points);
        double max = 0;
        double latest = 0;
        int trusted = 0;
        for (RestPoint p : all) {
            if (p.trusted()) {
                trusted++;
                max = Math.max(max, Math.abs(p.drift_pct()));
                latest = p.drift_pct();
            }
        }
        boolean beyond = trusted > 0 && Math.abs(latest) >= THRESHOLD_pct;
        String where = "SOC is read off the rest voltage only where the " + chemistry.name()
                + " OCV curve rises at least " + fmt(ChemistryLimits.TRUSTED_SLOPE_mVPerPct) + " mV per % ("
                + ChemistryLimits.trustedRanges(chemistry) + ")"
                + (chemistry == Chemistry.LFP ? "; on the flat LFP plateau between, a few mV mean tens of %, so rests"
                + " there are shown but not judged" : "") + ".";
        String text;
        if (all.isEmpty()) {
            text = "No rest of 30 minutes or more yet. " + where;
        } else if (trusted == 0) {
            text = all.size() + " rest point(s), none on a steep enough part of the curve to judge. " + where;
        } else if (beyond) {
            text = String.format(Locale.ROOT, "The board's SOC is %.1f %% %s the rest voltage's at the latest trusted"
                            + " rest: the capacity setting or the coulomb counter is off; a full charge"
                            + " re-anchors it. ", Math.abs(latest), latest > 0 ? "above" : "below")
                    + where;
        } else {
            text = String.format(Locale.ROOT, "The board's SOC agrees with the rest voltage within %.1f %% at %d"
                    + " trusted rest point(s) (threshold %.0f %%). ", max, trusted, THRESHOLD_pct) + where;
        }
        return new AnalyticsReport.SocDrift(all, ResistanceEstimator.round(max, 1),
                ResistanceEstimator.round(latest, 1), THRESHOLD_pct, beyond, trusted, text);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
