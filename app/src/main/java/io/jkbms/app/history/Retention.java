package io.jkbms.app.history;

/**
 * How long each resolution is kept, counted back from a board's newest reading: raw readings for {@code rawDays},
 * minute roll-ups for {@code minuteDays}; hourly roll-ups are kept for good (a year of them is ~9 000 rows).
 */
public record Retention(int rawDays, int minuteDays) {
    public static final Retention DEFAULT = new Retention(30, 365);

    public Retention {
        if (rawDays < 1 || rawDays > 3650) {
            throw new IllegalArgumentException("raw history must be kept 1 to 3650 days, was " + rawDays);
        }
        if (minuteDays < rawDays || minuteDays > 36500) {
            throw new IllegalArgumentException("minute history must be kept at least as long as raw ("
                    + rawDays + " days) and at most 36500 days, was " + minuteDays);
        }
    }

    long raw_ms() {
        return rawDays * 86_400_000L;
    }

    long minute_ms() {
        return minuteDays * 86_400_000L;
    }
}
