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
 * any sensor is 10 K above it (next to the film), or a sensor fails, or an over-temperature protection is active, or
 * the charger goes. If the pack itself feeds the film (the charger is too weak for 10 A), heating stops and waits
 * five minutes before it tries again, rather than emptying the pack. Charging itself waits for the charge
 * low-temperature protection to recover.
 */
public final class Heater {
    public enum State { OFF, HEATING }

    /** The hottest sensor may run this far above the stop temperature before the film is switched off. */
    private static final int FILM_OVERSHOOT_dC = 100;
    /** The pack discharging this much while heating means the film is not fed by a charger. */
    private static final int PACK_FEEDS_FILM_mA = -500;
    private static final long PACK_FEEDS_FILM_ms = 2_000;
    /** The film pulls a weak charger's voltage down; presence is judged over this long while heating. */
    private static final long CHARGER_GONE_ms = 5_000;
    private static final long MIN_OFF_ms = 10_000;
    private static final long WEAK_CHARGER_LOCKOUT_ms = 300_000;

    private final StateMachine<State> fsm;
    private long chargerSeen_ms;
    private long packFeedsSince_ms = -1;
    private long lockedUntil_ms;
    private long lastStop_ms = Long.MIN_VALUE / 2;

    public Heater(long now_ms) {
        fsm = new StateMachine<>(State.OFF, now_ms);
    }

    /** @param overTemperature a charge, discharge or MOS over-temperature protection is active */
    public void step(long now_ms, BoardModel model, Settings s, Measurements m, boolean overTemperature,
                     EventListener events) {
        boolean sensorsOk = m.sensorFaults() == 0 && m.minBattery_dC() != Measurements.NO_TEMPERATURE_MIN;
        if (m.chargerPresent()) {
            chargerSeen_ms = now_ms;
        }
        boolean charger = fsm.is(State.HEATING) ? now_ms - chargerSeen_ms < CHARGER_GONE_ms : m.chargerPresent();
        boolean allowed = model.has(BoardFunction.HEATING) && s.isOn(SettingKey.HEATING_ENABLED)
                && sensorsOk && !overTemperature && charger;
        if (fsm.is(State.OFF)) {
            boolean rested = now_ms - lastStop_ms >= MIN_OFF_ms && now_ms >= lockedUntil_ms;
            if (allowed && rested && m.minBattery_dC() <= s.get(SettingKey.HEATING_START_dC)) {
                packFeedsSince_ms = -1;
                fsm.go(State.HEATING, now_ms);
                events.onEvent(new Event(now_ms, EventType.HEATING, Phase.START, Event.NO_CELL, m.minBattery_dC(), "dC",
                        m.minBattery_dC() <= s.get(SettingKey.CHARGE_UTP_dC)
                                ? "below the charge low-temperature limit: charging waits until the pack is warm"
                                : "pack below the heating start temperature"));
            }
        } else {
            if (m.current_mA() <= PACK_FEEDS_FILM_mA) {
                if (packFeedsSince_ms < 0) {
                    packFeedsSince_ms = now_ms;
                }
            } else {
                packFeedsSince_ms = -1;
            }
            boolean packFeeds = packFeedsSince_ms >= 0 && now_ms - packFeedsSince_ms >= PACK_FEEDS_FILM_ms;
            String why = overTemperature ? "over-temperature protection active"
                    : !charger ? "charger gone"
                    : !allowed ? "heating not allowed"
                    : packFeeds ? "the charger cannot feed the film: the pack was feeding it (retry in 5 min)"
                    : m.minBattery_dC() >= s.get(SettingKey.HEATING_STOP_dC) ? "pack warm"
                    : m.maxBattery_dC() >= s.get(SettingKey.HEATING_STOP_dC) + FILM_OVERSHOOT_dC ? "sensor near the film too hot"
                    : null;
            if (packFeeds) {
                lockedUntil_ms = now_ms + WEAK_CHARGER_LOCKOUT_ms;
            }
            if (why != null) {
                stop(now_ms, m, events, why);
            }
        }
    }

    public void stop(long now_ms, Measurements m, EventListener events, String why) {
        if (fsm.go(State.OFF, now_ms)) {
            lastStop_ms = now_ms;
            int t = m.minBattery_dC() == Measurements.NO_TEMPERATURE_MIN ? 0 : m.minBattery_dC();
            events.onEvent(new Event(now_ms, EventType.HEATING, Phase.STOP, Event.NO_CELL, t, "dC", why));
        }
    }

    public boolean on() {
        return fsm.is(State.HEATING);
    }
}
