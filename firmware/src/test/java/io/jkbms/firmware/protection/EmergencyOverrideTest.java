package io.jkbms.firmware.protection;

import io.jkbms.core.event.EventType;
import io.jkbms.core.event.Phase;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.telemetry.Alarm;
import io.jkbms.firmware.Rig;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.jkbms.firmware.protection.ProtectionEngine.State.TRIPPED;
import static io.jkbms.firmware.protection.Scenarios.MODEL;
import static io.jkbms.firmware.protection.Scenarios.TICK;
import static io.jkbms.firmware.protection.Scenarios.alarms;
import static io.jkbms.firmware.protection.Scenarios.assertMosfets;
import static io.jkbms.firmware.protection.Scenarios.celsiusFor;
import static io.jkbms.firmware.protection.Scenarios.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Emergency mode against the protections (the per-row override is in {@link ProtectionEngineTest}). */
class EmergencyOverrideTest {

    @Test
    void manyProtectionsAtOnceAreOverriddenWhileTheirAlarmsStay() {
        Rig rig = Rig.lfp16(MODEL, SettingsPatch.of(SettingKey.SOC0_mV, 2500));
        rig.board.cells(2700).cell(4, 2600)                       // under-voltage: discharge off
                .temperature_C(0, celsiusFor(900));               // MOS over-temperature: both off
        rig.set(SettingKey.GPS_LOCK_CHARGE, 1).set(SettingKey.GPS_LOCK_DISCHARGE, 1);
        rig.run(TICK + 5_000);
        assertMosfets(rig, false, false);
        Set<Alarm> before = alarms(rig);
        assertEquals(Set.of(Alarm.CELL_UVP, Alarm.MOS_OTP, Alarm.GPS_LOCK), before);

        rig.bms.startEmergency();
        rig.run(TICK);
        assertMosfets(rig, true, true);
        assertEquals(before, alarms(rig), "emergency overrides the actions, not the alarms");
        assertEquals(TRIPPED, state(rig, Protection.CELL_UVP));
        assertEquals(TRIPPED, state(rig, Protection.MOS_OTP));
    }

    @Test
    void theProtectionsActAgainWhenTheEmergencyTimeIsOver() {
        Rig rig = Rig.lfp16(MODEL, SettingsPatch.builder().set(SettingKey.SOC0_mV, 2500)
                .set(SettingKey.EMERGENCY_MINUTES, 1).build());
        rig.board.cells(2700).cell(4, 2600);
        rig.run(TICK + 5_000);
        assertMosfets(rig, true, false);

        rig.bms.startEmergency();
        rig.run(60_000 - TICK);
        assertTrue(rig.bms.emergencyActive());
        assertMosfets(rig, true, true);
        rig.run(TICK);
        assertFalse(rig.bms.emergencyActive());
        assertMosfets(rig, true, false);
        assertEquals(1, rig.events(EventType.EMERGENCY, Phase.STOP).size());
    }

    @Test
    void emergencyAlsoForcesTheSwitchesOn() {
        // Guide: "force both charge and discharge on" - the APP's own switches are overridden as well.
        Rig rig = Rig.lfp16(MODEL, SettingsPatch.builder().set(SettingKey.CHARGE_ENABLED, 0)
                .set(SettingKey.DISCHARGE_ENABLED, 0).build());
        assertMosfets(rig, false, false);
        rig.bms.startEmergency();
        rig.run(TICK);
        assertMosfets(rig, true, true);
    }
}
