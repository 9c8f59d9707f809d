package io.jkbms.app.analytics;

import io.jkbms.app.analytics.AnalyticsReport.WeakCell;
import io.jkbms.app.analytics.AnalyticsReport.WeakReason;
import io.jkbms.app.history.Sample;
import io.jkbms.core.board.Chemistry;
import io.jkbms.core.board.OcvCurve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The capacity-weak cell: the one that is lowest at the bottom of every discharge and highest at the top of every
 * charge has the least capacity, and the pack's usable capacity is its capacity. Every pack has a smallest cell, so it
 * is named only when it is clearly smaller: at the calm moments of each visit to an end (at most C/20 flowing), its SOC
 * read off the OCV curve is compared with the median cell's; the lead at the top plus the lag at the bottom is its
 * deficit in % of capacity, and a deficit of 5 % or more (beyond a healthy pack's few % of spread) makes the warning.
 */
final class EndsTracker {
    static final double AGREE = 0.75;
    static final int MIN_VISITS = 2;
    static final double DEFICIT_pct = 5.0;
    private static final int MAX_CELLS = 32;

    private final Chemistry chemistry;
    private final int calm_mA;
    private final int[] topVotes = new int[MAX_CELLS];
    private final int[] bottomVotes = new int[MAX_CELLS];
    private final double[] topLead_pct = new double[MAX_CELLS];
    private final double[] bottomLag_pct = new double[MAX_CELLS];
    private int topVisits;
    private int bottomVisits;
    private int topCalm;
    private int bottomCalm;

    // the visit in progress
    private int extreme_mV;
    private int extremeCell;
    private final int[] calm_mV = new int[MAX_CELLS];
    private int calmCells;

    EndsTracker(Chemistry chemistry, int nominal_mAh) {
        this.chemistry = chemistry;
        this.calm_mA = Math.max(200, nominal_mAh / 20);
        clearVisit();
    }

    /** One sample while at an end ({@code holds}: the end's condition holds in this sample). */
    void accept(Sample s, EndSessions.Kind at, boolean holds) {
        if (at == EndSessions.Kind.NONE || !holds) {
            return;
        }
        int[] v = s.cell_mV();
        boolean top = at == EndSessions.Kind.FULL;
        for (int i = 0; i < v.length; i++) {
            if (extremeCell == 0 || (top ? v[i] > extreme_mV : v[i] < extreme_mV)) {
                extreme_mV = v[i];
                extremeCell = i + 1;
            }
        }
        if (Math.abs(s.current_mA()) <= calm_mA) {
            System.arraycopy(v, 0, calm_mV, 0, v.length);
            calmCells = v.length;
        }
    }

    /** A visit to an end is over: count it. */
    void ended(EndSessions.Kind kind, int cells) {
        if (extremeCell == 0 || extremeCell > cells) {
            clearVisit();
            return;
        }
        boolean top = kind == EndSessions.Kind.FULL;
        (top ? topVotes : bottomVotes)[extremeCell - 1]++;
        if (top) {
            topVisits++;
        } else {
            bottomVisits++;
        }
        if (calmCells == cells) {
            double[] soc = new double[cells];
            for (int i = 0; i < cells; i++) {
                soc[i] = OcvCurve.soc_pct(chemistry, calm_mV[i]);
            }
            double median = ResistanceEstimator.median(soc.clone(), cells);
            for (int i = 0; i < cells; i++) {
                if (top) {
                    topLead_pct[i] += soc[i] - median;
                } else {
                    bottomLag_pct[i] += median - soc[i];
                }
            }
            if (top) {
                topCalm++;
            } else {
                bottomCalm++;
            }
        }
        clearVisit();
    }

    private void clearVisit() {
        extremeCell = 0;
        extreme_mV = 0;
        calmCells = 0;
    }

    /** Another pack: its cells are not the ones voted for. */
    void cellCountChanged() {
        Arrays.fill(topVotes, 0);
        Arrays.fill(bottomVotes, 0);
        Arrays.fill(topLead_pct, 0);
        Arrays.fill(bottomLag_pct, 0);
        topVisits = bottomVisits = topCalm = bottomCalm = 0;
        clearVisit();
    }

    List<WeakCell> report(int cells) {
        List<WeakCell> out = new ArrayList<>();
        if (topVisits < MIN_VISITS || bottomVisits < MIN_VISITS || topCalm + bottomCalm == 0) {
            return out;
        }
        for (int i = 0; i < cells; i++) {
            boolean highestAtTop = topVotes[i] >= AGREE * topVisits;
            boolean lowestAtBottom = bottomVotes[i] >= AGREE * bottomVisits;
            double lead = topCalm == 0 ? 0 : topLead_pct[i] / topCalm;
            double lag = bottomCalm == 0 ? 0 : bottomLag_pct[i] / bottomCalm;
            double deficit = lead + lag;
            if (highestAtTop && lowestAtBottom && deficit >= DEFICIT_pct) {
                Map<String, Double> evidence = new LinkedHashMap<>();
                evidence.put("highestAtTop_count", (double) topVotes[i]);
                evidence.put("topVisits_count", (double) topVisits);
                evidence.put("lowestAtBottom_count", (double) bottomVotes[i]);
                evidence.put("bottomVisits_count", (double) bottomVisits);
                evidence.put("leadAtTop_pct", ResistanceEstimator.round(lead, 1));
                evidence.put("lagAtBottom_pct", ResistanceEstimator.round(lag, 1));
                evidence.put("capacityDeficit_pct", ResistanceEstimator.round(deficit, 1));
                out.add(new WeakCell(i + 1, WeakReason.LOWEST_AT_BOTTOM_AND_HIGHEST_AT_TOP, String.format(Locale.ROOT,
                        "Cell %d was the highest at the top of %d of %d charges and the lowest at the bottom of %d of %d"
                                + " discharges: it has about %.0f %% less capacity than the median cell and limits the"
                                + " pack's usable capacity.", i + 1, topVotes[i], topVisits, bottomVotes[i], bottomVisits,
                        deficit), evidence));
            }
        }
        return out;
    }
}
