package io.jkbms.app.history;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** How a user names a moment of the history: an ISO-8601 instant (Z or an offset) or epoch milliseconds. */
public final class Instants {
    private Instants() {
    }

    /**
     * @param name what the value is called where it came from ("from", "--to"), for the message
     * @throws IllegalArgumentException naming the value and the forms accepted
     */
    public static long parse(String name, String value) {
        String v = value.trim();
        if (v.matches("\\d{1,18}")) {
            return Long.parseLong(v);
        }
        try {
            return Instant.parse(v).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(v).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException(name + " must be an ISO-8601 instant such as 2026-11-24T10:00:00Z,"
                        + " or epoch milliseconds; was '" + value + "'");
            }
        }
    }
}
