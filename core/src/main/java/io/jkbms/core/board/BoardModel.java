package io.jkbms.core.board;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JK-BD4AxxS-12P model: its base (20 or 24 strings) and its function suffixes in any combination, parsed from the
 * model string ({@code JK-BD4A24S-12PHCR}). Ratings are the guide's "Key Technical Specifications".
 */
public record BoardModel(int maxCells, Set<BoardFunction> functions) {

    /** Maximum continuous charge or discharge current. */
    public static final int MAX_CONTINUOUS_CURRENT_mA = 120_000;
    /** Maximum instantaneous discharge current. */
    public static final int MAX_PEAK_CURRENT_mA = 240_000;
    /** Maximum active balancing current. */
    public static final int MAX_BALANCE_CURRENT_mA = 400;
    /** Supply voltage range of the board (pack voltage it runs from). */
    public static final int MIN_SUPPLY_mV = 20_000;
    public static final int MAX_SUPPLY_mV = 100_000;
    /** Maximum main-loop resistance (B- to P- through shunt and MOSFETs). */
    public static final int MAIN_PATH_RESISTANCE_uOhm = 900;
    /** Heating film current on H models. */
    public static final int HEATING_CURRENT_mA = 10_000;
    /** One built-in (MOS) sensor; two external as standard, expandable to four. */
    public static final int MAX_EXTERNAL_SENSORS = 4;
    public static final int STANDARD_EXTERNAL_SENSORS = 2;

    private static final Pattern MODEL = Pattern.compile("(?:JK-)?BD4A(20|24)S-12P([A-Z]*)");

    public BoardModel {
        if (maxCells != 20 && maxCells != 24) {
            throw new IllegalArgumentException("a BD4A board has 20 or 24 cell channels, not " + maxCells);
        }
        functions = Collections.unmodifiableSet(functions.isEmpty()
                ? EnumSet.noneOf(BoardFunction.class) : EnumSet.copyOf(functions));
    }

    /**
     * Parses a model string such as {@code JK-BD4A24S-12PHCR} (the {@code JK-} prefix is optional, case is ignored).
     *
     * @throws IllegalArgumentException naming the string and the expected form
     */
    public static BoardModel parse(String model) {
        String s = model.trim().toUpperCase(Locale.ROOT);
        Matcher m = MODEL.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a JK-BD4AxxS-12P model: '" + model
                    + "' (expected JK-BD4A20S-12P or JK-BD4A24S-12P, optionally followed by H, C and/or R, e.g. JK-BD4A24S-12PHCR)");
        }
        EnumSet<BoardFunction> fs = EnumSet.noneOf(BoardFunction.class);
        for (char c : m.group(2).toCharArray()) {
            BoardFunction f;
            try {
                f = BoardFunction.ofSuffix(c);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("in model '" + model + "': " + e.getMessage(), e);
            }
            if (!fs.add(f)) {
                throw new IllegalArgumentException("in model '" + model + "': suffix '" + c + "' appears twice");
            }
        }
        return new BoardModel(Integer.parseInt(m.group(1)), fs);
    }

    /** The canonical model string, suffixes in the guide's order H, C, R. */
    public String name() {
        StringBuilder sb = new StringBuilder("JK-BD4A").append(maxCells).append("S-12P");
        for (BoardFunction f : BoardFunction.values()) {
            if (functions.contains(f)) {
                sb.append(f.suffix());
            }
        }
        return sb.toString();
    }

    public boolean has(BoardFunction function) {
        return functions.contains(function);
    }

    /** Refuses, with an error naming the model and the missing suffix, a function this model lacks. */
    public void require(BoardFunction function) {
        if (!has(function)) {
            throw new UnsupportedFunctionException(this, function);
        }
    }

    public BoardModel withFunction(BoardFunction function) {
        EnumSet<BoardFunction> fs = functions.isEmpty() ? EnumSet.noneOf(BoardFunction.class) : EnumSet.copyOf(functions);
        fs.add(function);
        return new BoardModel(maxCells, fs);
    }

    @Override
    public String toString() {
        return name();
    }
}
