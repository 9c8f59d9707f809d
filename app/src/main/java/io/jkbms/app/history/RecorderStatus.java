package io.jkbms.app.history;

/**
 * How recording goes (GET /api/history/status): {@code ok} false with {@code error} in words while the store cannot
 * be written (readings wait in memory, {@code pending}, and are written when it can; {@code dropped} counts the
 * oldest ones let go once the wait outgrew memory).
 */
public record RecorderStatus(String store, String board, boolean recording, boolean ok, String error,
                             String errorKind, long since_ms, long pending, long dropped, long written,
                             long lastWrite_ms, int interval_s, int rawDays, int minuteDays) {
}
