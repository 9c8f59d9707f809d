package io.jkbms.firmware.protection;

import io.jkbms.core.board.Chemistry;
import io.jkbms.core.event.EventType;
import io.jkbms.core.settings.Presets;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.telemetry.Alarm;
import io.jkbms.firmware.FirmwareConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@link Protection} table itself: every row resolves on the presets, means something distinct, and matches the
 *  guide's and the LFP preset's numbers. */
class ProtectionTableTest {

    /** Quantities that are on/off flags (a latch, a fault line, a switch): their events carry no measured value. */
    private static final Set<Quantity> FLAGS = EnumSet.of(Quantity.SHORT_CIRCUIT, Quantity.PARALLEL_FAULT,
            Quantity.GPS_LOCK_CHARGE, Quantity.GPS_LOCK_DISCHARGE);

    @Test
    void everyRowHasADistinctAlarmQuantityActionMeaning() {
        record Meaning(Alarm alarm, Quantity quantity, Action action) {
        }
        List<Meaning> meanings = Arrays.stream(Protection.values())
                .map(p -> new Meaning(p.alarm(), p.quantity(), p.action())).toList();
        assertEquals(meanings.size(), new HashSet<>(meanings).size(), () -> "duplicate meanings: " + meanings);
        for (Protection p : Protection.values()) {
            assertFalse(p.alarm().words().isBlank(), p + " has an alarm the status page can show in words");
        }
    }

