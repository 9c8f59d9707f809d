package io.jkbms.firmware.protection;

import io.jkbms.core.event.Event;
import io.jkbms.core.event.EventType;
import io.jkbms.core.event.Phase;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.telemetry.Alarm;
import io.jkbms.firmware.Board;
import io.jkbms.firmware.FirmwareConstants;
import io.jkbms.firmware.Rig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Set;

import static io.jkbms.firmware.protection.ProtectionEngine.State.NORMAL;
import static io.jkbms.firmware.protection.ProtectionEngine.State.PENDING;
import static io.jkbms.firmware.protection.ProtectionEngine.State.RECOVERING;
import static io.jkbms.firmware.protection.ProtectionEngine.State.TRIPPED;
import static io.jkbms.firmware.protection.Scenarios.MODEL;
import static io.jkbms.firmware.protection.Scenarios.TICK;
import static io.jkbms.firmware.protection.Scenarios.alarms;
import static io.jkbms.firmware.protection.Scenarios.assertEvent;
import static io.jkbms.firmware.protection.Scenarios.assertMosfets;
import static io.jkbms.firmware.protection.Scenarios.only;
import static io.jkbms.firmware.protection.Scenarios.soc;
import static io.jkbms.firmware.protection.Scenarios.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LOW_SOC, PARALLEL_MODULE_FAULT, GPS_DISCONNECTED (alarm only) and the GPS remote locks. */
class AlarmAndLockProtectionTest {

    // ---- low capacity ------------------------------------------------------------------------------------------------

    /**
     * SOC by coulomb counting on a 10 Ah pack (so it moves quickly): 100 A takes 1 % every 36 ticks. The alarm raises
     * on the very tick SOC reaches 10 % (not at 11 %), and clears on the tick it is back at 15 % (not at 14 %).
     */
    @Test
    void lowSocFollowsTheCountedStateOfCharge() {
        Rig rig = Rig.lfp16(MODEL, SettingsPatch.of(SettingKey.CAPACITY_mAh, 10_000));
        assertTrue(soc(rig) > 50, "starts from the 3.300 V rest voltage estimate");
        rig.board.current(-100_000);
        int ticks = 0;
        while (soc(rig) > 10) {
            assertFalse(rig.bms.protections().isActive(Protection.LOW_SOC), "no alarm at " + soc(rig) + " %");
            rig.run(TICK);
            assertTrue(++ticks < 100_000, "SOC must fall");
        }
        assertEquals(10, soc(rig));
        assertEquals(TRIPPED, state(rig, Protection.LOW_SOC), "raised on the tick SOC reached 10 %");
        assertEquals(Set.of(Alarm.LOW_SOC), alarms(rig));
        assertMosfets(rig, true, true);
        assertEvent(only(rig, EventType.LOW_SOC, Phase.TRIP), rig.now(), Event.NO_CELL, 10, "%");

        rig.board.current(100_000);
        while (soc(rig) < 15) {
            assertTrue(rig.bms.protections().isActive(Protection.LOW_SOC), "still low at " + soc(rig) + " %");
            rig.run(TICK);
            assertTrue(++ticks < 200_000, "SOC must rise");
        }
        assertEquals(15, soc(rig));
        assertEquals(NORMAL, state(rig, Protection.LOW_SOC), "released on the tick SOC reached 15 %");
        assertTrue(alarms(rig).isEmpty());
        assertEvent(only(rig, EventType.LOW_SOC, Phase.RECOVER), rig.now(), Event.NO_CELL, 15, "%");
    }

    @Test
    void lowSocBoundariesAgainstTheAlarmSetting() {
        Rig rig = Rig.lfp16();
        int s = soc(rig);
        rig.set(SettingKey.LOW_SOC_ALARM_pct, s - 1).run(5_000);
        assertEquals(NORMAL, state(rig, Protection.LOW_SOC), "SOC 1 % above the alarm level");
        rig.set(SettingKey.LOW_SOC_ALARM_pct, s).run(TICK);
        assertEquals(TRIPPED, state(rig, Protection.LOW_SOC), "SOC at the alarm level, no delay");
        rig.set(SettingKey.LOW_SOC_ALARM_pct, s - 4).run(5_000);
        assertEquals(TRIPPED, state(rig, Protection.LOW_SOC), "SOC only 4 % above the level: not recovered");
        rig.set(SettingKey.LOW_SOC_ALARM_pct, s - 5).run(TICK);
        assertEquals(NORMAL, state(rig, Protection.LOW_SOC), "SOC 5 % above the level: recovered, no hold");
    }

