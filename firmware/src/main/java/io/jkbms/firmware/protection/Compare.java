package io.jkbms.firmware.protection;

/**
 * Which side of its threshold trips a protection. Limits the user reads as "at" (cell over-voltage at 3.600 V) trip at
 * the threshold; current limits, which are ratings, trip only above them. Recovery is the mirror: at or beyond the
 * recovery threshold on the safe side.
 */
public enum Compare {
    AT_OR_ABOVE,
    ABOVE,
    AT_OR_BELOW;

    public boolean beyond(int value, int threshold) {
        switch (this) {
            case AT_OR_ABOVE: return value >= threshold;
            case ABOVE: return value > threshold;
            default: return value <= threshold;
        }
    }

    /** Whether {@code value} is back on the safe side of {@code recovery}. */
    public boolean recovered(int value, int recovery) {
        return this == AT_OR_BELOW ? value >= recovery : value <= recovery;
    }
}
