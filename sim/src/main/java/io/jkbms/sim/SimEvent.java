package io.jkbms.sim;

import io.jkbms.core.event.Event;

import java.util.Locale;

/**
 * An event of a simulation run: the firmware's own events, and the hardware's (the short-circuit comparator, inrush),
 * timed to the microsecond. {@code source} is "firmware" or "hardware".
 */
public record SimEvent(long t_us, String event, String phase, int cell, long value, String unit, String detail,
                       String source) {

    static SimEvent of(Event e) {
        return new SimEvent(e.time_ms() * 1000, e.type().name(), e.phase().name().toLowerCase(Locale.ROOT), e.cell(),
                e.value(), e.unit(), e.detail(), "firmware");
    }

    public double t_s() {
        return t_us / 1e6;
    }
}
