package io.jkbms.firmware.protection;

import io.jkbms.core.event.Event;
import io.jkbms.core.event.EventType;
import io.jkbms.core.event.Phase;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.telemetry.Alarm;
import io.jkbms.firmware.Rig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Stream;

import static io.jkbms.firmware.protection.ProtectionEngine.State.NORMAL;
import static io.jkbms.firmware.protection.ProtectionEngine.State.PENDING;
import static io.jkbms.firmware.protection.ProtectionEngine.State.TRIPPED;
import static io.jkbms.firmware.protection.Scenarios.MODEL;
import static io.jkbms.firmware.protection.Scenarios.TICK;
import static io.jkbms.firmware.protection.Scenarios.alarms;
import static io.jkbms.firmware.protection.Scenarios.assertEvent;
import static io.jkbms.firmware.protection.Scenarios.assertMosfets;
import static io.jkbms.firmware.protection.Scenarios.only;
import static io.jkbms.firmware.protection.Scenarios.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Charge over-current (120 A, 30 s, recovery 60 s), discharge over-current (120 A, 300 s, 60 s) and the level II / III
 * peaks (180 A for 10 s, 240 A for 1 s; recovery with the discharge recovery time). Current limits are ratings: the
 * limit itself is allowed, 1 mA more trips.
 */
class CurrentProtectionTest {

    /** row, current at the limit (signed, mA), delay ms, charge side. */
    static Stream<Arguments> limits() {
        return Stream.of(
                Arguments.of(Protection.CHARGE_OCP, 120_000, 30_000L, true),
                Arguments.of(Protection.DISCHARGE_OCP, -120_000, 300_000L, false),
                Arguments.of(Protection.DOCP2, -180_000, 10_000L, false),
                Arguments.of(Protection.DOCP3, -240_000, 1_000L, false));
    }

    @ParameterizedTest
    @MethodSource("limits")
    void theLimitItselfNeverTrips(Protection p, int limit_mA, long delay_ms, boolean charge) {
        Rig rig = Rig.lfp16();
        rig.board.current(limit_mA);
        rig.run(TICK + delay_ms + 5_000);
        assertEquals(NORMAL, state(rig, p));
        assertTrue(rig.events(p.eventType()).isEmpty());
        assertMosfets(rig, true, true);
    }

    @ParameterizedTest
    @MethodSource("limits")
    void oneMilliampBeyondTripsExactlyAtTheDelay(Protection p, int limit_mA, long delay_ms, boolean charge) {
        Rig rig = Rig.lfp16();
        int beyond = limit_mA + (charge ? 1 : -1);
        rig.board.current(beyond);
        rig.run(TICK);
        assertEquals(PENDING, state(rig, p));
        rig.run(delay_ms - TICK);
        assertEquals(PENDING, state(rig, p), "one tick before the delay");
        assertMosfets(rig, true, true);

        rig.run(TICK);
        assertEquals(TRIPPED, state(rig, p));
        assertMosfets(rig, !charge, charge);
        assertEquals(Set.of(p.alarm()), alarms(rig));
        assertEvent(only(rig, p.eventType(), Phase.TRIP), rig.now(), Event.NO_CELL, Math.abs(beyond), "mA");
    }

    @ParameterizedTest
    @MethodSource("limits")
    void recoversAfterItsRecoveryTimeNotBefore(Protection p, int limit_mA, long delay_ms, boolean charge) {
        // Recovery times shortened to tell them apart: charge 20 s, discharge (all three levels) 45 s.
        Rig rig = Rig.lfp16(MODEL, SettingsPatch.builder().set(SettingKey.CHARGE_OCP_RECOVERY_s, 20)
                .set(SettingKey.DISCHARGE_OCP_RECOVERY_s, 45).build());
        long recovery_ms = charge ? 20_000 : 45_000;
        rig.board.current(limit_mA + (charge ? 1 : -1));
        rig.run(TICK + delay_ms);
        assertEquals(TRIPPED, state(rig, p));
        rig.board.current(0);

        rig.run(recovery_ms - TICK);
        assertEquals(TRIPPED, state(rig, p));
        assertMosfets(rig, !charge, charge);
        assertTrue(alarms(rig).contains(p.alarm()));
        rig.run(TICK);
        assertEquals(NORMAL, state(rig, p));
        assertMosfets(rig, true, true);
        assertTrue(alarms(rig).isEmpty());
        Event rec = only(rig, p.eventType(), Phase.RECOVER);
        assertEvent(rec, rig.now(), Event.NO_CELL, 0, "mA");
    }

