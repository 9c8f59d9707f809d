package io.jkbms.firmware.power;

import io.jkbms.core.event.EventType;
import io.jkbms.core.event.Phase;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.telemetry.PowerState;
import io.jkbms.firmware.FirmwareConstants;
import io.jkbms.firmware.Rig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PowerManagerTest {
    private static final long HOUR_ms = 3_600_000L;

    @Test
    void firstPowerUpIsAnActivation() {
        Rig rig = Rig.lfp16();
        assertThat(rig.bms.powerState()).isEqualTo(PowerState.ON);
        assertThat(rig.events(EventType.ACTIVATION).get(0).detail()).isEqualTo(WakeSource.POWER_UP.words());
        assertThat(rig.bms.telemetry().powerOnCount()).isEqualTo(1);
    }

    @Test
    void twentySixHoursBelowOneAmpereSendTheBoardToSleep() {
        Rig rig = Rig.lfp16();
        rig.board.current(999);
        rig.run(26 * HOUR_ms - 1_000);
        assertThat(rig.bms.powerState()).isEqualTo(PowerState.ON);
        rig.run(1_100);
        assertThat(rig.bms.powerState()).isEqualTo(PowerState.SLEEP);
        assertThat(rig.board.lowPower).isTrue();
        assertThat(rig.board.chargeMos).isFalse();
        assertThat(rig.board.dischargeMos).isFalse();
        assertThat(rig.events(EventType.SLEEP, Phase.START).get(0).detail()).contains("26 h");
    }

    @Test
    void oneAmpereKeepsTheBoardAwakeAndRestartsTheIdleTime() {
        Rig rig = Rig.lfp16();
        rig.run(25 * HOUR_ms);
        rig.board.current(-1_000);
        rig.run(1_000);
        rig.board.current(0);
        rig.run(25 * HOUR_ms);
        assertThat(rig.bms.powerState()).isEqualTo(PowerState.ON);
        rig.run(HOUR_ms);
        assertThat(rig.bms.powerState()).isEqualTo(PowerState.SLEEP);
    }

    @Test
    void theSleepDelayIsASettingAndSleepCanBeSwitchedOff() {
        Rig rig = Rig.lfp16();
        rig.set(SettingKey.SLEEP_DELAY_h, 2);
        rig.run(2 * HOUR_ms + 100);
        assertThat(rig.bms.powerState()).isEqualTo(PowerState.SLEEP);

        Rig never = Rig.lfp16();
        never.set(SettingKey.SLEEP_ENABLED, 0);
        never.run(30 * HOUR_ms);
        assertThat(never.bms.powerState()).isEqualTo(PowerState.ON);
    }

    @Test
    void anIdlePackWithACellBelowTheSmartSleepVoltageSleepsAfterAMinute() {
        Rig rig = Rig.lfp16();
        rig.board.cell(3, 2599);
        rig.run(FirmwareConstants.SMART_SLEEP_DELAY_ms - 200);
        assertThat(rig.bms.powerState()).isEqualTo(PowerState.ON);
        rig.run(300);
        assertThat(rig.bms.powerState()).isEqualTo(PowerState.SLEEP);
        assertThat(rig.events(EventType.SLEEP, Phase.START).get(0).detail()).contains("cell 3");
    }

    @Test
    void aCellAtTheSmartSleepVoltageDoesNotSleepEarly() {
        Rig rig = Rig.lfp16();
        rig.board.cell(3, 2600);
        rig.run(10 * 60_000);
        assertThat(rig.bms.powerState()).isEqualTo(PowerState.ON);
    }

    @Test
    void aChargerTwoVoltsAboveThePackWakesASleepingBoard() {
        Rig rig = Rig.lfp16();
        rig.set(SettingKey.SLEEP_DELAY_h, 1);
        rig.run(HOUR_ms + 100);
        assertThat(rig.bms.powerState()).isEqualTo(PowerState.SLEEP);
        int pack = rig.board.readPackVoltage_mV();
        rig.board.load(pack + 1_999);
        rig.run(1_000);
        assertThat(rig.bms.powerState()).isEqualTo(PowerState.SLEEP);
        rig.board.load(pack + 2_000);
        rig.run(100);
        assertThat(rig.bms.powerState()).isEqualTo(PowerState.ON);
        assertThat(rig.board.lowPower).isFalse();
        assertThat(rig.board.chargeMos).isTrue();
        assertThat(rig.events(EventType.WAKE).get(0).detail()).isEqualTo(WakeSource.CHARGER.words());
        assertThat(rig.has(EventType.SLEEP, Phase.STOP)).isTrue();
        assertThat(rig.bms.telemetry().powerOnCount()).isEqualTo(2);
    }

    @Test
    void theButtonAndTheDisplayWakeTheBoard() {
        Rig rig = Rig.lfp16();
        rig.bms.powerOff();
        rig.run(1_000);
        assertThat(rig.bms.powerState()).isEqualTo(PowerState.OFF);
        rig.board.pressButton();
        rig.run(100);
        assertThat(rig.bms.powerState()).isEqualTo(PowerState.ON);
        assertThat(rig.events(EventType.ACTIVATION).get(1).detail()).isEqualTo(WakeSource.BUTTON.words());

        rig.bms.powerOff();
        rig.board.pressDisplay();
        rig.run(100);
        assertThat(rig.bms.powerState()).isEqualTo(PowerState.ON);
        assertThat(rig.events(EventType.ACTIVATION).get(2).detail()).isEqualTo(WakeSource.DISPLAY.words());
    }

    @Test
    void aWakeCommandWakesTheBoard() {
        Rig rig = Rig.lfp16();
        rig.bms.powerOff();
        rig.run(500);
        rig.bms.wake();
        rig.run(100);
        assertThat(rig.bms.powerState()).isEqualTo(PowerState.ON);
    }

    @Test
    void powerOffTurnsEverythingOffAndNothingButAWakeSourceTurnsItOn() {
        Rig rig = Rig.lfp16();
        rig.board.cell(1, 3400);
        rig.run(1_000);
        assertThat(rig.board.balance_mA).isPositive();
        rig.bms.powerOff();
        rig.run(60_000);
        assertThat(rig.board.chargeMos).isFalse();
        assertThat(rig.board.dischargeMos).isFalse();
        assertThat(rig.board.balance_mA).isZero();
        assertThat(rig.board.displayPower).isFalse();
        assertThat(rig.board.lowPower).isTrue();
        assertThat(rig.events(EventType.POWER_OFF, Phase.START).get(0).detail()).contains("command");
    }

    @Test
    void autoShutdownAtThePowerOffVoltageThenTheButtonGivesAMinuteBeforeItShutsDownAgain() {
        Rig rig = Rig.lfp16();
        rig.board.cells(2500);
        rig.run(FirmwareConstants.POWER_OFF_DELAY_ms + 100);
        assertThat(rig.bms.powerState()).isEqualTo(PowerState.OFF);
        assertThat(rig.has(EventType.POWER_OFF, Phase.TRIP)).isTrue();
        rig.board.pressButton();
        rig.run(100);
        assertThat(rig.bms.powerState()).isEqualTo(PowerState.ON);
        rig.run(FirmwareConstants.POWER_OFF_DELAY_ms - 500);
        assertThat(rig.bms.powerState()).isEqualTo(PowerState.ON);
        rig.run(1_000);
        assertThat(rig.bms.powerState()).isEqualTo(PowerState.OFF);
    }

    @Test
    void aRestartDoesNotCloseTheMosfetsOnAPackStillBeyondALimit() {
        Rig rig = Rig.lfp16();
        rig.board.cells(2550).current(-20_000); // under the 2600 mV UVP, above the 2500 mV power-off voltage
        rig.run(5_200);
        assertThat(rig.board.dischargeMos).isFalse();
        rig.bms.powerOff();
        rig.run(1_000);
        rig.board.pressButton();
        rig.run(100);
        assertThat(rig.bms.powerState()).isEqualTo(PowerState.ON);
        assertThat(rig.board.dischargeMos).as("UVP trips at once on a restart, not after its 5 s delay").isFalse();
        assertThat(rig.board.chargeMos).isTrue();
        assertThat(rig.events(EventType.CELL_UVP, Phase.TRIP)).hasSize(2);
    }

    @Test
    void aChargerWaitingOnTheBoardKeepsItFromSleeping() {
        Rig rig = Rig.lfp16();
        rig.set(SettingKey.SLEEP_DELAY_h, 1);
        rig.board.load(rig.board.readPackVoltage_mV() + 3_000); // charging blocked (switched off), charger waits
        rig.set(SettingKey.CHARGE_ENABLED, 0);
        rig.run(2 * HOUR_ms);
        assertThat(rig.bms.powerState()).isEqualTo(PowerState.ON);
    }

    @Test
    void theDisplayIsLitForAMinuteAfterAPressOrAlwaysWhenSet() {
        Rig rig = Rig.lfp16();
        rig.run(FirmwareConstants.DISPLAY_ON_ms + 100);
        assertThat(rig.board.displayPower).isFalse();
        rig.board.pressDisplay();
        rig.run(100);
        assertThat(rig.board.displayPower).isTrue();
        rig.run(FirmwareConstants.DISPLAY_ON_ms);
        assertThat(rig.board.displayPower).isFalse();
        rig.set(SettingKey.DISPLAY_ALWAYS_ON, 1);
        rig.run(100);
        assertThat(rig.board.displayPower).isTrue();
    }

    @Test
    void runtimeCountsOnlyWhileRunning() {
        Rig rig = Rig.lfp16();
        rig.run(10_000);
        rig.bms.powerOff();
        rig.run(50_000);
        rig.board.pressButton();
        rig.run(5_000);
        assertThat(rig.bms.telemetry().runtime_s()).isEqualTo(15);
    }
}
