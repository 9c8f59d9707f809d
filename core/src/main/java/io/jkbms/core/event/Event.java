package io.jkbms.core.event;

/**
 * Something the board did or saw, at a time on the board's clock. {@code cell} is the 1-based cell concerned, or
 * {@link #NO_CELL}; {@code value} is the measurement that caused it in {@code unit} ("mV", "mA", "dC", …, or "" when
 * there is none); {@code detail} says the rest in words.
 */
public record Event(long time_ms, EventType type, Phase phase, int cell, long value, String unit, String detail) {
    public static final int NO_CELL = 0;

    public static Event of(long time_ms, EventType type, Phase phase, String detail) {
        return new Event(time_ms, type, phase, NO_CELL, 0, "", detail);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(time_ms).append(" ms ").append(type).append(' ').append(phase);
        if (cell != NO_CELL) {
            sb.append(" cell ").append(cell);
        }
        if (!unit.isEmpty()) {
            sb.append(' ').append(value).append(' ').append(unit);
        }
        if (!detail.isEmpty()) {
            sb.append(" — ").append(detail);
        }
        return sb.toString();
    }
}
