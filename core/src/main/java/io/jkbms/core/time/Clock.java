package io.jkbms.core.time;

/**
 * A monotonic source of time in milliseconds. The firmware reads time only through this interface, so every timing
 * decision is deterministic under a {@link ManualClock} and the same inputs always give the same outputs.
 */
@FunctionalInterface
public interface Clock {
    /** Milliseconds since an arbitrary, fixed origin; never decreases. */
    long now_ms();
}
