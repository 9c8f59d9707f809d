package io.jkbms.firmware.heating;

import io.jkbms.core.board.BoardFunction;
import io.jkbms.core.board.BoardModel;
import io.jkbms.core.event.Event;
import io.jkbms.core.event.EventListener;
import io.jkbms.core.event.EventType;
import io.jkbms.core.event.Phase;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.firmware.fsm.StateMachine;
import io.jkbms.firmware.sampling.Measurements;

/**
 * The heating film (H models, 10 A): on when heating is allowed, a charger is present (the film runs from it) and the
 * coldest battery sensor is at or below the start temperature; off once the coldest reaches the stop temperature, or
 * any sensor is 10 K above it (next to the film), or a sensor fails, or the charger goes. Charging itself waits for
 * the charge low-temperature protection to recover.
 */
public final class Heater {
    public enum State { OFF, HEATING }

    /** The hottest sensor may run this far above the stop temperature before the film is switched off. */
    private static final int FILM_OVERSHOOT_dC = 100;

    private final StateMachine<State> fsm;

    public Heater(long now_ms) {
        fsm = new StateMachine<>(State.OFF, now_ms);
    }

    public void step(long now_ms, BoardModel model, Settings s, Measurements m, boolean poweredOn, EventListener events) {
        boolean sensorsOk = m.sensorFaults() == 0 && m.minBattery_dC() != Measurements.NO_TEMPERATURE_MIN;
        boolean allowed = poweredOn && model.has(BoardFunction.HEATING) && s.isOn(SettingKey.HEATING_ENABLED)
                && sensorsOk && m.chargerPresent();
        if (fsm.is(State.OFF)) {
            if (allowed && m.minBattery_dC() <= s.get(SettingKey.HEATING_START_dC)) {
                fsm.go(State.HEATING, now_ms);
                events.onEvent(new Event(now_ms, EventType.HEATING, Phase.START, Event.NO_CELL, m.minBattery_dC(), "dC",
                        m.minBattery_dC() <= s.get(SettingKey.CHARGE_UTP_dC)
                                ? "below the charge low-temperature limit: charging waits until the pack is warm"
                                : "pack below the heating start temperature"));
            }
        } else {
            String why = !allowed ? (m.chargerPresent() ? "heating not allowed" : "charger gone")
                    : m.minBattery_dC() >= s.get(SettingKey.HEATING_STOP_dC) ? "pack warm"
                    : m.maxBattery_dC() >= s.get(SettingKey.HEATING_STOP_dC) + FILM_OVERSHOOT_dC ? "sensor near the film too hot"
                    : null;
            if (why != null) {
                stop(now_ms, m, events, why);
            }
        }
    }

    public void stop(long now_ms, Measurements m, EventListener events, String why) {
        if (fsm.go(State.OFF, now_ms)) {
            int t = m.minBattery_dC() == Measurements.NO_TEMPERATURE_MIN ? 0 : m.minBattery_dC();
            events.onEvent(new Event(now_ms, EventType.HEATING, Phase.STOP, Event.NO_CELL, t, "dC", why));
        }
    }

    public boolean on() {
        return fsm.is(State.HEATING);
    }
}
