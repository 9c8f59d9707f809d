package io.jkbms.firmware;

import io.jkbms.core.board.Chemistry;
import io.jkbms.core.event.Event;
import io.jkbms.core.event.EventType;
import io.jkbms.core.event.Phase;
import io.jkbms.core.settings.Presets;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.time.ManualClock;

import java.util.ArrayList;
import java.util.List;

/**
 * The firmware on a scripted board with a manual clock, ticking at the control period. Tests script the board, run
 * the clock and read the events and outputs.
 */
public final class Rig {
    public final ManualClock clock = new ManualClock();
    public final ScriptedBoard board;
    public final Bms bms;
    public final List<Event> events = new ArrayList<>();

    public Rig(ScriptedBoard board, Settings settings) {
        this.board = board;
        this.bms = new Bms(board, clock, settings, events::add);
        bms.tick();
    }

    /** A 16S LFP pack at 3.300 V per cell on a JK-BD4A24S-12P (or the model given), with the LFP preset. */
    public static Rig lfp16() {
        return lfp16("JK-BD4A24S-12P");
    }

    public static Rig lfp16(String model) {
        return new Rig(ScriptedBoard.lfp16(model), Presets.forChemistry(Chemistry.LFP));
    }

    public static Rig lfp16(String model, SettingsPatch overrides) {
        return new Rig(ScriptedBoard.lfp16(model), Presets.forChemistry(Chemistry.LFP).with(overrides));
    }

    /** Advances the clock by {@code ms} in control-period ticks (the last tick may be shorter). */
    public Rig run(long ms) {
        long left = ms;
        while (left > 0) {
            long step = Math.min(FirmwareConstants.CONTROL_PERIOD_ms, left);
            clock.advance(step);
            bms.tick();
            left -= step;
        }
        return this;
    }

    public Rig set(SettingKey key, int value) {
        bms.applySettings(SettingsPatch.of(key, value), "test");
        return this;
    }

    public long now() {
        return clock.now_ms();
    }

    public List<Event> events(EventType type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }

    public List<Event> events(EventType type, Phase phase) {
        return events.stream().filter(e -> e.type() == type && e.phase() == phase).toList();
    }

    public boolean has(EventType type, Phase phase) {
        return !events(type, phase).isEmpty();
    }
}
