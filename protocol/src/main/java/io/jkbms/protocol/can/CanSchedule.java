package io.jkbms.protocol.can;

import io.jkbms.core.settings.CanProtocol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * When each message is due, as a pure function of the time since the broadcast started: message m is due at every
 * t ≥ 0 with t ≡ phase (mod period). JK native: BATT_ST every 20 ms, the others every 100 ms, all at phase 0.
 * Pylontech: one cycle per second, its six frames 10 ms apart. No clock of its own; the transport asks.
 */
public final class CanSchedule {
    private CanSchedule() {
    }

    /** One due slot. */
    public record Due(long at_ms, CanMessage message) {
    }

    /** The messages whose slot is exactly at {@code elapsed_ms}, in frame order. */
    public static List<CanMessage> dueAt(CanProtocol protocol, long elapsed_ms) {
        List<CanMessage> out = new ArrayList<>(4);
        if (elapsed_ms < 0) {
            return out;
        }
        for (CanMessage m : CanMessage.of(protocol)) {
            if (elapsed_ms >= m.phase_ms() && (elapsed_ms - m.phase_ms()) % m.period_ms() == 0) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * The messages due in (after_ms, until_ms], each at most once, at its latest slot there, in time then frame
     * order. A caller that wakes late sends the current state once instead of a burst of stale copies, so the list
     * never has more entries than the protocol has messages.
     */
    public static List<Due> dueBetween(CanProtocol protocol, long after_ms, long until_ms) {
        List<Due> out = new ArrayList<>();
        if (until_ms <= after_ms || until_ms < 0) {
            return out;
        }
        for (CanMessage m : CanMessage.of(protocol)) {
            if (until_ms < m.phase_ms()) {
                continue;
            }
            long latest = Math.floorDiv(until_ms - m.phase_ms(), (long) m.period_ms()) * m.period_ms() + m.phase_ms();
            if (latest > after_ms) {
                out.add(new Due(latest, m));
            }
        }
        out.sort(Comparator.comparingLong(Due::at_ms).thenComparing(Due::message));
        return out;
    }

    /** The first slot of any message strictly after {@code elapsed_ms}: when the transport should wake next. */
    public static long nextAfter(CanProtocol protocol, long elapsed_ms) {
        long next = Long.MAX_VALUE;
        for (CanMessage m : CanMessage.of(protocol)) {
            long k = elapsed_ms < m.phase_ms() ? 0 : Math.floorDiv(elapsed_ms - m.phase_ms(), (long) m.period_ms()) + 1;
            next = Math.min(next, m.phase_ms() + k * m.period_ms());
        }
        return next;
    }
}
