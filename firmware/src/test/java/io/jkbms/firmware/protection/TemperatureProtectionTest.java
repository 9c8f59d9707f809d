package io.jkbms.firmware.protection;

import io.jkbms.core.event.Event;
import io.jkbms.core.event.Phase;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.telemetry.Alarm;
import io.jkbms.firmware.Rig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Set;
import java.util.stream.Stream;

import static io.jkbms.firmware.protection.ProtectionEngine.State.NORMAL;
import static io.jkbms.firmware.protection.ProtectionEngine.State.PENDING;
import static io.jkbms.firmware.protection.ProtectionEngine.State.RECOVERING;
import static io.jkbms.firmware.protection.ProtectionEngine.State.TRIPPED;
import static io.jkbms.firmware.protection.Scenarios.MODEL;
import static io.jkbms.firmware.protection.Scenarios.TICK;
import static io.jkbms.firmware.protection.Scenarios.alarms;
import static io.jkbms.firmware.protection.Scenarios.assertEvent;
import static io.jkbms.firmware.protection.Scenarios.assertMosfets;
import static io.jkbms.firmware.protection.Scenarios.celsiusFor;
import static io.jkbms.firmware.protection.Scenarios.only;
import static io.jkbms.firmware.protection.Scenarios.patch;
import static io.jkbms.firmware.protection.Scenarios.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Battery over- and low-temperature for charge and discharge and the MOSFET over-temperature, at 0.1 °C steps of the
 * value the firmware decodes from the NTC counts. Every value used here is exactly representable at the 12-bit ADC
 * (checked through {@code measurements()}), so these are the real boundaries. The LFP preset: charge / discharge
 * over-temperature 70.0 °C (recovery 60.0 °C), low-temperature -20.0 °C (recovery -10.0 °C), MOS 90.0 °C (70.0 °C);
 * each acts after TEMPERATURE_DELAY_ms (5 s). Rows that share a quantity and a preset limit are separated by moving the
 * other row's limit away, so each row's own action is seen alone.
 */
class TemperatureProtectionTest {

