package io.jkbms.firmware.protection;

import io.jkbms.core.board.Chemistry;
import io.jkbms.core.event.Event;
import io.jkbms.core.event.EventType;
import io.jkbms.core.event.Phase;
import io.jkbms.core.settings.Presets;
import io.jkbms.core.telemetry.Alarm;
import io.jkbms.firmware.FirmwareConstants;
import io.jkbms.firmware.Rig;
import io.jkbms.firmware.ScriptedBoard;
import org.junit.jupiter.api.Test;

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
import static io.jkbms.firmware.protection.Scenarios.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CELL_COUNT_MISMATCH (a channel that disagrees with the configured cell count, 3 s) and WIRE_RESISTANCE (a balance
 *  wire at or above 1000 mOhm blocks balancing; measured at boot and then every hour). */
class CellCountAndWireTest {

    // ---- cell count --------------------------------------------------------------------------------------------------

    @Test
    void aConfiguredChannelAtOneVoltStillCountsAsACell() {
        Rig rig = Rig.lfp16();
        rig.board.cell(5, 1000);
        rig.run(TICK + 3_000);
        assertEquals(16, rig.bms.measurements().connectedCells());
        assertEquals(NORMAL, state(rig, Protection.CELL_COUNT_MISMATCH));
    }

    @Test
    void aConfiguredChannelBelowOneVoltIsAMissingCellAfterThreeSeconds() {
        Rig rig = Rig.lfp16();
        rig.board.cell(5, 999);
        rig.run(TICK);
        assertEquals(15, rig.bms.measurements().connectedCells());
        assertEquals(PENDING, state(rig, Protection.CELL_COUNT_MISMATCH));
        rig.run(2_900);
        assertEquals(PENDING, state(rig, Protection.CELL_COUNT_MISMATCH));
        assertMosfets(rig, true, true);
        rig.run(TICK);
        assertEquals(TRIPPED, state(rig, Protection.CELL_COUNT_MISMATCH));
        assertMosfets(rig, false, false);
        assertTrue(alarms(rig).contains(Alarm.CELL_COUNT_MISMATCH));
        assertEvent(only(rig, EventType.CELL_COUNT_MISMATCH, Phase.TRIP), rig.now(), Event.NO_CELL, 1, "cells");
    }

    @Test
    void anExtraChannelBelowOneVoltIsNoCell() {
        Rig rig = Rig.lfp16();
        rig.board.cell(17, 999);
        rig.run(10_000);
        assertEquals(NORMAL, state(rig, Protection.CELL_COUNT_MISMATCH));
        assertMosfets(rig, true, true);
    }

    @Test
    void anExtraChannelReadingACellTripsAfterThreeSecondsBlocksBothMosfetsAndBalancing() {
        Rig rig = Rig.lfp16();
        rig.board.cell(1, 3350); // a spread the balancer would work on
        rig.run(1_000); // it decides once a second
        assertTrue(rig.bms.balancing(), "balancing before the fault");

        rig.board.cell(17, 1000);
        rig.run(TICK + 2_900);
        assertEquals(PENDING, state(rig, Protection.CELL_COUNT_MISMATCH));
        rig.run(TICK);
        assertEquals(TRIPPED, state(rig, Protection.CELL_COUNT_MISMATCH));
        assertMosfets(rig, false, false);
        assertFalse(rig.bms.balancing(), "both-off also stops balancing");
        assertEquals(0, rig.board.balance_mA);
        assertEquals(Set.of(Alarm.CELL_COUNT_MISMATCH), alarms(rig));
        assertEvent(only(rig, EventType.CELL_COUNT_MISMATCH, Phase.TRIP), rig.now(), Event.NO_CELL, 1, "cells");
    }

    @Test
    void countMismatchRecoversTwoSecondsAfterTheCountAgrees() {
        Rig rig = Scenarios.of(Protection.CELL_COUNT_MISMATCH).tripped();
        rig.board.cell(17, 0);
        rig.run(TICK + 1_900);
        assertEquals(RECOVERING, state(rig, Protection.CELL_COUNT_MISMATCH));
        assertMosfets(rig, false, false);
        rig.run(TICK);
        assertEquals(NORMAL, state(rig, Protection.CELL_COUNT_MISMATCH));
        assertMosfets(rig, true, true);
        assertTrue(alarms(rig).isEmpty());
        assertEvent(only(rig, EventType.CELL_COUNT_MISMATCH, Phase.RECOVER), rig.now(), Event.NO_CELL, 0, "cells");
    }

