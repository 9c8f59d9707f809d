package io.jkbms.firmware.emergency;

import io.jkbms.core.event.EventType;
import io.jkbms.core.event.Phase;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.telemetry.Alarm;
import io.jkbms.core.telemetry.PowerState;
import io.jkbms.firmware.FirmwareConstants;
import io.jkbms.firmware.Rig;
import io.jkbms.firmware.Switch;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmergencyTest {

    @Test
    void emergencyForcesBothMosfetsOnForThirtyMinutes() {
        Rig rig = Rig.lfp16();
        rig.bms.setSwitch(Switch.CHARGE, false, "test");
        rig.bms.setSwitch(Switch.DISCHARGE, false, "test");
        rig.run(100);
        assertThat(rig.board.chargeMos).isFalse();
        rig.bms.startEmergency();
        rig.run(100);
        assertThat(rig.board.chargeMos).isTrue();
        assertThat(rig.board.dischargeMos).isTrue();
        assertThat(rig.bms.telemetry().emergency()).isTrue();
        rig.run(30 * 60_000 - 1_100);
        assertThat(rig.bms.telemetry().emergencyRemaining_s()).isEqualTo(1);
        assertThat(rig.board.dischargeMos).isTrue();
        rig.run(1_000);
        assertThat(rig.bms.emergencyActive()).isFalse();
        assertThat(rig.board.chargeMos).isFalse();
        assertThat(rig.board.dischargeMos).isFalse();
        assertThat(rig.events(EventType.EMERGENCY, Phase.STOP).get(0).detail()).contains("time over");
    }

    @Test
    void theEmergencyTimeIsASetting() {
        Rig rig = Rig.lfp16();
        rig.set(SettingKey.EMERGENCY_MINUTES, 5);
        rig.bms.startEmergency();
        rig.run(5 * 60_000 - 100);
        assertThat(rig.bms.emergencyActive()).isTrue();
        rig.run(200);
        assertThat(rig.bms.emergencyActive()).isFalse();
    }

    @Test
    void emergencyKeepsTheBoardOnBelowTheAutoShutdownVoltageAndOverridesUnderVoltage() {
        Rig rig = Rig.lfp16();
        rig.board.cells(2400);
        rig.bms.startEmergency();
        rig.run(FirmwareConstants.POWER_OFF_DELAY_ms * 3);
        assertThat(rig.bms.powerState()).isEqualTo(PowerState.ON);
        assertThat(rig.board.dischargeMos).isTrue();
        // The protections still see and report the condition.
        assertThat(rig.bms.telemetry().alarms()).contains(Alarm.CELL_UVP, Alarm.POWER_OFF);
        rig.bms.stopEmergency();
        rig.run(100);
        assertThat(rig.bms.powerState()).isEqualTo(PowerState.OFF);
    }

    @Test
    void emergencyStartedAfterAButtonWakeBelowTheShutdownVoltagePowersTheLoad() {
        Rig rig = Rig.lfp16();
        rig.board.cells(2450);
        rig.run(FirmwareConstants.POWER_OFF_DELAY_ms + 100);
        assertThat(rig.bms.powerState()).isEqualTo(PowerState.OFF);
        rig.board.pressButton();
        rig.run(10_000);
        rig.bms.startEmergency();
        rig.run(10 * 60_000);
        assertThat(rig.bms.powerState()).isEqualTo(PowerState.ON);
        assertThat(rig.board.dischargeMos).isTrue();
    }

    @Test
    void theShortCircuitProtectionStillActsInEmergency() {
        Rig rig = Rig.lfp16();
        rig.bms.startEmergency();
        rig.run(100);
        rig.board.shortCircuit();
        rig.run(1_000);
        assertThat(rig.board.dischargeMos).isFalse();
        assertThat(rig.board.chargeMos).isFalse();
        assertThat(rig.bms.emergencyActive()).isTrue();
    }

    @Test
    void emergencyNeedsTheBoardRunning() {
        Rig rig = Rig.lfp16();
        rig.bms.powerOff();
        assertThatThrownBy(rig.bms::startEmergency).hasMessageContaining("needs the board running");
    }

    @Test
    void emergencyKeepsTheBoardAwake() {
        Rig rig = Rig.lfp16();
        rig.set(SettingKey.SLEEP_DELAY_h, 1);
        rig.set(SettingKey.EMERGENCY_MINUTES, 255);
        rig.bms.startEmergency();
        rig.run(2 * 3_600_000L);
        assertThat(rig.bms.powerState()).isEqualTo(PowerState.ON);
    }
}
