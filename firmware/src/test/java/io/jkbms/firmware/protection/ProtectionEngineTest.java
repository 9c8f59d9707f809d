package io.jkbms.firmware.protection;

import io.jkbms.core.event.Event;
import io.jkbms.core.event.Phase;
import io.jkbms.core.telemetry.Alarm;
import io.jkbms.core.telemetry.PowerState;
import io.jkbms.firmware.Rig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static io.jkbms.firmware.protection.Scenarios.TICK;
import static io.jkbms.firmware.protection.Scenarios.active;
import static io.jkbms.firmware.protection.Scenarios.alarms;
import static io.jkbms.firmware.protection.Scenarios.assertActionHolds;
import static io.jkbms.firmware.protection.Scenarios.assertEvent;
import static io.jkbms.firmware.protection.Scenarios.assertMosfets;
import static io.jkbms.firmware.protection.Scenarios.only;
import static io.jkbms.firmware.protection.Scenarios.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every row of {@link Protection} through the whole firmware on the scripted board, driven by the scenario table in
 * {@link Scenarios}: NORMAL → PENDING → TRIPPED (at the delay, not a tick earlier) → RECOVERING → NORMAL (at the hold
 * or the recovery time, not a tick earlier), the action on the board's outputs, the alarm in the telemetry, the TRIP
 * and RECOVER events, the timer restart when the condition lapses, and the emergency override.
 */
class ProtectionEngineTest {

    static Stream<Protection> rowsWithDelay() {
        return Arrays.stream(Protection.values())
                .filter(p -> p.delay().ms(Scenarios.of(p).settings()) > 0);
    }

    static Stream<Protection> rowsThatRecoverByThemselves() {
        return Arrays.stream(Protection.values()).filter(p -> !(p.recovery() instanceof Recovery.Never));
    }

    @ParameterizedTest
    @EnumSource(Protection.class)
    void scenarioMatchesTheSpecifiedActionAndAlarm(Protection p) {
        Scenarios.Scenario s = Scenarios.of(p);
        assertEquals(s.expectedAction, p.action(), p + " action");
        assertEquals(s.expectedAlarm, p.alarm(), p + " alarm");
    }

    @ParameterizedTest
    @EnumSource(Protection.class)
    void tripsExactlyWhenItsDelayHasElapsed(Protection p) {
        Scenarios.Scenario s = Scenarios.of(p);
        Rig rig = s.rig();
        assertEquals(ProtectionEngine.State.NORMAL, state(rig, p), "normal after power-up");
        assertMosfets(rig, true, true);

        s.trigger.accept(rig);
        rig.run(s.tripAfter_ms - TICK);
        assertFalse(active(rig, p), p + " must not trip one tick before its delay");
        assertFalse(alarms(rig).contains(p.alarm()), "no alarm yet");
        assertTrue(rig.events(p.eventType(), Phase.TRIP).isEmpty(), "no TRIP event yet");

        rig.run(TICK);
        assertEquals(ProtectionEngine.State.TRIPPED, state(rig, p));
        Event trip = only(rig, p.eventType(), Phase.TRIP);
        assertEvent(trip, rig.now(), s.tripCell, s.tripValue.applyAsLong(rig), p.quantity().unit());
        assertEquals(s.tripValue.applyAsLong(rig), rig.bms.protections().tripValue(p));
    }

    @ParameterizedTest
    @EnumSource(Protection.class)
    void holdsItsActionAndShowsItsAlarmWhileTripped(Protection p) {
        Scenarios.Scenario s = Scenarios.of(p);
        Rig rig = s.tripped();
        assertActionHolds(rig, s.expectedAction);
        assertEquals(s.alarmsWhileTripped(), alarms(rig));

        // Still holding a while later if nothing changes (time-based recoveries: just before their time).
        long later = s.recoverAfter_ms > 0 ? Math.min(s.recoverAfter_ms - TICK, 10_000) : 10_000;
        rig.run(later);
        assertTrue(active(rig, p));
        assertActionHolds(rig, s.expectedAction);
        assertTrue(alarms(rig).contains(p.alarm()));
    }

