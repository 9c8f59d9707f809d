package io.jkbms.firmware.emergency;

import io.jkbms.core.event.Event;
import io.jkbms.core.event.EventListener;
import io.jkbms.core.event.EventType;
import io.jkbms.core.event.Phase;
import io.jkbms.firmware.fsm.StateMachine;

/**
 * Emergency mode (guide: "Emergency switch"): forces charge and discharge on for the emergency time (30 minutes by
 * default), even below the auto-shutdown voltage. Only the short-circuit protection still acts.
 */
public final class Emergency {
    public enum State { IDLE, ACTIVE }

    private final StateMachine<State> fsm;
    private long duration_ms;

    public Emergency(long now_ms) {
        fsm = new StateMachine<>(State.IDLE, now_ms);
    }

    public void start(long now_ms, int minutes, EventListener events) {
        duration_ms = minutes * 60_000L;
        fsm.go(State.IDLE, now_ms); // restarting gives a full period again
        fsm.go(State.ACTIVE, now_ms);
        events.onEvent(new Event(now_ms, EventType.EMERGENCY, Phase.START, Event.NO_CELL, minutes, "min",
                "charge and discharge forced on"));
    }

    public void stop(long now_ms, EventListener events, String why) {
        if (fsm.go(State.IDLE, now_ms)) {
            events.onEvent(Event.of(now_ms, EventType.EMERGENCY, Phase.STOP, why));
        }
    }

    public void step(long now_ms, EventListener events) {
        if (fsm.is(State.ACTIVE) && fsm.elapsed_ms(now_ms) >= duration_ms) {
            stop(now_ms, events, "emergency time over");
        }
    }

    public boolean active() {
        return fsm.is(State.ACTIVE);
    }

    public int remaining_s(long now_ms) {
        return active() ? (int) Math.max(0, (duration_ms - fsm.elapsed_ms(now_ms) + 999) / 1000) : 0;
    }
}
