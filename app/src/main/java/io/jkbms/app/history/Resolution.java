package io.jkbms.app.history;

/** The three resolutions the history keeps: raw readings, and min / avg / max per minute and per hour. */
public enum Resolution {
    RAW("sample", 1_000), MINUTE("sample_minute", 60_000), HOUR("sample_hour", 3_600_000);

    final String table;
    public final long step_ms;

    Resolution(String table, long step_ms) {
        this.table = table;
        this.step_ms = step_ms;
    }
}