    // ---- parallel module ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = Board.ParallelStatus.class, names = {"ABSENT", "OK"})
    void aHealthyOrAbsentParallelModuleIsNoFault(Board.ParallelStatus status) {
        Rig rig = Rig.lfp16();
        rig.board.parallel(status);
        rig.run(10_000);
        assertEquals(NORMAL, state(rig, Protection.PARALLEL_MODULE_FAULT));
        assertTrue(alarms(rig).isEmpty());
    }

    @Test
    void aParallelModuleFaultAlarmsAfterOneSecondAndChangesNoMosfet() {
        Rig rig = Rig.lfp16();
        rig.board.parallel(Board.ParallelStatus.FAULT);
        rig.run(TICK + 900);
        assertEquals(PENDING, state(rig, Protection.PARALLEL_MODULE_FAULT));
        rig.run(TICK);
        assertEquals(TRIPPED, state(rig, Protection.PARALLEL_MODULE_FAULT));
        assertEquals(Set.of(Alarm.PARALLEL_MODULE_FAULT), alarms(rig));
        assertMosfets(rig, true, true);
        assertTrue(rig.board.parallelEnable);
        assertEvent(only(rig, EventType.PARALLEL_MODULE_FAULT, Phase.TRIP), rig.now(), Event.NO_CELL, 1, "");

        rig.board.parallel(Board.ParallelStatus.OK);
        rig.run(TICK + 1_000);
        assertEquals(RECOVERING, state(rig, Protection.PARALLEL_MODULE_FAULT));
        rig.board.parallel(Board.ParallelStatus.FAULT); // faults again within the hold
        rig.run(TICK);
        assertEquals(TRIPPED, state(rig, Protection.PARALLEL_MODULE_FAULT));
        rig.board.parallel(Board.ParallelStatus.OK);
        rig.run(TICK + 1_900);
        assertTrue(alarms(rig).contains(Alarm.PARALLEL_MODULE_FAULT));
        rig.run(TICK);
        assertEquals(NORMAL, state(rig, Protection.PARALLEL_MODULE_FAULT));
        assertTrue(alarms(rig).isEmpty());
        assertEquals(1, rig.events(EventType.PARALLEL_MODULE_FAULT, Phase.RECOVER).size());
    }

    @Test
    void withTheParallelModuleDisabledItsFaultIsIgnored() {
        Rig rig = Rig.lfp16(MODEL, SettingsPatch.of(SettingKey.PCL_DISABLED, 1));
        rig.board.parallel(Board.ParallelStatus.FAULT);
        rig.run(10_000);
        assertEquals(NORMAL, state(rig, Protection.PARALLEL_MODULE_FAULT));
        assertTrue(rig.events(EventType.PARALLEL_MODULE_FAULT).isEmpty());
        assertTrue(alarms(rig).isEmpty());
    }

    @Test
    void disablingTheParallelModuleReleasesItsFaultAtOnce() {
        Rig rig = Rig.lfp16();
        rig.board.parallel(Board.ParallelStatus.FAULT);
        rig.run(TICK + 1_000);
        assertEquals(TRIPPED, state(rig, Protection.PARALLEL_MODULE_FAULT));
        rig.set(SettingKey.PCL_DISABLED, 1).run(TICK);
        assertEquals(NORMAL, state(rig, Protection.PARALLEL_MODULE_FAULT));
        assertTrue(alarms(rig).isEmpty());
        assertEquals(rig.now(), only(rig, EventType.PARALLEL_MODULE_FAULT, Phase.RECOVER).time_ms());
    }

    // ---- GPS heartbeat -----------------------------------------------------------------------------------------------

    @Test
    void withoutTheHeartbeatSwitchGpsSilenceIsNoAlarm() {
        Rig rig = Rig.lfp16();
        rig.run(10 * FirmwareConstants.GPS_TIMEOUT_ms);
        assertEquals(NORMAL, state(rig, Protection.GPS_DISCONNECTED));
        assertTrue(rig.events(EventType.GPS_DISCONNECTED).isEmpty());
    }

    @Test
    void withTheHeartbeatSixtySecondsOfSilenceAlarms() {
        Rig rig = Rig.lfp16(MODEL, SettingsPatch.of(SettingKey.GPS_HEARTBEAT, 1));
        rig.run(FirmwareConstants.GPS_TIMEOUT_ms - TICK); // 59.9 s since power-up, no message
        assertEquals(NORMAL, state(rig, Protection.GPS_DISCONNECTED));
        rig.run(TICK);
        assertEquals(TRIPPED, state(rig, Protection.GPS_DISCONNECTED));
        assertEquals(Set.of(Alarm.GPS_DISCONNECTED), alarms(rig));
        assertMosfets(rig, true, true);
        assertEvent(only(rig, EventType.GPS_DISCONNECTED, Phase.TRIP), 60_000, Event.NO_CELL, 60_000, "ms");
    }

