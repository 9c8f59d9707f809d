package io.jkbms.firmware.protection;

import io.jkbms.core.board.Chemistry;
import io.jkbms.core.event.Event;
import io.jkbms.core.event.EventType;
import io.jkbms.core.event.Phase;
import io.jkbms.core.settings.Presets;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.telemetry.Alarm;
import io.jkbms.core.telemetry.SensorStatus;
import io.jkbms.core.telemetry.TemperatureReading;
import io.jkbms.firmware.Rig;
import io.jkbms.firmware.ScriptedBoard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

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
import static io.jkbms.firmware.protection.Scenarios.celsiusFor;
import static io.jkbms.firmware.protection.Scenarios.only;
import static io.jkbms.firmware.protection.Scenarios.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TEMP_SENSOR_FAULT: an open or shorted sensor stops charging after 5 s and releases 2 s after the sensor reads
 * plausibly again. External sensors 3 and 4 are optional: absent from power-up they read "NA" and are no fault; once
 * seen, losing them is a fault. With temp_sensors_disabled the external sensors are ignored (the MOS sensor is not).
 */
class TemperatureSensorFaultTest {

    enum Failure { OPEN, SHORTED }

    private static void fail(ScriptedBoard b, int ch, Failure f) {
        if (f == Failure.OPEN) {
            b.sensorOpen(ch);
        } else {
            b.sensorShorted(ch);
        }
    }

