package io.jkbms.firmware.protection;

import io.jkbms.core.event.Event;
import io.jkbms.core.event.EventType;
import io.jkbms.core.event.Phase;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.telemetry.Alarm;
import io.jkbms.firmware.Rig;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.jkbms.firmware.protection.Scenarios.MODEL;
import static io.jkbms.firmware.protection.Scenarios.TICK;
import static io.jkbms.firmware.protection.Scenarios.alarms;
import static io.jkbms.firmware.protection.Scenarios.assertEvent;
import static io.jkbms.firmware.protection.Scenarios.assertMosfets;
import static io.jkbms.firmware.protection.Scenarios.only;
import static io.jkbms.firmware.protection.Scenarios.state;
import static io.jkbms.firmware.protection.ProtectionEngine.State.NORMAL;
import static io.jkbms.firmware.protection.ProtectionEngine.State.PENDING;
import static io.jkbms.firmware.protection.ProtectionEngine.State.RECOVERING;
import static io.jkbms.firmware.protection.ProtectionEngine.State.TRIPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cell over-voltage (LFP 3600 mV, recovery 3400 mV, 5 s), under-voltage (2600 / 2900 mV, 5 s) and cell spread
 *  (300 mV, recovery 290 mV, 5 s) with the LFP preset, at 1 mV steps. */
class VoltageProtectionTest {

    // ---- cell over-voltage ---------------------------------------------------------------------------------------------

    @Test
    void ovpOneMillivoltBelowTheLimitNeverTrips() {
        Rig rig = Rig.lfp16();
        rig.board.cells(3500).cell(7, 3599);
        rig.run(60_000);
        assertEquals(NORMAL, state(rig, Protection.CELL_OVP));
        assertTrue(rig.events(EventType.CELL_OVP).isEmpty());
        assertMosfets(rig, true, true);
    }

    @Test
    void ovpAtTheLimitTripsAfterFiveSecondsNamingTheCell() {
        Rig rig = Rig.lfp16();
        rig.board.cells(3500).cell(7, 3600);
        rig.run(TICK);
        assertEquals(PENDING, state(rig, Protection.CELL_OVP), "seen on the first tick");
        rig.run(4_900); // 4.9 s after it was first seen
        assertEquals(PENDING, state(rig, Protection.CELL_OVP));
        assertMosfets(rig, true, true);
        assertTrue(alarms(rig).isEmpty());

        rig.run(TICK); // 5.0 s
        assertEquals(TRIPPED, state(rig, Protection.CELL_OVP));
        assertMosfets(rig, false, true);
        assertEquals(Set.of(Alarm.CELL_OVP), alarms(rig));
        assertEvent(only(rig, EventType.CELL_OVP, Phase.TRIP), rig.now(), 7, 3600, "mV");
    }

    @Test
    void ovpNamesTheHighestCell() {
        Rig rig = Rig.lfp16();
        rig.board.cells(3500).cell(3, 3610).cell(12, 3620).cell(15, 3605);
        rig.run(TICK + 5_000);
        assertEvent(only(rig, EventType.CELL_OVP, Phase.TRIP), rig.now(), 12, 3620, "mV");
    }

    @Test
    void ovpChargeOffLeavesDischargeAndBalancingRunning() {
        Rig rig = Scenarios.of(Protection.CELL_OVP).tripped(); // cells at 3500, cell 7 at 3600: 100 mV spread
        assertMosfets(rig, false, true);
        assertTrue(rig.bms.balancing(), "charge-off does not stop the balancer");
        assertEquals(7, rig.board.balanceSource, "balancing out of the over-voltage cell");
        assertTrue(rig.board.balance_mA > 0);
    }

    @Test
    void ovpOneMillivoltAboveTheRecoveryStaysTripped() {
        Rig rig = Scenarios.of(Protection.CELL_OVP).tripped();
        rig.board.cells(3350).cell(7, 3401);
        rig.run(30_000);
        assertEquals(TRIPPED, state(rig, Protection.CELL_OVP));
        assertMosfets(rig, false, true);
        assertTrue(rig.events(EventType.CELL_OVP, Phase.RECOVER).isEmpty());
    }

    @Test
    void ovpRecoversAtItsRecoveryVoltageAfterTheHold() {
        Rig rig = Scenarios.of(Protection.CELL_OVP).tripped();
        rig.board.cells(3350).cell(7, 3400);
        rig.run(TICK);
        assertEquals(RECOVERING, state(rig, Protection.CELL_OVP));
        rig.run(1_900);
        assertMosfets(rig, false, true);
        assertEquals(Set.of(Alarm.CELL_OVP), alarms(rig), "alarm shows while recovering");
        rig.run(TICK);
        assertEquals(NORMAL, state(rig, Protection.CELL_OVP));
        assertMosfets(rig, true, true);
        assertTrue(alarms(rig).isEmpty());
        assertEvent(only(rig, EventType.CELL_OVP, Phase.RECOVER), rig.now(), 7, 3400, "mV");
    }

    @Test
    void ovpBetweenRecoveryAndLimitNeitherTripsNorRecovers() {
        // 3500 mV: below the limit, so a fresh OVP does not start; above the recovery, so a tripped one holds.
        Rig fresh = Rig.lfp16();
        fresh.board.cells(3500);
        fresh.run(20_000);
        assertEquals(NORMAL, state(fresh, Protection.CELL_OVP));

        Rig tripped = Scenarios.of(Protection.CELL_OVP).tripped();
        tripped.board.cells(3500);
        tripped.run(20_000);
        assertEquals(TRIPPED, state(tripped, Protection.CELL_OVP));
    }

