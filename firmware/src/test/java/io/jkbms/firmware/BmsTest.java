package io.jkbms.firmware;

import io.jkbms.core.board.BoardModel;
import io.jkbms.core.board.Chemistry;
import io.jkbms.core.event.Event;
import io.jkbms.core.event.EventType;
import io.jkbms.core.event.Phase;
import io.jkbms.core.settings.InvalidSettingsException;
import io.jkbms.core.settings.Presets;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BmsTest {

    @Test
    void settingsThatDoNotSuitTheModelAreRefusedAtConstruction() {
        Settings twentyFour = Presets.forChemistry(Chemistry.LFP).with(SettingKey.CELL_COUNT, 24);
        ScriptedBoard board = new ScriptedBoard(BoardModel.parse("JK-BD4A20S-12P"), 20, 3300);
        assertThatThrownBy(() -> new Bms(board, new ManualClock(), twentyFour, e -> { }))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("cell_count = 24");
    }

    @Test
    void aRejectedChangeChangesNothingAndRaisesNoEvent() {
        Rig rig = Rig.lfp16();
        Settings before = rig.bms.settings();
        int events = rig.events.size();
        SettingsPatch patch = SettingsPatch.builder()
                .set(SettingKey.BALANCE_TRIGGER_mV, 20)      // fine on its own
                .set(SettingKey.CELL_OVPR_mV, 3700)          // above OVP
                .build();
        assertThatThrownBy(() -> rig.bms.applySettings(patch, "test"))
                .isInstanceOf(InvalidSettingsException.class)
                .satisfies(e -> assertThat(((InvalidSettingsException) e).violations())
                        .singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("cell_ovpr_mV");
                            assertThat(v.value()).isEqualTo("3700");
                            assertThat(v.allowed()).contains("1000..3599 mV");
                        }));
        assertThat(rig.bms.settings()).isSameAs(before);
        assertThat(rig.events).hasSize(events);
    }

    @Test
    void anAcceptedChangeActsAndIsLoggedWithOldAndNewValues() {
        Rig rig = Rig.lfp16();
        rig.board.cell(2, 3560);
        rig.run(10_000);
        assertThat(rig.board.chargeMos).isTrue();
        rig.bms.applySettings(SettingsPatch.builder().set(SettingKey.CELL_OVP_mV, 3550)
                .set(SettingKey.CELL_OVPR_mV, 3350).build(), "app");
        rig.run(5_100);
        assertThat(rig.board.chargeMos).isFalse();
        List<Event> changes = rig.events(EventType.SETTINGS, Phase.CHANGE);
        assertThat(changes).extracting(Event::detail)
                .containsExactly("cell_ovp_mV: 3600 -> 3550 (by app)", "cell_ovpr_mV: 3400 -> 3350 (by app)");
    }

    @Test
    void switchesActOnTheMosfetsAndAreLoggedAsSwitches() {
        Rig rig = Rig.lfp16();
        rig.bms.setSwitch(Switch.DISCHARGE, false, "app");
        rig.run(100);
        assertThat(rig.board.dischargeMos).isFalse();
        assertThat(rig.board.chargeMos).isTrue();
        rig.bms.setSwitch(Switch.CHARGE, false, "app");
        rig.run(100);
        assertThat(rig.board.chargeMos).isFalse();
        assertThat(rig.events(EventType.SWITCH)).extracting(Event::detail)
                .containsExactly("discharge_enabled: true -> false (by app)", "charge_enabled: true -> false (by app)");
        assertThat(rig.bms.telemetry().chargeMos()).isFalse();
        assertThat(rig.bms.telemetry().dischargeMos()).isFalse();
    }

    @Test
    void factoryResetRestoresThePresetButKeepsThePack() {
        Rig rig = Rig.lfp16();
        rig.set(SettingKey.CAPACITY_mAh, 280_000).set(SettingKey.BALANCE_TRIGGER_mV, 25);
        rig.bms.factoryReset("app");
        assertThat(rig.bms.settings().get(SettingKey.BALANCE_TRIGGER_mV)).isEqualTo(10);
        assertThat(rig.bms.settings().get(SettingKey.CAPACITY_mAh)).isEqualTo(280_000);
        assertThat(rig.has(EventType.FACTORY_RESET, Phase.CHANGE)).isTrue();
    }

    @Test
    void telemetryShowsWhatTheAppHomepageShows() {
        Rig rig = Rig.lfp16();
        rig.board.current(-10_000).cell(5, 3290);
        rig.run(1_000);
        var t = rig.bms.telemetry();
        assertThat(t.packVoltage_mV()).isEqualTo(16 * 3300 - 10);
        assertThat(t.current_mA()).isEqualTo(-10_000);
        assertThat(t.power_mW()).isEqualTo(-(16L * 3300 - 10) * 10);
        assertThat(t.minCell()).isEqualTo(5);
        assertThat(t.delta_mV()).isEqualTo(10);
        assertThat(t.chargeMos()).isTrue();
        assertThat(t.dischargeMos()).isTrue();
        assertThat(t.alarms()).isEmpty();
        assertThat(t.wireResistance_mOhm()).hasSize(16).containsOnly(60);
        assertThat(t.time_ms()).isEqualTo(1_000);
    }

    /** The same script twice gives the same event log and the same outputs, tick by tick. */
    @Test
    void theFirmwareIsDeterministic() {
        assertThat(runScript()).isEqualTo(runScript());
    }

    private static List<String> runScript() {
        List<String> log = new ArrayList<>();
        ScriptedBoard board = ScriptedBoard.lfp16("JK-BD4A24S-12PHCR");
        ManualClock clock = new ManualClock();
        Bms bms = new Bms(board, clock, Presets.forChemistry(Chemistry.LFP).with(SettingKey.HEATING_ENABLED, 1),
                e -> log.add(e.toString()));
        java.util.Random r = new java.util.Random(42);
        for (int tick = 0; tick < 40_000; tick++) {
            clock.advance(100);
            if (tick % 50 == 0) {
                int cell = 1 + r.nextInt(16);
                board.cell(cell, 2450 + r.nextInt(1250));
                board.current(r.nextInt(260_000) - 130_000);
                board.setTemperatures_C(r.nextInt(100) - 30, r.nextInt(100) - 30, r.nextInt(100) - 30);
                board.load(r.nextBoolean() ? 60_000 : 0);
            }
            if (tick == 5_000) {
                board.shortCircuit();
            }
            if (tick == 9_000) {
                bms.startEmergency();
            }
            if (tick % 1_000 == 999) {
                board.pressButton();
            }
            bms.tick();
            log.add(board.chargeMos + " " + board.dischargeMos + " " + board.balanceSource + ">" + board.balanceDestination
                    + " " + board.heater + " " + board.buzzer + " " + bms.telemetry().soc_pct());
        }
        return log;
    }
}
