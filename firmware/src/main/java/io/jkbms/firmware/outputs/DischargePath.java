package io.jkbms.firmware.outputs;

import io.jkbms.core.event.Event;
import io.jkbms.core.event.EventListener;
import io.jkbms.core.event.EventType;
import io.jkbms.core.event.Phase;
import io.jkbms.firmware.fsm.StateMachine;

/**
 * The discharge MOSFETs with their precharge: when discharge is switched on and a precharge time is set, the precharge
 * resistor charges the load's capacitors first, then the MOSFETs close. Switching off is immediate.
 */
public final class DischargePath {
    public enum State { OFF, PRECHARGING, ON }

    private final StateMachine<State> fsm;

    public DischargePath(long now_ms) {
        fsm = new StateMachine<>(State.OFF, now_ms);
    }

    public void step(long now_ms, boolean want, int precharge_s, EventListener events) {
        switch (fsm.state()) {
            case OFF:
                if (want) {
                    if (precharge_s > 0) {
                        fsm.go(State.PRECHARGING, now_ms);
                        events.onEvent(new Event(now_ms, EventType.PRECHARGE, Phase.START, Event.NO_CELL, precharge_s, "s", ""));
                    } else {
                        fsm.go(State.ON, now_ms);
                    }
                }
                break;
            case PRECHARGING:
                if (!want) {
                    fsm.go(State.OFF, now_ms);
                    events.onEvent(Event.of(now_ms, EventType.PRECHARGE, Phase.STOP, "discharge switched off"));
                } else if (fsm.elapsed_ms(now_ms) >= precharge_s * 1000L) {
                    fsm.go(State.ON, now_ms);
                    events.onEvent(Event.of(now_ms, EventType.PRECHARGE, Phase.STOP, "precharge done"));
                }
                break;
            default:
                if (!want) {
                    fsm.go(State.OFF, now_ms);
                }
        }
    }

    public void off(long now_ms) {
        fsm.go(State.OFF, now_ms);
    }

    public boolean mosOn() {
        return fsm.is(State.ON);
    }

    public boolean precharging() {
        return fsm.is(State.PRECHARGING);
    }
}
