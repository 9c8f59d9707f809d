package io.jkbms.firmware.protection;

import io.jkbms.core.event.Event;
import io.jkbms.core.event.EventType;
import io.jkbms.core.event.Phase;
import io.jkbms.core.telemetry.Alarm;
import io.jkbms.core.telemetry.PowerState;
import io.jkbms.firmware.FirmwareConstants;
import io.jkbms.firmware.Rig;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.jkbms.firmware.protection.ProtectionEngine.State.NORMAL;
import static io.jkbms.firmware.protection.ProtectionEngine.State.PENDING;
import static io.jkbms.firmware.protection.ProtectionEngine.State.TRIPPED;
import static io.jkbms.firmware.protection.Scenarios.TICK;
import static io.jkbms.firmware.protection.Scenarios.alarms;
import static io.jkbms.firmware.protection.Scenarios.assertEvent;
import static io.jkbms.firmware.protection.Scenarios.assertMosfets;
import static io.jkbms.firmware.protection.Scenarios.assertShutDown;
import static io.jkbms.firmware.protection.Scenarios.only;
import static io.jkbms.firmware.protection.Scenarios.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Auto shutdown: the lowest cell at or below power_off_mV (LFP 2500 mV) for POWER_OFF_DELAY_ms shuts the board down;
 * only a wake-up brings it back. A 2 A load keeps the pack from counting as idle, so smart sleep (a separate feature)
 * does not get there first.
 */
class PowerOffTest {
    private static final long DELAY = FirmwareConstants.POWER_OFF_DELAY_ms;

    private static Rig draining(int lowest_mV) {
        Rig rig = Rig.lfp16();
        rig.board.cells(2600).cell(3, lowest_mV).current(-2_000);
        return rig;
    }

    @Test
    void oneMillivoltAboveThePowerOffVoltageNeverShutsDown() {
        Rig rig = draining(2501);
        rig.run(DELAY + 30_000);
        assertEquals(NORMAL, state(rig, Protection.POWER_OFF));
        assertEquals(PowerState.ON, rig.bms.powerState());
        assertFalse(rig.board.lowPower);
    }

    @Test
    void atThePowerOffVoltageTheBoardShutsDownAfterTheDelay() {
        Rig rig = draining(2500);
        rig.run(TICK);
        assertEquals(PENDING, state(rig, Protection.POWER_OFF));
        rig.run(DELAY - TICK);
        assertEquals(PENDING, state(rig, Protection.POWER_OFF));
        assertEquals(PowerState.ON, rig.bms.powerState());
        assertTrue(rig.board.chargeMos, "charge still allowed (only UVP has acted)");

        rig.run(TICK);
        assertEquals(TRIPPED, state(rig, Protection.POWER_OFF));
        assertShutDown(rig);
        assertTrue(alarms(rig).contains(Alarm.POWER_OFF), "the alarm is reported while the board is off");
        assertEvent(only(rig, EventType.POWER_OFF, Phase.TRIP), rig.now(), 3, 2500, "mV");
        Event down = only(rig, EventType.POWER_OFF, Phase.START);
        assertEquals(rig.now(), down.time_ms());
    }

    @Test
    void doesNotRecoverByItself() {
        Rig rig = draining(2500);
        rig.run(TICK + DELAY);
        assertShutDown(rig);

        rig.board.cells(3300).current(0); // cells recover, load gone: still no wake source
        rig.run(600_000);
        assertShutDown(rig);
        assertEquals(TRIPPED, state(rig, Protection.POWER_OFF));
        assertTrue(rig.events(EventType.POWER_OFF, Phase.RECOVER).isEmpty());
        assertTrue(alarms(rig).contains(Alarm.POWER_OFF));
    }

    @Test
    void aWakeUpStartsAfreshWithAllProtectionsReleased() {
        Rig rig = draining(2500);
        rig.run(TICK + DELAY);
        rig.board.cells(3300).current(0);
        rig.run(10_000);

        rig.board.pressButton();
        rig.run(TICK);
        assertEquals(PowerState.ON, rig.bms.powerState());
        assertFalse(rig.board.lowPower);
        assertEquals(NORMAL, state(rig, Protection.POWER_OFF));
        // The pack was re-anchored to 0 % SOC while it drained, so only the (alarm-only) low-capacity alarm is left.
        assertEquals(Set.of(Alarm.LOW_SOC), alarms(rig), () -> "alarms after wake: " + alarms(rig));
        assertMosfets(rig, true, true);
        assertTrue(rig.events(EventType.POWER_OFF, Phase.RECOVER).isEmpty(), "a wake-up resets, it does not recover");
    }

    @Test
    void aCellThatComesBackBeforeTheDelayRestartsTheTimer() {
        Rig rig = draining(2500);
        rig.run(TICK + 50_000);
        rig.board.cell(3, 2501);
        rig.run(TICK);
        assertEquals(NORMAL, state(rig, Protection.POWER_OFF));
        rig.board.cell(3, 2500);
        rig.run(TICK + DELAY - TICK);
        assertEquals(PowerState.ON, rig.bms.powerState(), "110 s below, but not 60 s in a row");
        rig.run(TICK);
        assertShutDown(rig);
    }

    @Test
    void emergencyModeKeepsTheBoardUpBelowThePowerOffVoltage() {
        Rig rig = draining(2500);
        rig.run(TICK);
        rig.bms.startEmergency();
        rig.run(DELAY + 10_000);
        assertEquals(TRIPPED, state(rig, Protection.POWER_OFF));
        assertEquals(PowerState.ON, rig.bms.powerState(), "guide: emergency remains active at the auto-shutdown voltage");
        assertMosfets(rig, true, true);

        rig.bms.stopEmergency();
        rig.run(TICK);
        assertShutDown(rig);
    }
}