    @Test
    void aGpsMessageEndsTheAlarmAtOnceAndRestartsTheSilence() {
        Rig rig = Rig.lfp16(MODEL, SettingsPatch.of(SettingKey.GPS_HEARTBEAT, 1));
        rig.run(90_000);
        assertEquals(TRIPPED, state(rig, Protection.GPS_DISCONNECTED));
        rig.board.gpsMessage();
        rig.run(TICK);
        assertEquals(NORMAL, state(rig, Protection.GPS_DISCONNECTED));
        assertTrue(alarms(rig).isEmpty());
        assertEvent(only(rig, EventType.GPS_DISCONNECTED, Phase.RECOVER), rig.now(), Event.NO_CELL, 0, "ms");

        rig.run(FirmwareConstants.GPS_TIMEOUT_ms - TICK);
        assertEquals(NORMAL, state(rig, Protection.GPS_DISCONNECTED), "silence counts from the last message");
        rig.run(TICK);
        assertEquals(TRIPPED, state(rig, Protection.GPS_DISCONNECTED));
    }

    @Test
    void regularGpsMessagesKeepTheAlarmAway() {
        Rig rig = Rig.lfp16(MODEL, SettingsPatch.of(SettingKey.GPS_HEARTBEAT, 1));
        for (int i = 0; i < 10; i++) {
            rig.run(50_000);
            rig.board.gpsMessage();
        }
        rig.run(TICK);
        assertEquals(NORMAL, state(rig, Protection.GPS_DISCONNECTED));
        assertTrue(rig.events(EventType.GPS_DISCONNECTED).isEmpty());
    }

    @Test
    void switchingTheHeartbeatOffReleasesTheAlarmAtOnce() {
        Rig rig = Rig.lfp16(MODEL, SettingsPatch.of(SettingKey.GPS_HEARTBEAT, 1));
        rig.run(FirmwareConstants.GPS_TIMEOUT_ms);
        assertEquals(TRIPPED, state(rig, Protection.GPS_DISCONNECTED));
        rig.set(SettingKey.GPS_HEARTBEAT, 0).run(TICK);
        assertEquals(NORMAL, state(rig, Protection.GPS_DISCONNECTED));
        assertTrue(alarms(rig).isEmpty());
        assertEquals(1, rig.events(EventType.GPS_DISCONNECTED, Phase.RECOVER).size());
    }

    // ---- GPS remote locks --------------------------------------------------------------------------------------------

    @Test
    void gpsLockChargeTurnsOnlyTheChargeMosfetOff() {
        Rig rig = Rig.lfp16();
        rig.set(SettingKey.GPS_LOCK_CHARGE, 1);
        assertMosfets(rig, true, true); // acts on the next tick
        rig.run(TICK);
        assertEquals(TRIPPED, state(rig, Protection.GPS_LOCK_CHARGE));
        assertEquals(NORMAL, state(rig, Protection.GPS_LOCK_DISCHARGE));
        assertMosfets(rig, false, true);
        assertEquals(Set.of(Alarm.GPS_LOCK), alarms(rig));
        assertEvent(only(rig, EventType.GPS_LOCK, Phase.TRIP), rig.now(), Event.NO_CELL, 1, "");

        rig.set(SettingKey.GPS_LOCK_CHARGE, 0).run(TICK);
        assertMosfets(rig, true, true);
        assertTrue(alarms(rig).isEmpty());
        assertEquals(rig.now(), only(rig, EventType.GPS_LOCK, Phase.RECOVER).time_ms());
    }

    @Test
    void gpsLockDischargeTurnsOnlyTheDischargeMosfetOff() {
        Rig rig = Rig.lfp16();
        rig.set(SettingKey.GPS_LOCK_DISCHARGE, 1).run(TICK);
        assertEquals(TRIPPED, state(rig, Protection.GPS_LOCK_DISCHARGE));
        assertEquals(NORMAL, state(rig, Protection.GPS_LOCK_CHARGE));
        assertMosfets(rig, true, false);
        assertEquals(Set.of(Alarm.GPS_LOCK), alarms(rig));
        assertEvent(only(rig, EventType.GPS_LOCK, Phase.TRIP), rig.now(), Event.NO_CELL, 1, "");

        rig.run(600_000);
        assertMosfets(rig, true, false); // a lock holds as long as it is set
        rig.set(SettingKey.GPS_LOCK_DISCHARGE, 0).run(TICK);
        assertMosfets(rig, true, true);
        assertTrue(alarms(rig).isEmpty());
    }
}
