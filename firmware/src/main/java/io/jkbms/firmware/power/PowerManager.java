package io.jkbms.firmware.power;

import io.jkbms.core.event.Event;
import io.jkbms.core.event.EventListener;
import io.jkbms.core.event.EventType;
import io.jkbms.core.event.Phase;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.telemetry.PowerState;
import io.jkbms.firmware.fsm.StateMachine;
import io.jkbms.firmware.sampling.Measurements;

import static io.jkbms.firmware.FirmwareConstants.*;

/**
 * The board's own power: running, asleep, or shut down.
 * <ul>
 *   <li>Intelligent sleep (guide): current below 1 A for the sleep delay (26 h by default) puts the board to sleep.
 *       Smart sleep: an idle pack whose lowest cell is below the smart-sleep voltage sleeps after a minute, so an
 *       emptied pack does not also feed the board.</li>
 *   <li>Auto shutdown: the POWER_OFF protection asks for it; emergency mode holds it off.</li>
 *   <li>Wake: a charger 2 V above the pack, the button, the display, or a command.</li>
 * </ul>
 */
public final class PowerManager {
    private final StateMachine<PowerState> fsm;
    private long idleSince_ms;
    private boolean wakeCommand;
    private boolean wasOff;

    public PowerManager(long now_ms) {
        fsm = new StateMachine<>(PowerState.ON, now_ms);
        idleSince_ms = now_ms;
    }

    public PowerState state() {
        return fsm.state();
    }

    public boolean on() {
        return fsm.is(PowerState.ON);
    }

    public void requestWake() {
        wakeCommand = true;
    }

    /**
     * While running: decides whether to sleep or shut down. Returns the new state.
     *
     * @param shutdownPending a cell is below the power-off voltage: auto shutdown, not smart sleep, handles it
     * @param emergency emergency mode holds off auto shutdown and sleep
     * @param heating the film is on: the board is not idle
     */
    public PowerState stepOn(long now_ms, Measurements m, Settings s, boolean shutdownRequested, boolean shutdownPending,
                             boolean emergency, boolean heating, EventListener events) {
        wakeCommand = false;
        // A charger waiting on P+ (charging blocked) would wake the board at once: sleeping or shutting down would only
        // loop. A charger that is charging shows as current instead (and below 1 A the guide's idle rule applies).
        boolean chargerWaiting = io.jkbms.firmware.sampling.Sampler.chargerPresent(m.pack_mV(), m.load_mV());
        boolean idle = Math.abs(m.current_mA()) < SLEEP_IDLE_CURRENT_mA && !emergency && !heating && !chargerWaiting;
        if (!idle) {
            idleSince_ms = now_ms;
        }
        long idle_ms = now_ms - idleSince_ms;
        if (shutdownRequested && !emergency && !chargerWaiting) {
            fsm.go(PowerState.OFF, now_ms);
            events.onEvent(Event.of(now_ms, EventType.POWER_OFF, Phase.START, "board shut down"));
        } else if (s.isOn(SettingKey.SLEEP_ENABLED)) {
            if (idle_ms >= s.get(SettingKey.SLEEP_DELAY_h) * 3_600_000L) {
                sleep(now_ms, events, "idle (below 1 A) for " + s.get(SettingKey.SLEEP_DELAY_h) + " h");
            } else if (idle_ms >= SMART_SLEEP_DELAY_ms && !shutdownPending && m.cellCount() > 0
                    && m.min_mV() < s.get(SettingKey.SMART_SLEEP_mV)) {
                sleep(now_ms, events, "idle with cell " + m.minCell() + " at " + m.min_mV()
                        + " mV, below the smart-sleep voltage");
            }
        }
        return fsm.state();
    }

    private void sleep(long now_ms, EventListener events, String why) {
        fsm.go(PowerState.SLEEP, now_ms);
        events.onEvent(Event.of(now_ms, EventType.SLEEP, Phase.START, why));
    }

    /** A command to power off (the APP's "power off"). */
    public void powerOff(long now_ms, EventListener events) {
        if (fsm.go(PowerState.OFF, now_ms)) {
            events.onEvent(Event.of(now_ms, EventType.POWER_OFF, Phase.START, "power-off command"));
        }
    }

    /**
     * While asleep or off: checks the wake sources in the guide's order of likelihood. Returns what woke the board,
     * or empty. {@code pack_mV} and {@code load_mV} are calibrated alike.
     */
    public java.util.Optional<WakeSource> stepOff(long now_ms, int pack_mV, int load_mV, boolean button, boolean display,
                                                  EventListener events) {
        WakeSource source = null;
        if (io.jkbms.firmware.sampling.Sampler.chargerPresent(pack_mV, load_mV)) {
            source = WakeSource.CHARGER;
        } else if (button) {
            source = WakeSource.BUTTON;
        } else if (display) {
            source = WakeSource.DISPLAY;
        } else if (wakeCommand) {
            source = WakeSource.COMMAND;
        }
        wakeCommand = false;
        if (source == null) {
            return java.util.Optional.empty();
        }
        PowerState was = fsm.state();
        wasOff = was == PowerState.OFF;
        fsm.go(PowerState.ON, now_ms);
        idleSince_ms = now_ms;
        if (was == PowerState.SLEEP) {
            events.onEvent(Event.of(now_ms, EventType.SLEEP, Phase.STOP, "woken by " + source.words()));
            events.onEvent(Event.of(now_ms, EventType.WAKE, Phase.CHANGE, source.words()));
        } else {
            events.onEvent(Event.of(now_ms, EventType.ACTIVATION, Phase.CHANGE, source.words()));
        }
        return java.util.Optional.of(source);
    }

    /** Whether the last wake was from shut-down (a restart) rather than from sleep. */
    public boolean wasOff() {
        return wasOff;
    }

}