    @ParameterizedTest
    @MethodSource("rowsThatRecoverByThemselves")
    void releasesByItsOwnRecoveryAndNotATickEarlier(Protection p) {
        Scenarios.Scenario s = Scenarios.of(p);
        Rig rig = s.tripped();
        s.clear.accept(rig);

        rig.run(s.recoverAfter_ms - TICK);
        assertTrue(active(rig, p), p + " must still hold one tick before its recovery");
        assertActionHolds(rig, s.expectedAction);
        assertTrue(alarms(rig).contains(p.alarm()), "alarm still shown");
        assertTrue(rig.events(p.eventType(), Phase.RECOVER).isEmpty(), "no RECOVER event yet");

        rig.run(TICK);
        assertEquals(ProtectionEngine.State.NORMAL, state(rig, p));
        assertFalse(alarms(rig).contains(p.alarm()), "alarm gone after recovery");
        assertTrue(alarms(rig).isEmpty(), () -> "no alarm left: " + alarms(rig));
        assertMosfets(rig, true, true);
        assertFalse(rig.bms.protections().balanceBlocked());
        Event rec = only(rig, p.eventType(), Phase.RECOVER);
        assertEquals(rig.now(), rec.time_ms());
        assertEquals(p.quantity().unit(), rec.unit());
        assertEquals(s.recoverCell, rec.cell());
        if (s.recoverValue != null) {
            assertEquals(s.recoverValue.applyAsLong(rig), rec.value(), () -> "value of " + rec);
        }
    }

    @ParameterizedTest
    @MethodSource("rowsWithDelay")
    void aConditionThatLapsesBeforeTheDelayRestartsTheTimer(Protection p) {
        Scenarios.Scenario s = Scenarios.of(p);
        Rig rig = s.rig();
        s.trigger.accept(rig);
        rig.run(s.tripAfter_ms - 2 * TICK);
        assertEquals(ProtectionEngine.State.PENDING, state(rig, p));

        s.clear.accept(rig);
        rig.run(TICK);
        assertEquals(ProtectionEngine.State.NORMAL, state(rig, p), "back inside: the timer is dropped");

        s.trigger.accept(rig);
        rig.run(s.tripAfter_ms - TICK);
        assertEquals(ProtectionEngine.State.PENDING, state(rig, p),
                "more than the delay since the first crossing, but not since the second: must not trip");
        rig.run(TICK);
        assertEquals(ProtectionEngine.State.TRIPPED, state(rig, p));
        assertEquals(1, rig.events(p.eventType(), Phase.TRIP).size());
    }

    /** Emergency mode forces both MOSFETs on through every protection except the short circuit (guide). */
    @ParameterizedTest
    @EnumSource(Protection.class)
    void emergencyOverridesTheMosfetActionOfEveryRowButScp(Protection p) {
        Scenarios.Scenario s = Scenarios.of(p);
        Rig rig = s.rig();
        s.trigger.accept(rig);
        rig.run(s.tripAfter_ms - TICK);
        rig.bms.startEmergency();
        rig.run(TICK);

        assertEquals(ProtectionEngine.State.TRIPPED, state(rig, p), "the protection itself still trips");
        assertTrue(alarms(rig).contains(p.alarm()), "and still shows its alarm");
        assertEquals(PowerState.ON, rig.bms.powerState(), "emergency keeps the board up");
        assertTrue(rig.bms.emergencyActive());
        assertEquals(p != Protection.SCP, p.emergencyOverrides());
        if (p == Protection.SCP) {
            assertMosfets(rig, false, false);
        } else {
            assertMosfets(rig, true, true);
        }

        rig.bms.stopEmergency();
        rig.run(TICK);
        assertTrue(active(rig, p));
        assertActionHolds(rig, s.expectedAction);
    }

