package io.jkbms.firmware.outputs;

import io.jkbms.core.event.Event;
import io.jkbms.core.event.EventListener;
import io.jkbms.core.event.EventType;
import io.jkbms.core.event.Phase;
import io.jkbms.firmware.fsm.StateMachine;

/**
 * The discharge MOSFETs with their precharge: when discharge is switched on and a precharge time is set, the precharge
 * resistor charges the load's capacitors first, then the MOSFETs close — but only if the load side has come up to
 * 90 % of the pack: a load that stays low is a short or far too big a load, and closing onto it would only trip the
 * short-circuit protection. A failed precharge is retried after 1 min, then 2, 4, … up to an hour; switching
 * discharge off and on again retries at once. Switching off is immediate.
 */
public final class DischargePath {
    public enum State { OFF, PRECHARGING, ON, FAILED }

    private static final int PRECHARGED_pct = 90;
    private static final long RETRY_ms = 60_000;
    private static final long RETRY_MAX_ms = 3_600_000;

    private final StateMachine<State> fsm;
    private int failures;

    public DischargePath(long now_ms) {
        fsm = new StateMachine<>(State.OFF, now_ms);
    }

    /** @param pack_mV,load_mV the pack and the load side, calibrated alike */
    public void step(long now_ms, boolean want, int precharge_s, int pack_mV, int load_mV, EventListener events) {
        switch (fsm.state()) {
            case FAILED:
                long backoff = Math.min(RETRY_MAX_ms, RETRY_ms << Math.min(10, failures - 1));
                if (!want) {
                    failures = 0;
                    fsm.go(State.OFF, now_ms);
                } else if (fsm.elapsed_ms(now_ms) >= backoff) {
                    fsm.go(State.OFF, now_ms);
                    step(now_ms, true, precharge_s, pack_mV, load_mV, events);
                }
                break;
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
                    if ((long) load_mV * 100 >= (long) pack_mV * PRECHARGED_pct) {
                        failures = 0;
                        fsm.go(State.ON, now_ms);
                        events.onEvent(Event.of(now_ms, EventType.PRECHARGE, Phase.STOP, "precharge done"));
                    } else {
                        failures++;
                        fsm.go(State.FAILED, now_ms);
                        events.onEvent(new Event(now_ms, EventType.PRECHARGE, Phase.STOP, Event.NO_CELL, load_mV, "mV",
                                "precharge failed: the load side stayed at " + load_mV + " mV of " + pack_mV
                                        + " mV (a short or too large a load); discharge stays off"));
                    }
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

    public State state() {
        return fsm.state();
    }

    public boolean mosOn() {
        return fsm.is(State.ON);
    }

    public boolean precharging() {
        return fsm.is(State.PRECHARGING);
    }
}
