package io.jkbms.core.board;

/** The optional functions a model suffix enables (guide: "Function Suffix Configuration"). */
public enum BoardFunction {
    HEATING('H', "heating (10 A heating film)"),
    CAN('C', "CAN communication"),
    RS485('R', "RS485 communication");

    private final char suffix;
    private final String description;

    BoardFunction(char suffix, String description) {
        this.suffix = suffix;
        this.description = description;
    }

    public char suffix() {
        return suffix;
    }

    public String description() {
        return description;
    }

    /** The function for a suffix letter, or an exception naming the letter and the allowed ones. */
    public static BoardFunction ofSuffix(char c) {
        for (BoardFunction f : values()) {
            if (f.suffix == Character.toUpperCase(c)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown function suffix '" + c + "' (allowed: H heating, C CAN, R RS485)");
    }
}