    @Test
    void rowsSharingTheGpsLockAlarmKeepItWhileEitherIsTripped() {
        Rig rig = Rig.lfp16();
        rig.set(io.jkbms.core.settings.SettingKey.GPS_LOCK_CHARGE, 1)
                .set(io.jkbms.core.settings.SettingKey.GPS_LOCK_DISCHARGE, 1).run(TICK);
        assertMosfets(rig, false, false);
        assertEquals(java.util.Set.of(Alarm.GPS_LOCK), alarms(rig));

        rig.set(io.jkbms.core.settings.SettingKey.GPS_LOCK_CHARGE, 0).run(TICK);
        assertMosfets(rig, true, false);
        assertEquals(java.util.Set.of(Alarm.GPS_LOCK), alarms(rig), "discharge still locked: alarm stays");

        rig.set(io.jkbms.core.settings.SettingKey.GPS_LOCK_DISCHARGE, 0).run(TICK);
        assertMosfets(rig, true, true);
        assertTrue(alarms(rig).isEmpty());
        assertEquals(2, rig.events(io.jkbms.core.event.EventType.GPS_LOCK, Phase.TRIP).size());
        assertEquals(2, rig.events(io.jkbms.core.event.EventType.GPS_LOCK, Phase.RECOVER).size());
    }

    @Test
    void recoveryHoldRestartsWhenTheValueGoesBackToTheWrongSide() {
        // Cell OVP: tripped, back to the recovery level for 1.9 s, a blip above it, then a full 2 s hold again.
        Rig rig = Scenarios.of(Protection.CELL_OVP).tripped();
        rig.board.cells(3350).cell(7, 3400);
        rig.run(TICK);
        assertEquals(ProtectionEngine.State.RECOVERING, state(rig, Protection.CELL_OVP));
        rig.run(1_800);
        rig.board.cell(7, 3401);
        rig.run(TICK);
        assertEquals(ProtectionEngine.State.TRIPPED, state(rig, Protection.CELL_OVP));
        rig.board.cell(7, 3400);
        rig.run(TICK);
        assertEquals(ProtectionEngine.State.RECOVERING, state(rig, Protection.CELL_OVP));
        rig.run(1_900);
        assertTrue(active(rig, Protection.CELL_OVP), "the hold started again at the second return");
        assertMosfets(rig, false, true);
        rig.run(TICK);
        assertEquals(ProtectionEngine.State.NORMAL, state(rig, Protection.CELL_OVP));
        assertMosfets(rig, true, true);
    }

    @Test
    void aTimeRecoveryReleasesEvenIfTheConditionPersistsAndThenTripsAgainAfterTheDelay() {
        // Charge OCP recovers by time (60 s) whatever the current; a current still above the limit re-trips after 30 s.
        Scenarios.Scenario s = Scenarios.of(Protection.CHARGE_OCP);
        Rig rig = s.tripped();
        long trippedAt = rig.now();
        rig.run(60_000);
        assertEquals(ProtectionEngine.State.NORMAL, state(rig, Protection.CHARGE_OCP), "released at the recovery time");
        assertMosfets(rig, true, true);
        assertEquals(trippedAt + 60_000, only(rig, io.jkbms.core.event.EventType.CHARGE_OCP, Phase.RECOVER).time_ms());
        rig.run(TICK);
        assertEquals(ProtectionEngine.State.PENDING, state(rig, Protection.CHARGE_OCP), "still above: pending again");
        rig.run(30_000 - TICK);
        assertNotEquals(ProtectionEngine.State.TRIPPED, state(rig, Protection.CHARGE_OCP));
        rig.run(TICK);
        assertEquals(ProtectionEngine.State.TRIPPED, state(rig, Protection.CHARGE_OCP));
        assertEquals(2, rig.events(io.jkbms.core.event.EventType.CHARGE_OCP, Phase.TRIP).size());
        assertMosfets(rig, false, true);
    }
}