    // ---- cell under-voltage --------------------------------------------------------------------------------------------

    /** SOC-0 % anchor below the cells, so a pack near UVP is not re-anchored to 0 % (which raises LOW_SOC). */
    private static Rig uvpRig() {
        return Rig.lfp16(MODEL, SettingsPatch.of(SettingKey.SOC0_mV, 2500));
    }

    @Test
    void uvpOneMillivoltAboveTheLimitNeverTrips() {
        Rig rig = uvpRig();
        rig.board.cells(2700).cell(4, 2601);
        rig.run(30_000);
        assertEquals(NORMAL, state(rig, Protection.CELL_UVP));
        assertMosfets(rig, true, true);
    }

    @Test
    void uvpAtTheLimitTripsAfterFiveSecondsNamingTheLowestCell() {
        Rig rig = uvpRig();
        rig.board.cells(2700).cell(9, 2590).cell(4, 2600);
        rig.run(TICK + 4_900);
        assertEquals(PENDING, state(rig, Protection.CELL_UVP));
        assertMosfets(rig, true, true);
        rig.run(TICK);
        assertEquals(TRIPPED, state(rig, Protection.CELL_UVP));
        assertMosfets(rig, true, false);
        assertEquals(Set.of(Alarm.CELL_UVP), alarms(rig));
        assertEvent(only(rig, EventType.CELL_UVP, Phase.TRIP), rig.now(), 9, 2590, "mV");
    }

    @Test
    void uvpOneMillivoltBelowTheRecoveryStaysTrippedAndAtItRecoversAfterTheHold() {
        Rig rig = Scenarios.of(Protection.CELL_UVP).tripped();
        rig.board.cells(2950).cell(4, 2899);
        rig.run(20_000);
        assertEquals(TRIPPED, state(rig, Protection.CELL_UVP));
        assertMosfets(rig, true, false);

        rig.board.cell(4, 2900);
        rig.run(TICK + 1_900);
        assertEquals(RECOVERING, state(rig, Protection.CELL_UVP));
        assertMosfets(rig, true, false);
        rig.run(TICK);
        assertEquals(NORMAL, state(rig, Protection.CELL_UVP));
        assertMosfets(rig, true, true);
        assertTrue(alarms(rig).isEmpty());
        assertEvent(only(rig, EventType.CELL_UVP, Phase.RECOVER), rig.now(), 4, 2900, "mV");
    }

    @Test
    void uvpTimerRestartsWhenTheCellComesBackBeforeTheDelay() {
        Rig rig = uvpRig();
        rig.board.cells(2700).cell(4, 2600);
        rig.run(TICK + 4_000);
        rig.board.cell(4, 2601);
        rig.run(TICK);
        assertEquals(NORMAL, state(rig, Protection.CELL_UVP));
        rig.board.cell(4, 2600);
        rig.run(TICK + 4_900);
        assertEquals(PENDING, state(rig, Protection.CELL_UVP));
        rig.run(TICK);
        assertEquals(TRIPPED, state(rig, Protection.CELL_UVP));
    }

    // ---- cell spread ---------------------------------------------------------------------------------------------------

    @Test
    void cellDeltaOneMillivoltBelowTheAlarmNeverTrips() {
        Rig rig = Rig.lfp16();
        rig.board.cell(2, 3001); // 299 mV spread
        rig.run(30_000);
        assertEquals(299, rig.bms.measurements().delta_mV());
        assertEquals(NORMAL, state(rig, Protection.CELL_DELTA));
    }

    @Test
    void cellDeltaAtTheAlarmTripsAfterFiveSecondsAndOnlyAlarms() {
        Rig rig = Rig.lfp16();
        rig.board.cell(2, 3000); // 300 mV spread
        rig.run(TICK + 4_900);
        assertEquals(PENDING, state(rig, Protection.CELL_DELTA));
        rig.run(TICK);
        assertEquals(TRIPPED, state(rig, Protection.CELL_DELTA));
        assertEquals(Set.of(Alarm.CELL_DELTA), alarms(rig));
        assertMosfets(rig, true, true);
        assertTrue(rig.bms.balancing(), "an alarm-only row does not stop the balancer");
        assertEquals(2, rig.board.balanceDestination);
        Event trip = only(rig, EventType.CELL_DELTA, Phase.TRIP);
        assertEvent(trip, rig.now(), Event.NO_CELL, 300, "mV");
    }

    @Test
    void cellDeltaRecoversTenMillivoltsBelowTheAlarm() {
        Rig rig = Scenarios.of(Protection.CELL_DELTA).tripped();
        rig.board.cell(2, 3009); // 291 mV
        rig.run(20_000);
        assertEquals(TRIPPED, state(rig, Protection.CELL_DELTA));
        rig.board.cell(2, 3010); // 290 mV
        rig.run(TICK + 1_900);
        assertEquals(RECOVERING, state(rig, Protection.CELL_DELTA));
        assertTrue(alarms(rig).contains(Alarm.CELL_DELTA));
        rig.run(TICK);
        assertEquals(NORMAL, state(rig, Protection.CELL_DELTA));
        assertTrue(alarms(rig).isEmpty());
        assertEvent(only(rig, EventType.CELL_DELTA, Phase.RECOVER), rig.now(), Event.NO_CELL, 290, "mV");
    }
}