    /**
     * row, sensor channel, limit dC, one step inside dC, recovery dC, one step on the wrong side of the recovery dC,
     * settings that move the twin row away, charge stays on, discharge stays on.
     */
    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of(Protection.CHARGE_OTP, 1, 700, 699, 600, 601,
                        patch(SettingKey.DISCHARGE_OTP_dC, 800, SettingKey.DISCHARGE_OTPR_dC, 700), false, true),
                Arguments.of(Protection.DISCHARGE_OTP, 1, 700, 699, 600, 601,
                        patch(SettingKey.CHARGE_OTP_dC, 800, SettingKey.CHARGE_OTPR_dC, 700), true, false),
                Arguments.of(Protection.CHARGE_UTP, 1, -200, -199, -100, -101,
                        patch(SettingKey.DISCHARGE_UTP_dC, -300, SettingKey.DISCHARGE_UTPR_dC, -250), false, true),
                Arguments.of(Protection.DISCHARGE_UTP, 1, -200, -199, -100, -101,
                        patch(SettingKey.CHARGE_UTP_dC, -300, SettingKey.CHARGE_UTPR_dC, -250), true, false),
                Arguments.of(Protection.MOS_OTP, 0, 900, 899, 700, 701,
                        SettingsPatch.builder().build(), false, false));
    }

    private static Rig rig(SettingsPatch isolate) {
        return Rig.lfp16(MODEL, isolate);
    }

    /** Sets a sensor so that the firmware decodes exactly {@code dC}, ticks, and checks that it does. */
    private static void setDecoded(Rig rig, int channel, int dC) {
        rig.board.temperature_C(channel, celsiusFor(dC));
        rig.run(TICK);
        assertEquals(dC, rig.bms.measurements().temperature_dC(channel), "decoded temperature of channel " + channel);
    }

    @ParameterizedTest
    @MethodSource("rows")
    void oneTenthOfADegreeInsideTheLimitNeverTrips(Protection p, int ch, int limit, int inside, int recovery, int wrong,
                                                   SettingsPatch isolate, boolean chargeOn, boolean dischargeOn) {
        Rig rig = rig(isolate);
        setDecoded(rig, ch, inside);
        rig.run(30_000);
        assertEquals(NORMAL, state(rig, p));
        assertTrue(alarms(rig).isEmpty());
        assertMosfets(rig, true, true);
    }

    @ParameterizedTest
    @MethodSource("rows")
    void atTheLimitTripsAfterFiveSecondsWithItsAction(Protection p, int ch, int limit, int inside, int recovery, int wrong,
                                                      SettingsPatch isolate, boolean chargeOn, boolean dischargeOn) {
        Rig rig = rig(isolate);
        setDecoded(rig, ch, limit); // first seen on this tick
        assertEquals(PENDING, state(rig, p));
        rig.run(4_900); // 4.9 s after first seen
        assertEquals(PENDING, state(rig, p));
        assertMosfets(rig, true, true);
        rig.run(TICK);
        assertEquals(TRIPPED, state(rig, p));
        assertMosfets(rig, chargeOn, dischargeOn);
        assertEquals(Set.of(p.alarm()), alarms(rig));
        assertEvent(only(rig, p.eventType(), Phase.TRIP), rig.now(), Event.NO_CELL, limit, "dC");
    }

    @ParameterizedTest
    @MethodSource("rows")
    void recoversAtItsRecoveryTemperatureAfterTheHoldButNotATenthShort(
            Protection p, int ch, int limit, int inside, int recovery, int wrong,
            SettingsPatch isolate, boolean chargeOn, boolean dischargeOn) {
        Rig rig = rig(isolate);
        setDecoded(rig, ch, limit);
        rig.run(5_000);
        assertEquals(TRIPPED, state(rig, p));

        setDecoded(rig, ch, wrong);
        rig.run(20_000);
        assertEquals(TRIPPED, state(rig, p), "0.1 °C on the wrong side of the recovery keeps it tripped");
        assertMosfets(rig, chargeOn, dischargeOn);

        setDecoded(rig, ch, recovery);
        assertEquals(RECOVERING, state(rig, p));
        rig.run(1_900);
        assertTrue(rig.bms.protections().isActive(p));
        assertMosfets(rig, chargeOn, dischargeOn);
        assertTrue(alarms(rig).contains(p.alarm()));
        rig.run(TICK);
        assertEquals(NORMAL, state(rig, p));
        assertMosfets(rig, true, true);
        assertTrue(alarms(rig).isEmpty());
        assertEvent(only(rig, p.eventType(), Phase.RECOVER), rig.now(), Event.NO_CELL, recovery, "dC");
    }

    @ParameterizedTest
    @MethodSource("rows")
    void aTemperatureThatComesBackBeforeTheDelayRestartsTheTimer(
            Protection p, int ch, int limit, int inside, int recovery, int wrong,
            SettingsPatch isolate, boolean chargeOn, boolean dischargeOn) {
        Rig rig = rig(isolate);
        setDecoded(rig, ch, limit);
        rig.run(4_000);
        setDecoded(rig, ch, inside);
        assertEquals(NORMAL, state(rig, p));
        setDecoded(rig, ch, limit);
        rig.run(4_900);
        assertEquals(PENDING, state(rig, p));
        rig.run(TICK);
        assertEquals(TRIPPED, state(rig, p));
    }

    @Test
    void batteryLimitsWatchTheHottestAndTheColdestExternalSensor() {
        Rig hot = Rig.lfp16();
        setDecoded(hot, 2, 700); // T2 hot, T1 at 25 °C
        hot.run(5_000);
        assertEquals(700, hot.bms.measurements().maxBattery_dC());
        assertEquals(TRIPPED, state(hot, Protection.CHARGE_OTP));
        assertEquals(TRIPPED, state(hot, Protection.DISCHARGE_OTP));
        assertMosfets(hot, false, false);

        Rig cold = Rig.lfp16();
        setDecoded(cold, 2, -200);
        cold.run(5_000);
        assertEquals(-200, cold.bms.measurements().minBattery_dC());
        assertEquals(TRIPPED, state(cold, Protection.CHARGE_UTP));
        assertEquals(TRIPPED, state(cold, Protection.DISCHARGE_UTP));
        assertEquals(Set.of(Alarm.CHARGE_UTP, Alarm.DISCHARGE_UTP), alarms(cold));
    }

    @Test
    void theMosSensorIsNotABatteryTemperatureAndViceVersa() {
        Rig rig = Rig.lfp16();
        setDecoded(rig, 0, 800); // MOS at 80 °C: above the battery limits, below its own 90 °C
        rig.run(10_000);
        assertEquals(NORMAL, state(rig, Protection.CHARGE_OTP), "the MOS sensor is not a battery temperature");
        assertEquals(NORMAL, state(rig, Protection.DISCHARGE_OTP));
        assertEquals(NORMAL, state(rig, Protection.MOS_OTP));

        setDecoded(rig, 1, 950); // a battery sensor above the MOS limit
        rig.run(10_000);
        assertEquals(NORMAL, state(rig, Protection.MOS_OTP), "a battery sensor does not trip the MOS row");
        assertEquals(TRIPPED, state(rig, Protection.CHARGE_OTP));
    }

    /**
     * A MOS sensor that fails (here: shorts, as an overheated NTC may) while MOS over-temperature is tripped gives no
     * reading at all; that is not "back at or below 70 °C", so the protection must keep both MOSFETs off (the sensor
     * fault then adds its own charge-off after 5 s).
     */
    @Test
    void aMosSensorThatFailsWhileOverTemperatureIsTrippedDoesNotReleaseIt() {
        Rig rig = Rig.lfp16();
        setDecoded(rig, 0, 900);
        rig.run(5_000);
        assertEquals(TRIPPED, state(rig, Protection.MOS_OTP));
        assertMosfets(rig, false, false);

        rig.board.sensorShorted(0);
        rig.run(10_000);
        assertTrue(rig.bms.protections().isActive(Protection.MOS_OTP),
                "an invalid MOS reading must not count as recovered");
        assertTrue(rig.events(Protection.MOS_OTP.eventType(), Phase.RECOVER).isEmpty(),
                () -> "no recovery (and no bogus value) expected: " + rig.events(Protection.MOS_OTP.eventType()));
        assertMosfets(rig, false, false);
        assertTrue(alarms(rig).contains(Alarm.MOS_OTP));
    }

    @Test
    void mosOverTemperatureAlsoBlocksBalancing() {
        Rig rig = Rig.lfp16();
        rig.board.cell(1, 3350);
        rig.run(1_000); // the balancer decides once a second
        assertTrue(rig.bms.balancing());
        setDecoded(rig, 0, 900);
        rig.run(5_000);
        assertEquals(TRIPPED, state(rig, Protection.MOS_OTP));
        assertFalse(rig.bms.balancing());
        assertEquals(0, rig.board.balance_mA);
    }

    @Test
    void withTheExternalSensorsIgnoredNoBatteryTemperatureProtectionActs() {
        Rig rig = Rig.lfp16(MODEL, SettingsPatch.of(SettingKey.TEMP_SENSORS_DISABLED, 1));
        rig.board.temperature_C(1, celsiusFor(800)).temperature_C(2, celsiusFor(-300));
        rig.run(20_000);
        assertEquals(NORMAL, state(rig, Protection.CHARGE_OTP));
        assertEquals(NORMAL, state(rig, Protection.DISCHARGE_OTP));
        assertEquals(NORMAL, state(rig, Protection.CHARGE_UTP));
        assertEquals(NORMAL, state(rig, Protection.DISCHARGE_UTP));
        assertMosfets(rig, true, true);

        setDecoded(rig, 0, 900); // the built-in MOS sensor is not an external one: still protected
        rig.run(5_000);
        assertEquals(TRIPPED, state(rig, Protection.MOS_OTP));
    }
}
