package io.jkbms.sim;

import io.jkbms.core.time.Clock;

/** The simulation's virtual time, kept in microseconds so the hardware's µs events are exact; the firmware reads ms. */
final class SimClock implements Clock {
    long now_us;

    @Override
    public long now_ms() {
        return now_us / 1000;
    }
}
