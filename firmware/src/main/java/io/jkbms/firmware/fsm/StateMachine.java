package io.jkbms.firmware.fsm;

/**
 * The one state-machine pattern of the firmware: a current state and the time it was entered. Each function (every
 * protection, power, emergency, heating, balancing, precharge) is a {@code StateMachine} over its own state enum plus
 * a {@code step(now)} that decides the next state; transitions are where events are raised.
 */
public final class StateMachine<S extends Enum<S>> {
    private S state;
    private long since_ms;

    public StateMachine(S initial, long now_ms) {
        this.state = initial;
        this.since_ms = now_ms;
    }

    public S state() {
        return state;
    }

    public boolean is(S s) {
        return state == s;
    }

    /** When the current state was entered. */
    public long since_ms() {
        return since_ms;
    }

    public long elapsed_ms(long now_ms) {
        return now_ms - since_ms;
    }

    /** Moves to {@code next}; returns whether that was a change (re-entering the same state keeps its start time). */
    public boolean go(S next, long now_ms) {
        if (next == state) {
            return false;
        }
        state = next;
        since_ms = now_ms;
        return true;
    }

    @Override
    public String toString() {
        return state + " since " + since_ms + " ms";
    }
}