    @Test
    void aChargeCurrentNeverTripsTheDischargeRowsAndViceVersa() {
        Rig charging = Rig.lfp16();
        charging.board.current(250_000);
        charging.run(20_000);
        assertEquals(NORMAL, state(charging, Protection.DISCHARGE_OCP));
        assertEquals(NORMAL, state(charging, Protection.DOCP2));
        assertEquals(NORMAL, state(charging, Protection.DOCP3));
        assertEquals(PENDING, state(charging, Protection.CHARGE_OCP));

        Rig discharging = Rig.lfp16();
        discharging.board.current(-130_000);
        discharging.run(40_000);
        assertEquals(NORMAL, state(discharging, Protection.CHARGE_OCP));
        assertEquals(PENDING, state(discharging, Protection.DISCHARGE_OCP));
    }

    // ---- level II / III enable switches -------------------------------------------------------------------------------

    /** row, its switch, a current beyond it (signed), its delay. */
    static Stream<Arguments> peaks() {
        return Stream.of(
                Arguments.of(Protection.DOCP2, SettingKey.DOCP2_ENABLED, -180_001, 10_000L),
                Arguments.of(Protection.DOCP3, SettingKey.DOCP3_ENABLED, -240_001, 1_000L));
    }

    @ParameterizedTest
    @MethodSource("peaks")
    void aPeakLevelSwitchedOffNeverActs(Protection p, SettingKey enable, int current_mA, long delay_ms) {
        Rig rig = Rig.lfp16(MODEL, SettingsPatch.of(enable, 0));
        rig.board.current(current_mA);
        rig.run(TICK + delay_ms + 5_000);
        assertEquals(NORMAL, state(rig, p));
        assertTrue(rig.events(p.eventType()).isEmpty());
        assertTrue(rig.board.dischargeMos, "discharge still on");
        assertTrue(alarms(rig).isEmpty());
    }

    @ParameterizedTest
    @MethodSource("peaks")
    void switchingAPeakLevelOffReleasesItAtOnce(Protection p, SettingKey enable, int current_mA, long delay_ms) {
        Rig rig = Rig.lfp16();
        rig.board.current(current_mA);
        rig.run(TICK + delay_ms);
        assertEquals(TRIPPED, state(rig, p));
        assertMosfets(rig, true, false);

        rig.set(enable, 0).run(TICK); // the current is still beyond the level
        assertEquals(NORMAL, state(rig, p));
        assertTrue(rig.board.dischargeMos, "released on the next tick, long before the recovery time");
        assertTrue(alarms(rig).isEmpty());
        Event rec = only(rig, p.eventType(), Phase.RECOVER);
        assertEquals(rig.now(), rec.time_ms());
        assertEquals(Math.abs(current_mA), rec.value());
    }

    @ParameterizedTest
    @MethodSource("peaks")
    void switchingAPeakLevelOffWhilePendingDropsItsTimer(Protection p, SettingKey enable, int current_mA, long delay_ms) {
        Rig rig = Rig.lfp16();
        rig.board.current(current_mA);
        rig.run(TICK + delay_ms / 2);
        assertEquals(PENDING, state(rig, p));
        rig.set(enable, 0).run(TICK);
        assertEquals(NORMAL, state(rig, p));
        assertTrue(rig.events(p.eventType()).isEmpty(), "nothing to report: it never tripped");

        rig.set(enable, 1).run(TICK); // seen again on this tick: the full delay from here
        assertEquals(PENDING, state(rig, p));
        rig.run(delay_ms - TICK);
        assertEquals(PENDING, state(rig, p));
        rig.run(TICK);
        assertEquals(TRIPPED, state(rig, p));
    }

    @Test
    void levelThreeActsBeforeLevelTwoAndTheContinuousLimit() {
        Rig rig = Rig.lfp16();
        rig.board.current(-240_001);
        rig.run(TICK + 1_000);
        assertEquals(TRIPPED, state(rig, Protection.DOCP3));
        assertEquals(PENDING, state(rig, Protection.DOCP2));
        assertEquals(PENDING, state(rig, Protection.DISCHARGE_OCP));
        assertEquals(Set.of(Alarm.DOCP3), alarms(rig));
    }
}