    @Test
    void everyAlarmIsRaisedBySomeRow() {
        Set<Alarm> raised = Arrays.stream(Protection.values()).map(Protection::alarm)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Alarm.class)));
        assertEquals(EnumSet.allOf(Alarm.class), raised);
    }

    @ParameterizedTest
    @EnumSource(Chemistry.class)
    void everyRowResolvesOnEveryPresetWithItsRecoveryOnTheSafeSide(Chemistry chemistry) {
        Settings s = Presets.forChemistry(chemistry);
        for (Protection p : Protection.values()) {
            int threshold = assertDoesNotThrow(() -> p.threshold().value(s), p + " threshold");
            long delay = assertDoesNotThrow(() -> p.delay().ms(s), p + " delay");
            assertTrue(delay >= 0, p + " delay " + delay);
            EventType type = assertDoesNotThrow(p::eventType, p + " event type");
            assertEquals(EventType.valueOf(p.alarm().name()), type, p + " events are named after its alarm");
            Recovery r = p.recovery();
            if (r instanceof Recovery.OnThreshold t) {
                int level = assertDoesNotThrow(() -> t.level().value(s), p + " recovery level");
                assertTrue(t.hold_ms() >= 0);
                // Recovered must imply "not beyond", or the row would chatter between TRIPPED and NORMAL.
                assertFalse(p.compare().beyond(level, threshold),
                        p + ": recovery level " + level + " must be on the safe side of " + threshold + " (" + chemistry + ")");
            } else if (r instanceof Recovery.AfterTime a) {
                long time = assertDoesNotThrow(() -> a.time().ms(s), p + " recovery time");
                assertTrue(time > 0, p + " recovery time " + time);
            } else {
                assertInstanceOf(Recovery.Never.class, r);
                assertEquals(Action.SHUTDOWN, p.action(), "only the auto shutdown waits for a wake-up");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Protection.class)
    void rowsWhoseEventsCarryAValueNameItsUnit(Protection p) {
        if (FLAGS.contains(p.quantity())) {
            assertEquals("", p.quantity().unit(), p + " is a flag");
            assertEquals(Compare.AT_OR_ABOVE, p.compare());
            assertEquals(1, p.threshold().value(Presets.forChemistry(Chemistry.LFP)), "a flag trips when set");
        } else {
            assertFalse(p.quantity().unit().isEmpty(), p + " carries a measured value and must name its unit");
        }
    }

    static Stream<Arguments> lfpTable() {
        long hold = FirmwareConstants.RECOVERY_HOLD_ms;
        long t = FirmwareConstants.TEMPERATURE_DELAY_ms;
        return Stream.of(
                // row, compare, threshold, delay ms, recovery level (or null), hold ms / recovery time ms
                Arguments.of(Protection.CELL_OVP, Compare.AT_OR_ABOVE, 3_600, 5_000L, 3_400, hold),
                Arguments.of(Protection.CELL_UVP, Compare.AT_OR_BELOW, 2_600, 5_000L, 2_900, hold),
                Arguments.of(Protection.CHARGE_OCP, Compare.ABOVE, 120_000, 30_000L, null, 60_000L),
                Arguments.of(Protection.DISCHARGE_OCP, Compare.ABOVE, 120_000, 300_000L, null, 60_000L),
                Arguments.of(Protection.DOCP2, Compare.ABOVE, 180_000, 10_000L, null, 60_000L),
                Arguments.of(Protection.DOCP3, Compare.ABOVE, 240_000, 1_000L, null, 60_000L),
                Arguments.of(Protection.SCP, Compare.AT_OR_ABOVE, 1, 0L, null, 60_000L),
                Arguments.of(Protection.CHARGE_OTP, Compare.AT_OR_ABOVE, 700, t, 600, hold),
                Arguments.of(Protection.CHARGE_UTP, Compare.AT_OR_BELOW, -200, t, -100, hold),
                Arguments.of(Protection.DISCHARGE_OTP, Compare.AT_OR_ABOVE, 700, t, 600, hold),
                Arguments.of(Protection.DISCHARGE_UTP, Compare.AT_OR_BELOW, -200, t, -100, hold),
                Arguments.of(Protection.MOS_OTP, Compare.AT_OR_ABOVE, 900, t, 700, hold),
                Arguments.of(Protection.POWER_OFF, Compare.AT_OR_BELOW, 2_500, FirmwareConstants.POWER_OFF_DELAY_ms, null, -1L),
                Arguments.of(Protection.CELL_COUNT_MISMATCH, Compare.AT_OR_ABOVE, 1, 3_000L, 0, hold),
                Arguments.of(Protection.WIRE_RESISTANCE, Compare.AT_OR_ABOVE, FirmwareConstants.WIRE_RESISTANCE_LIMIT_mOhm, 0L,
                        FirmwareConstants.WIRE_RESISTANCE_LIMIT_mOhm - 1, 0L),
                Arguments.of(Protection.TEMP_SENSOR_FAULT, Compare.AT_OR_ABOVE, 1, t, 0, hold),
                Arguments.of(Protection.CELL_DELTA, Compare.AT_OR_ABOVE, 300, 5_000L, 290, hold),
                Arguments.of(Protection.LOW_SOC, Compare.AT_OR_BELOW, 10, 0L, 15, 0L),
                Arguments.of(Protection.PARALLEL_MODULE_FAULT, Compare.AT_OR_ABOVE, 1, 1_000L, 0, hold),
                Arguments.of(Protection.GPS_DISCONNECTED, Compare.AT_OR_ABOVE, (int) FirmwareConstants.GPS_TIMEOUT_ms, 0L, 0, 0L),
                Arguments.of(Protection.GPS_LOCK_CHARGE, Compare.AT_OR_ABOVE, 1, 0L, 0, 0L),
                Arguments.of(Protection.GPS_LOCK_DISCHARGE, Compare.AT_OR_ABOVE, 1, 0L, 0, 0L));
    }

    @Test
    void theLfpTableCoversEveryRow() {
        Set<Object> listed = lfpTable().map(a -> a.get()[0]).collect(Collectors.toSet());
        assertEquals(Set.of((Object[]) Protection.values()), listed);
    }

    @ParameterizedTest
    @MethodSource("lfpTable")
    void rowMatchesTheLfpPresetAndTheGuide(Protection p, Compare compare, int threshold, long delay_ms, Integer recovery,
                                           long holdOrTime_ms) {
        Settings s = Presets.forChemistry(Chemistry.LFP);
        assertEquals(compare, p.compare(), p + " compare");
        assertEquals(threshold, p.threshold().value(s), p + " threshold");
        assertEquals(delay_ms, p.delay().ms(s), p + " delay");
        Recovery r = p.recovery();
        if (recovery != null) {
            Recovery.OnThreshold t = assertInstanceOf(Recovery.OnThreshold.class, r, p + " recovers by threshold");
            assertEquals(recovery.intValue(), t.level().value(s), p + " recovery level");
            assertEquals(holdOrTime_ms, t.hold_ms(), p + " recovery hold");
        } else if (holdOrTime_ms >= 0) {
            Recovery.AfterTime a = assertInstanceOf(Recovery.AfterTime.class, r, p + " recovers by time");
            assertEquals(holdOrTime_ms, a.time().ms(s), p + " recovery time");
        } else {
            assertInstanceOf(Recovery.Never.class, r, p + " never recovers by itself");
        }
    }

    @ParameterizedTest
    @EnumSource(Protection.class)
    void onlyTheDocumentedRowsHaveEnableOrDisableSwitches(Protection p) {
        Optional<SettingKey> enabledBy = switch (p) {
            case DOCP2 -> Optional.of(SettingKey.DOCP2_ENABLED);
            case DOCP3 -> Optional.of(SettingKey.DOCP3_ENABLED);
            case GPS_DISCONNECTED -> Optional.of(SettingKey.GPS_HEARTBEAT);
            default -> Optional.empty();
        };
        Optional<SettingKey> disabledBy = p == Protection.PARALLEL_MODULE_FAULT
                ? Optional.of(SettingKey.PCL_DISABLED) : Optional.empty();
        assertEquals(enabledBy, p.enabledBy());
        assertEquals(disabledBy, p.disabledBy());
        assertEquals(p != Protection.SCP, p.emergencyOverrides(), "emergency overrides all but the short circuit");
    }
}
