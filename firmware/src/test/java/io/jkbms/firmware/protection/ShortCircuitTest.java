package io.jkbms.firmware.protection;

import io.jkbms.core.event.Event;
import io.jkbms.core.event.EventType;
import io.jkbms.core.event.Phase;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.telemetry.Alarm;
import io.jkbms.core.telemetry.PowerState;
import io.jkbms.firmware.FirmwareConstants;
import io.jkbms.firmware.Rig;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.jkbms.firmware.protection.ProtectionEngine.State.NORMAL;
import static io.jkbms.firmware.protection.ProtectionEngine.State.TRIPPED;
import static io.jkbms.firmware.protection.Scenarios.MODEL;
import static io.jkbms.firmware.protection.Scenarios.TICK;
import static io.jkbms.firmware.protection.Scenarios.alarms;
import static io.jkbms.firmware.protection.Scenarios.assertEvent;
import static io.jkbms.firmware.protection.Scenarios.assertMosfets;
import static io.jkbms.firmware.protection.Scenarios.only;
import static io.jkbms.firmware.protection.Scenarios.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Short circuit: the board's comparator (armed with SCP_THRESHOLD_mA and scp_delay_us) opens the MOSFETs by itself and
 * latches; the SCP row holds both MOSFETs off for scp_recovery_s, then the firmware clears the latch. Emergency mode
 * does not override it.
 */
class ShortCircuitTest {

    @Test
    void theComparatorIsArmedAtBootWithTheConfiguredDelay() {
        Rig rig = Rig.lfp16(MODEL, SettingsPatch.of(SettingKey.SCP_DELAY_us, 150));
        assertEquals(FirmwareConstants.SCP_THRESHOLD_mA, rig.board.scpThreshold_mA());
        assertEquals(150, rig.board.scpDelay_us());
        assertEquals(5, Rig.lfp16().board.scpDelay_us(), "guide: 5 us by default");
    }

    @Test
    void changingTheDelayReArmsTheComparator() {
        Rig rig = Rig.lfp16();
        rig.set(SettingKey.SCP_DELAY_us, 300);
        assertEquals(300, rig.board.scpDelay_us(), "re-armed as the setting changes");
        assertEquals(FirmwareConstants.SCP_THRESHOLD_mA, rig.board.scpThreshold_mA());
        rig.set(SettingKey.SCP_DELAY_us, 20);
        assertEquals(20, rig.board.scpDelay_us());
    }

    @Test
    void aDelayChangedWhileOffIsArmedAtTheNextBoot() {
        Rig rig = Rig.lfp16();
        rig.bms.powerOff();
        rig.set(SettingKey.SCP_DELAY_us, 400);
        rig.board.pressButton();
        rig.run(TICK);
        assertEquals(PowerState.ON, rig.bms.powerState());
        assertEquals(400, rig.board.scpDelay_us());
        assertEquals(FirmwareConstants.SCP_THRESHOLD_mA, rig.board.scpThreshold_mA());
    }

    @Test
    void aShortHoldsBothMosfetsOffForTheRecoveryTimeThenTheFirmwareClearsTheLatch() {
        Rig rig = Rig.lfp16();
        rig.board.current(-50_000);
        rig.run(TICK);
        rig.board.shortCircuit();
        assertTrue(rig.board.scpLatched());
        rig.run(TICK);
        assertEquals(TRIPPED, state(rig, Protection.SCP));
        long trippedAt = rig.now();
        assertMosfets(rig, false, false);
        assertEquals(Set.of(Alarm.SCP), alarms(rig));
        assertEvent(only(rig, EventType.SCP, Phase.TRIP), trippedAt, Event.NO_CELL, 1, "");
        rig.board.current(0);

        rig.run(60_000 - TICK);
        assertTrue(rig.board.scpLatched(), "the latch stays until the recovery time is over");
        assertMosfets(rig, false, false);
        assertTrue(alarms(rig).contains(Alarm.SCP));
        assertFalse(rig.bms.balancing());

        rig.run(TICK);
        assertFalse(rig.board.scpLatched(), "the firmware cleared the latch");
        assertEquals(NORMAL, state(rig, Protection.SCP));
        assertMosfets(rig, true, true);
        assertTrue(alarms(rig).isEmpty());
        assertEquals(trippedAt + 60_000, only(rig, EventType.SCP, Phase.RECOVER).time_ms());
    }

    @Test
    void theRecoveryTimeFollowsTheSetting() {
        Rig rig = Rig.lfp16(MODEL, SettingsPatch.of(SettingKey.SCP_RECOVERY_s, 7));
        rig.board.shortCircuit();
        rig.run(TICK + 7_000 - TICK);
        assertTrue(rig.board.scpLatched());
        assertMosfets(rig, false, false);
        rig.run(TICK);
        assertFalse(rig.board.scpLatched());
        assertMosfets(rig, true, true);
    }

    @Test
    void emergencyModeDoesNotOverrideAShortCircuit() {
        Rig rig = Rig.lfp16();
        rig.bms.startEmergency();
        rig.run(TICK);
        assertMosfets(rig, true, true);

        rig.board.shortCircuit();
        rig.run(TICK);
        assertTrue(rig.bms.emergencyActive());
        assertMosfets(rig, false, false);
        rig.run(30_000);
        assertMosfets(rig, false, false);
        rig.run(30_000);
        assertFalse(rig.board.scpLatched());
        assertMosfets(rig, true, true);
        assertTrue(rig.bms.emergencyActive());
    }

    @Test
    void aShortDuringAnotherProtectionStillHoldsBothOff() {
        // Charge already off for over-voltage; the short takes the discharge side too and neither comes back early.
        Rig rig = Scenarios.of(Protection.CELL_OVP).tripped();
        assertMosfets(rig, false, true);
        rig.board.shortCircuit();
        rig.run(TICK);
        assertMosfets(rig, false, false);
        assertEquals(Set.of(Alarm.CELL_OVP, Alarm.SCP), alarms(rig));
    }
}
