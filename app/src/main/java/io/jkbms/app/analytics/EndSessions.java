package io.jkbms.app.analytics;

/**
 * Periods spent at one end of the charge (full or empty), with a hold so a charger's CV ripple or a short load at the
 * top does not split one visit to the top into many: a period ends when its condition has not held for 15 minutes, or
 * at once when the other end is reached.
 */
final class EndSessions {
    enum Kind { NONE, FULL, EMPTY }

    static final long END_HOLD_ms = 15 * 60_000L;

    private Kind current = Kind.NONE;
    private long lastHeld_ms;

    /** Advances with one sample; returns the kind of the period that ended with it, or NONE. */
    Kind update(long time_ms, boolean full, boolean empty) {
        Kind ended = Kind.NONE;
        if (current != Kind.NONE) {
            boolean holds = current == Kind.FULL ? full : empty;
            boolean other = current == Kind.FULL ? empty : full;
            if (holds && !other) {
                lastHeld_ms = time_ms;
            } else if (other || time_ms - lastHeld_ms >= END_HOLD_ms) {
                ended = current;
                current = Kind.NONE;
            }
        }
        if (current == Kind.NONE && full != empty) {
            current = full ? Kind.FULL : Kind.EMPTY;
            lastHeld_ms = time_ms;
        }
        return ended;
    }

    Kind current() {
        return current;
    }
}
