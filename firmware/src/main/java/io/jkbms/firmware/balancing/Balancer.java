package io.jkbms.firmware.balancing;

import io.jkbms.core.board.BoardModel;
import io.jkbms.core.event.Event;
import io.jkbms.core.event.EventListener;
import io.jkbms.core.event.EventType;
import io.jkbms.core.event.Phase;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.telemetry.BalancerStatus;
import io.jkbms.firmware.fsm.StateMachine;
import io.jkbms.firmware.sampling.Measurements;

import static io.jkbms.firmware.FirmwareConstants.BALANCE_RESELECT_ms;

/**
 * The energy-transfer balancer's decisions (guide: "Bidirectional Active Balancing"): when the spread between the
 * highest and the lowest cell exceeds the trigger and the highest cell is above the balance start voltage, move energy
 * from the highest cell to the lowest at the maximum balance current (at most 0.4 A); stop once the spread is below the
 * trigger. Decisions are taken once a second, so ADC noise around the trigger cannot chatter the converter; switching
 * the balancer off or a blocking protection stops it at once.
 */
public final class Balancer {
    public enum State { IDLE, BALANCING }

    private final StateMachine<State> fsm;
    private long lastDecision_ms = Long.MIN_VALUE / 2;
    private int source;
    private int destination;
    private int current_mA;

    public Balancer(long now_ms) {
        fsm = new StateMachine<>(State.IDLE, now_ms);
    }

    public void step(long now_ms, Measurements m, Settings s, boolean allowed, EventListener events) {
        boolean can = allowed && s.isOn(SettingKey.BALANCE_ENABLED) && m.cellCount() >= 2;
        if (!can) {
            stop(now_ms, m, events, "balancing not allowed");
            return;
        }
        if (now_ms - lastDecision_ms < BALANCE_RESELECT_ms) {
            return;
        }
        lastDecision_ms = now_ms;
        int trigger = s.get(SettingKey.BALANCE_TRIGGER_mV);
        boolean aboveStart = m.max_mV() >= s.get(SettingKey.BALANCE_START_mV);
        if (fsm.is(State.IDLE)) {
            if (m.delta_mV() > trigger && aboveStart) {
                choose(m, s);
                fsm.go(State.BALANCING, now_ms);
                events.onEvent(new Event(now_ms, EventType.BALANCE, Phase.START, source, m.delta_mV(), "mV",
                        "cell " + source + " -> cell " + destination + " at " + current_mA + " mA"));
            }
        } else if (m.delta_mV() < trigger || !aboveStart) {
            stop(now_ms, m, events, m.delta_mV() < trigger ? "spread below the trigger" : "below the balance start voltage");
        } else {
            choose(m, s);
        }
    }

    private void choose(Measurements m, Settings s) {
        source = m.maxCell();
        destination = m.minCell();
        current_mA = Math.min(s.get(SettingKey.BALANCE_MAX_mA), BoardModel.MAX_BALANCE_CURRENT_mA);
    }

    /** Stops balancing now (power going down, a blocking protection). */
    public void stop(long now_ms, Measurements m, EventListener events, String why) {
        if (fsm.go(State.IDLE, now_ms)) {
            events.onEvent(new Event(now_ms, EventType.BALANCE, Phase.STOP, Event.NO_CELL, m.delta_mV(), "mV", why));
        }
        source = destination = current_mA = 0;
    }

    public boolean active() {
        return fsm.is(State.BALANCING);
    }

    public int source() {
        return source;
    }

    public int destination() {
        return destination;
    }

    public int current_mA() {
        return current_mA;
    }

    public BalancerStatus status() {
        return active() ? new BalancerStatus(true, source, destination, current_mA) : BalancerStatus.IDLE;
    }
}
