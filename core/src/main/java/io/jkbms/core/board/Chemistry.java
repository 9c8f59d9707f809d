package io.jkbms.core.board;

import java.util.Locale;

/**
 * The three chemistries the board is preset for, with the series ranges of the guide's "Base Models by String Count".
 * {@link #jkCode()} is the battery-type number JK boards use (4E57 id 0xAF, JK02 32S cell-info byte 275).
 */
public enum Chemistry {
    NCM("ternary lithium (NCM)", 1, 7, 20, 24),
    LFP("lithium iron phosphate (LFP)", 0, 8, 20, 24),
    LTO("lithium titanate (LTO)", 2, 14, 20, 24);

    private final String description;
    private final int jkCode;
    private final int minCells;
    private final int maxCells20S;
    private final int maxCells24S;

    Chemistry(String description, int jkCode, int minCells, int maxCells20S, int maxCells24S) {
        this.description = description;
        this.jkCode = jkCode;
        this.minCells = minCells;
        this.maxCells20S = maxCells20S;
        this.maxCells24S = maxCells24S;
    }

    public String description() {
        return description;
    }

    public int jkCode() {
        return jkCode;
    }

    public int minCells() {
        return minCells;
    }

    /** The most cells in series this chemistry may have on the given model. */
    public int maxCells(BoardModel model) {
        return model.maxCells() == 20 ? maxCells20S : maxCells24S;
    }

    public static Chemistry ofJkCode(int code) {
        for (Chemistry c : values()) {
            if (c.jkCode == code) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown JK battery type " + code + " (0 LFP, 1 ternary, 2 LTO)");
    }

    /** Parses LFP, NCM (also "ternary", "li-ion", "NMC") or LTO, ignoring case. */
    public static Chemistry parse(String s) {
        String u = s.trim().toUpperCase(Locale.ROOT);
        switch (u) {
            case "LFP": case "LIFEPO4": return LFP;
            case "NCM": case "NMC": case "TERNARY": case "LI-ION": case "LIION": return NCM;
            case "LTO": return LTO;
            default:
                throw new IllegalArgumentException("unknown chemistry '" + s + "' (allowed: LFP, NCM, LTO)");
        }
    }
}
