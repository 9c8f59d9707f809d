package io.jkbms.app.analytics;

import io.jkbms.core.board.Chemistry;
import io.jkbms.core.board.OcvCurve;

/**
 * Cell-voltage marks that tell the two ends of a charge, per chemistry. The analyzer does not see the board's settings,
 * so these are fixed per chemistry, between the OCV table's ends and the presets' protection limits.
 *
 * @param top_mV    a cell at or above this with at most C/20 flowing is full (LFP: the end of the plateau, the OCV
 *                  table's 100 % is 3392 mV; under a large charge current the plateau alone can read this high)
 * @param over_mV   a cell at or above this is full whatever the current (within 50 mV of the preset over-voltage limit)
 * @param empty_mV  a cell at or below this with at most C/20 flowing is empty (about 2–5 % on the OCV table)
 * @param deep_mV   a cell at or below this is empty whatever the current (below the table's 0 %)
 */
record ChemistryLimits(int top_mV, int over_mV, int empty_mV, int deep_mV) {

    /** Where the OCV curve is steep enough to read SOC off a rest voltage: 2.5 mV per %, so the ±3 mV of the cell ADC
     *  and the table's own error stay within a few % SOC. */
    static final double TRUSTED_SLOPE_mVPerPct = 2.5;

    static ChemistryLimits of(Chemistry c) {
        return switch (c) {
            case LFP -> new ChemistryLimits(3_400, 3_550, 2_950, 2_800);
            case NCM -> new ChemistryLimits(4_100, 4_180, 3_300, 3_000);
            case LTO -> new ChemistryLimits(2_600, 2_680, 2_100, 1_950);
        };
    }

    /** Slope of the OCV curve around {@code soc_pct}, over ±2 % (so a table point between two slopes reads their mean),
     *  in mV per %. */
    static double slope_mVPerPct(Chemistry c, double soc_pct) {
        double lo = Math.max(0, soc_pct - 2);
        double hi = Math.min(100, soc_pct + 2);
        return (OcvCurve.ocv_V(c, hi) - OcvCurve.ocv_V(c, lo)) * 1000.0 / (hi - lo);
    }

    /** The SOC ranges where the curve is trusted, in words (e.g. "0–31 % and 94–100 %"). */
    static String trustedRanges(Chemistry c) {
        StringBuilder b = new StringBuilder();
        int start = -1;
        for (int s = 0; s <= 101; s++) {
            boolean ok = s <= 100 && slope_mVPerPct(c, s) >= TRUSTED_SLOPE_mVPerPct;
            if (ok && start < 0) {
                start = s;
            } else if (!ok && start >= 0) {
                if (b.length() > 0) {
                    b.append(", ");
                }
                b.append(start).append('–').append(s - 1).append(" %");
                start = -1;
            }
        }
        return b.length() == 0 ? "nowhere" : b.toString();
    }
}