    /**
     * Balance connector plugged one position off: channel 1 (inside the configured 16) reads nothing and channel 17
     * (outside) reads a cell. Both halves of the rule hold, so the count mismatch must trip. (Comparing only the number
     * of plausible channels with the cell count lets the two errors cancel out.)
     */
    @Test
    void aMissingCellAndAnExtraCellTogetherAreStillAMismatch() {
        Rig rig = Rig.lfp16();
        rig.board.cell(1, 0).cell(17, 3300);
        rig.run(TICK + 3_000);
        assertEquals(TRIPPED, state(rig, Protection.CELL_COUNT_MISMATCH),
                "channel 1 inside the count reads below 1 V and channel 17 outside it reads a cell");
        assertTrue(alarms(rig).contains(Alarm.CELL_COUNT_MISMATCH));
        assertMosfets(rig, false, false);
    }

    // ---- wire resistance ---------------------------------------------------------------------------------------------

    private static Rig wireRig(int cell, int mOhm) {
        ScriptedBoard board = ScriptedBoard.lfp16(MODEL);
        board.wire(cell, mOhm);
        board.cell(1, 3350); // a 50 mV spread: the balancer wants to run
        return new Rig(board, Presets.forChemistry(Chemistry.LFP));
    }

    @Test
    void aWireJustBelowTheLimitAtBootLetsTheBalancerRun() {
        Rig rig = wireRig(3, 999);
        assertEquals(999, rig.bms.measurements().maxWireResistance_mOhm());
        assertEquals(NORMAL, state(rig, Protection.WIRE_RESISTANCE));
        rig.run(TICK);
        assertTrue(rig.bms.balancing());
        assertTrue(rig.board.balance_mA > 0);
    }

    @Test
    void aWireAtTheLimitAtBootTripsAtOnceAndBlocksOnlyBalancing() {
        Rig rig = wireRig(3, 1000);
        assertEquals(TRIPPED, state(rig, Protection.WIRE_RESISTANCE), "measured at boot, no delay");
        assertEvent(only(rig, EventType.WIRE_RESISTANCE, Phase.TRIP), 0, 3, 1000, "mOhm");
        rig.run(10_000);
        assertEquals(Set.of(Alarm.WIRE_RESISTANCE), alarms(rig));
        assertFalse(rig.bms.balancing(), "balancing blocked");
        assertEquals(0, rig.board.balance_mA);
        assertMosfets(rig, true, true);
        assertEquals(1000, rig.bms.telemetry().wireResistance_mOhm()[2]);
    }

    @Test
    void aTrippedWireRecoversOnlyAtTheNextMeasurementAndOnlyBelowTheLimit() {
        Rig rig = wireRig(3, 1000);
        int reads = rig.board.wireReads;

        // Still 1000 mOhm at the next hourly measurement: the wrong side of the 999 mOhm recovery.
        rig.run(FirmwareConstants.WIRE_MEASURE_PERIOD_ms);
        assertTrue(rig.board.wireReads > reads, "re-measured after an hour");
        assertEquals(TRIPPED, state(rig, Protection.WIRE_RESISTANCE));

        rig.board.wire(3, 999);
        rig.run(FirmwareConstants.WIRE_MEASURE_PERIOD_ms - TICK);
        assertEquals(TRIPPED, state(rig, Protection.WIRE_RESISTANCE), "not measured again yet");
        assertFalse(rig.bms.balancing());
        rig.run(TICK);
        assertEquals(NORMAL, state(rig, Protection.WIRE_RESISTANCE));
        assertTrue(alarms(rig).isEmpty());
        assertTrue(rig.bms.balancing(), "balancing resumes");
        assertEvent(only(rig, EventType.WIRE_RESISTANCE, Phase.RECOVER), rig.now(), 3, 999, "mOhm");
    }

    @Test
    void aWireThatDegradesWhileRunningIsCaughtAtTheNextMeasurement() {
        Rig rig = Rig.lfp16();
        rig.board.wire(5, 1200);
        rig.run(FirmwareConstants.WIRE_MEASURE_PERIOD_ms - TICK);
        assertEquals(NORMAL, state(rig, Protection.WIRE_RESISTANCE), "not re-measured before the period");
        rig.run(TICK);
        assertEquals(TRIPPED, state(rig, Protection.WIRE_RESISTANCE));
        assertEvent(only(rig, EventType.WIRE_RESISTANCE, Phase.TRIP), rig.now(), 5, 1200, "mOhm");
        assertMosfets(rig, true, true);
    }
}
