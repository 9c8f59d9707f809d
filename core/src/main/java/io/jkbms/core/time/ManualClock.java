package io.jkbms.core.time;

/** A clock that moves only when told to: the virtual clock of tests and of the simulation. Not thread-safe. */
public final class ManualClock implements Clock {
    private long now_ms;

    public ManualClock() {
        this(0);
    }

    public ManualClock(long start_ms) {
        if (start_ms < 0) {
            throw new IllegalArgumentException("start_ms must be >= 0, was " + start_ms);
        }
        this.now_ms = start_ms;
    }

    @Override
    public long now_ms() {
        return now_ms;
    }

    public void advance(long delta_ms) {
        if (delta_ms < 0) {
            throw new IllegalArgumentException("a clock cannot go back: delta_ms " + delta_ms);
        }
        now_ms = Math.addExact(now_ms, delta_ms);
    }
}
