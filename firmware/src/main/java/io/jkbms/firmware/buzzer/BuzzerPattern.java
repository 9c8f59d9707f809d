package io.jkbms.firmware.buzzer;

/**
 * What the buzzer plays for each kind of fault (guide: "alert users when over-temperature, overcharge or
 * over-discharge faults occur"), highest priority first. A pattern is a bit per 100 ms slot over its period.
 */
public enum BuzzerPattern {
    /** Half a second on, half off: the most urgent. */
    OVER_TEMPERATURE(10, 0b11111),
    /** Two short beeps every two seconds. */
    OVER_DISCHARGE(20, 0b110011),
    /** One short beep every two seconds. */
    OVER_CHARGE(20, 0b11),
    SILENT(10, 0);

    public static final int SLOT_ms = 100;

    private final int periodSlots;
    private final long onSlots;

    BuzzerPattern(int periodSlots, long onSlots) {
        this.periodSlots = periodSlots;
        this.onSlots = onSlots;
    }

    /** Whether the buzzer sounds {@code elapsed_ms} into the pattern. */
    public boolean soundsAt(long elapsed_ms) {
        int slot = (int) ((elapsed_ms / SLOT_ms) % periodSlots);
        return (onSlots & (1L << slot)) != 0;
    }
}