    private static TemperatureReading reading(Rig rig, int ch) {
        return ch == 0 ? rig.bms.telemetry().mosTemperature() : rig.bms.telemetry().temperatures().get(ch - 1);
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aFailedT1StopsChargingAfterFiveSeconds(Failure f) {
        Rig rig = Rig.lfp16();
        fail(rig.board, 1, f);
        rig.run(TICK);
        assertEquals(SensorStatus.valueOf(f.name()), reading(rig, 1).status());
        assertEquals(1, rig.bms.measurements().sensorFaults());
        assertEquals(PENDING, state(rig, Protection.TEMP_SENSOR_FAULT));
        rig.run(4_900);
        assertEquals(PENDING, state(rig, Protection.TEMP_SENSOR_FAULT));
        assertMosfets(rig, true, true);
        rig.run(TICK);
        assertEquals(TRIPPED, state(rig, Protection.TEMP_SENSOR_FAULT));
        assertMosfets(rig, false, true);
        assertEquals(Set.of(Alarm.TEMP_SENSOR_FAULT), alarms(rig));
        assertEvent(only(rig, EventType.TEMP_SENSOR_FAULT, Phase.TRIP), rig.now(), Event.NO_CELL, 1, "sensors");
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aRepairedT1ReleasesAfterTheHold(Failure f) {
        Rig rig = Rig.lfp16();
        fail(rig.board, 1, f);
        rig.run(TICK + 5_000);
        assertEquals(TRIPPED, state(rig, Protection.TEMP_SENSOR_FAULT));

        rig.board.temperature_C(1, 25);
        rig.run(TICK);
        assertEquals(RECOVERING, state(rig, Protection.TEMP_SENSOR_FAULT));
        rig.run(1_900);
        assertMosfets(rig, false, true);
        assertTrue(alarms(rig).contains(Alarm.TEMP_SENSOR_FAULT));
        rig.run(TICK);
        assertEquals(NORMAL, state(rig, Protection.TEMP_SENSOR_FAULT));
        assertMosfets(rig, true, true);
        assertTrue(alarms(rig).isEmpty());
        assertEvent(only(rig, EventType.TEMP_SENSOR_FAULT, Phase.RECOVER), rig.now(), Event.NO_CELL, 0, "sensors");
    }

    @Test
    void twoFailedSensorsAreCountedAndBothMustBeRepaired() {
        Rig rig = Rig.lfp16();
        rig.board.sensorOpen(1).sensorShorted(2);
        rig.run(TICK + 5_000);
        assertEquals(TRIPPED, state(rig, Protection.TEMP_SENSOR_FAULT));
        assertEquals(2, only(rig, EventType.TEMP_SENSOR_FAULT, Phase.TRIP).value());

        rig.board.temperature_C(1, 25);
        rig.run(10_000);
        assertEquals(TRIPPED, state(rig, Protection.TEMP_SENSOR_FAULT), "one sensor still shorted");
        rig.board.temperature_C(2, 25);
        rig.run(TICK + 2_000);
        assertEquals(NORMAL, state(rig, Protection.TEMP_SENSOR_FAULT));
    }

    /**
     * The open / shorted decision itself, at the finest step the 12-bit NTC input allows there: -49.9 °C is a reading,
     * the next decodable value below it, -50.1 °C, is an open sensor (0.2 °C step: -50.0 °C is not representable);
     * 149.9 °C is a reading, the next decodable value above it, 150.3 °C, is a short (0.4 °C step).
     */
    @Test
    void openAndShortedAreDecidedAtTheLimitsOfPlausibleTemperatures() {
        Rig open = Rig.lfp16();
        open.board.temperature_C(1, celsiusFor(-499));
        open.run(TICK);
        assertEquals(-499, open.bms.measurements().temperature_dC(1));
        assertEquals(SensorStatus.OK, reading(open, 1).status());
        open.board.temperature_C(1, celsiusFor(-501));
        open.run(TICK);
        assertEquals(SensorStatus.OPEN, reading(open, 1).status());
        assertEquals(1, open.bms.measurements().sensorFaults());

        Rig shorted = Rig.lfp16();
        shorted.board.temperature_C(1, celsiusFor(1499));
        shorted.run(TICK);
        assertEquals(1499, shorted.bms.measurements().temperature_dC(1));
        assertEquals(SensorStatus.OK, reading(shorted, 1).status());
        assertEquals(0, shorted.bms.measurements().sensorFaults());
        shorted.board.temperature_C(1, celsiusFor(1503));
        shorted.run(TICK);
        assertEquals(SensorStatus.SHORTED, reading(shorted, 1).status());
        shorted.run(5_000);
        assertEquals(TRIPPED, state(shorted, Protection.TEMP_SENSOR_FAULT));
    }

    @Test
    void theNeighboursOfTheSensorLimitsAreNotRepresentable() {
        // Documents why the test above steps by 0.2 °C and 0.4 °C: nothing decodes to -50.0, 150.0 .. 150.2 °C.
        assertTrue(!Scenarios.representable(-500) && !Scenarios.representable(1500)
                && !Scenarios.representable(1501) && !Scenarios.representable(1502));
        assertTrue(Scenarios.representable(-501) && Scenarios.representable(1503));
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void withExternalSensorsIgnoredAFailedT1IsNoFault(Failure f) {
        Rig rig = Rig.lfp16(MODEL, SettingsPatch.of(SettingKey.TEMP_SENSORS_DISABLED, 1));
        fail(rig.board, 1, f);
        rig.run(20_000);
        assertEquals(0, rig.bms.measurements().sensorFaults());
        assertEquals(NORMAL, state(rig, Protection.TEMP_SENSOR_FAULT));
        assertMosfets(rig, true, true);
        assertTrue(alarms(rig).isEmpty());
    }

    @Test
    void ignoringTheExternalSensorsReleasesAnExternalSensorFault() {
        Rig rig = Rig.lfp16();
        rig.board.sensorOpen(1);
        rig.run(TICK + 5_000);
        assertEquals(TRIPPED, state(rig, Protection.TEMP_SENSOR_FAULT));
        rig.set(SettingKey.TEMP_SENSORS_DISABLED, 1);
        rig.run(TICK + 1_900);
        assertEquals(RECOVERING, state(rig, Protection.TEMP_SENSOR_FAULT));
        rig.run(TICK);
        assertEquals(NORMAL, state(rig, Protection.TEMP_SENSOR_FAULT));
        assertMosfets(rig, true, true);
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void theMosSensorCountsEvenWithExternalSensorsIgnored(Failure f) {
        Rig rig = Rig.lfp16(MODEL, SettingsPatch.of(SettingKey.TEMP_SENSORS_DISABLED, 1));
        fail(rig.board, 0, f);
        rig.run(TICK + 5_000);
        assertEquals(TRIPPED, state(rig, Protection.TEMP_SENSOR_FAULT));
        assertEquals(SensorStatus.valueOf(f.name()), reading(rig, 0).status());
        assertMosfets(rig, false, true);
    }

    // ---- optional sensors 3 and 4 -------------------------------------------------------------------------------------

    @Test
    void optionalSensorsAbsentFromPowerUpReadNaAndAreNoFault() {
        Rig rig = Rig.lfp16(); // the scripted board has 3 and 4 open from power-up
        rig.run(20_000);
        for (int ch : new int[]{3, 4}) {
            TemperatureReading r = reading(rig, ch);
            assertEquals(SensorStatus.ABSENT, r.status(), "sensor " + ch);
            assertEquals("NA", r.text());
        }
        assertEquals(SensorStatus.OK, reading(rig, 1).status());
        assertEquals(0, rig.bms.measurements().sensorFaults());
        assertEquals(NORMAL, state(rig, Protection.TEMP_SENSOR_FAULT));
        assertMosfets(rig, true, true);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4})
    void anOptionalSensorPresentAtPowerUpThatOpensIsAFault(int ch) {
        ScriptedBoard board = ScriptedBoard.lfp16(MODEL);
        board.temperature_C(ch, 25);
        Rig rig = new Rig(board, Presets.forChemistry(Chemistry.LFP));
        assertEquals(SensorStatus.OK, reading(rig, ch).status());

        board.sensorOpen(ch);
        rig.run(TICK);
        assertEquals(SensorStatus.OPEN, reading(rig, ch).status());
        rig.run(4_900);
        assertEquals(PENDING, state(rig, Protection.TEMP_SENSOR_FAULT));
        rig.run(TICK);
        assertEquals(TRIPPED, state(rig, Protection.TEMP_SENSOR_FAULT));
        assertMosfets(rig, false, true);
        assertTrue(alarms(rig).contains(Alarm.TEMP_SENSOR_FAULT));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4})
    void anOptionalSensorPluggedInWhileRunningCountsOnceSeen(int ch) {
        Rig rig = Rig.lfp16();
        rig.board.temperature_C(ch, celsiusFor(700)); // plugged in, and hot: it is a battery temperature now
        rig.run(TICK);
        assertEquals(SensorStatus.OK, reading(rig, ch).status());
        assertEquals(700, rig.bms.measurements().maxBattery_dC());

        rig.board.sensorOpen(ch);
        rig.run(TICK + 5_000);
        assertEquals(SensorStatus.OPEN, reading(rig, ch).status());
        assertEquals(TRIPPED, state(rig, Protection.TEMP_SENSOR_FAULT));
    }

    @Test
    void anOptionalSensorShortedAtPowerUpIsAFault() {
        ScriptedBoard board = ScriptedBoard.lfp16(MODEL);
        board.sensorShorted(3);
        Rig rig = new Rig(board, Presets.forChemistry(Chemistry.LFP));
        assertEquals(SensorStatus.SHORTED, reading(rig, 3).status(), "only an open input means 'not fitted'");
        rig.run(5_000);
        assertEquals(TRIPPED, state(rig, Protection.TEMP_SENSOR_FAULT));
    }
}
