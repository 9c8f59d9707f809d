package io.jkbms.firmware.protection;

import io.jkbms.core.board.Chemistry;
import io.jkbms.core.board.Ntc;
import io.jkbms.core.event.Event;
import io.jkbms.core.event.EventType;
import io.jkbms.core.event.Phase;
import io.jkbms.core.settings.Presets;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.telemetry.Alarm;
import io.jkbms.core.telemetry.PowerState;
import io.jkbms.firmware.Board;
import io.jkbms.firmware.FirmwareConstants;
import io.jkbms.firmware.Rig;
import io.jkbms.firmware.ScriptedBoard;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One scripted scenario per row of {@link Protection}: how to drive the scripted board beyond the row's threshold,
 * how long after that the row must trip, with which event value and cell, how to bring the value back to the safe side
 * of its recovery, and how long the release then takes. The numbers are written out from the guide and the LFP preset
 * (not read back from the table), so the table-driven tests check the table as well as the engine.
 * <p>
 * Conventions: the trigger is applied right after a tick; {@code tripAfter_ms} is the clock time from then to the tick
 * on which the row trips (the first tick sees the condition 100 ms later, then the row's delay runs). The clear is
 * applied right after the trip tick; {@code recoverAfter_ms} is the time from then to the releasing tick.
 */
final class Scenarios {
    static final String MODEL = "JK-BD4A24S-12P";
    static final long TICK = FirmwareConstants.CONTROL_PERIOD_ms;
    static final long HOLD = FirmwareConstants.RECOVERY_HOLD_ms;

    private Scenarios() {
    }

    static final class Scenario {
        final Protection row;
        final Action expectedAction;
        final Alarm expectedAlarm;
        SettingsPatch overrides = SettingsPatch.builder().build();
        Consumer<ScriptedBoard> beforeBoot = b -> { };
        Consumer<Rig> trigger = r -> { };
        long tripAfter_ms;
        ToLongFunction<Rig> tripValue;
        int tripCell = Event.NO_CELL;
        Consumer<Rig> clear = r -> { };
        /** -1: the row never releases by itself. */
        long recoverAfter_ms = -1;
        /** null: the value at release is not a measurement worth checking. */
        ToLongFunction<Rig> recoverValue;
        int recoverCell = Event.NO_CELL;
        final Set<Alarm> alongside = EnumSet.noneOf(Alarm.class);

        Scenario(Protection row, Action expectedAction, Alarm expectedAlarm) {
            this.row = row;
            this.expectedAction = expectedAction;
            this.expectedAlarm = expectedAlarm;
        }

        Scenario given(SettingsPatch p) {
            overrides = p;
            return this;
        }

        Scenario beforeBoot(Consumer<ScriptedBoard> b) {
            beforeBoot = b;
            return this;
        }

        Scenario trigger(Consumer<Rig> t, long after_ms, long value, int cell) {
            return trigger(t, after_ms, r -> value, cell);
        }

        Scenario trigger(Consumer<Rig> t, long after_ms, ToLongFunction<Rig> value, int cell) {
            trigger = t;
            tripAfter_ms = after_ms;
            tripValue = value;
            tripCell = cell;
            return this;
        }

        Scenario clear(Consumer<Rig> c, long after_ms, Long value, int cell) {
            return clear(c, after_ms, value == null ? null : r -> value, cell);
        }

        Scenario clear(Consumer<Rig> c, long after_ms, ToLongFunction<Rig> value, int cell) {
            clear = c;
            recoverAfter_ms = after_ms;
            recoverValue = value;
            recoverCell = cell;
            return this;
        }

        Scenario alongside(Alarm... alarms) {
            alongside.addAll(List.of(alarms));
            return this;
        }

        Settings settings() {
            return Presets.forChemistry(Chemistry.LFP).with(overrides);
        }

        Rig rig() {
            ScriptedBoard board = ScriptedBoard.lfp16(MODEL);
            beforeBoot.accept(board);
            return new Rig(board, settings());
        }

        /** Builds the rig, applies the trigger and runs to the trip tick. */
        Rig tripped() {
            Rig rig = rig();
            trigger.accept(rig);
            rig.run(tripAfter_ms);
            assertEquals(ProtectionEngine.State.TRIPPED, rig.bms.protections().state(row), row + " should have tripped");
            return rig;
        }

        Set<Alarm> alarmsWhileTripped() {
            EnumSet<Alarm> s = EnumSet.of(expectedAlarm);
            s.addAll(alongside);
            return s;
        }

        @Override
        public String toString() {
            return row.name();
        }
    }

    private static Scenario row(Protection p, Action a, Alarm alarm) {
        return new Scenario(p, a, alarm);
    }

    static Scenario of(Protection p) {
        return switch (p) {
            // Cell voltages: the other cells sit close by, so the spread stays below the 300 mV delta alarm.
            case CELL_OVP -> row(p, Action.CHARGE_OFF, Alarm.CELL_OVP)
                    .trigger(r -> r.board.cells(3500).cell(7, 3600), TICK + 5_000, 3600, 7)
                    .clear(r -> r.board.cells(3350).cell(7, 3400), TICK + HOLD, 3400L, 7);
            // SOC-0 % anchor moved below the UVP cell so the 0 % re-anchor (and with it LOW_SOC) stays out of it.
            case CELL_UVP -> row(p, Action.DISCHARGE_OFF, Alarm.CELL_UVP)
                    .given(SettingsPatch.of(SettingKey.SOC0_mV, 2500))
                    .trigger(r -> r.board.cells(2700).cell(4, 2600), TICK + 5_000, 2600, 4)
                    .clear(r -> r.board.cells(2950).cell(4, 2900), TICK + HOLD, 2900L, 4);
            case CHARGE_OCP -> row(p, Action.CHARGE_OFF, Alarm.CHARGE_OCP)
                    .trigger(r -> r.board.current(120_001), TICK + 30_000, 120_001, Event.NO_CELL)
                    .clear(r -> r.board.current(0), 60_000, 0L, Event.NO_CELL);
            case DISCHARGE_OCP -> row(p, Action.DISCHARGE_OFF, Alarm.DISCHARGE_OCP)
                    .trigger(r -> r.board.current(-120_001), TICK + 300_000, 120_001, Event.NO_CELL)
                    .clear(r -> r.board.current(0), 60_000, 0L, Event.NO_CELL);
            case DOCP2 -> row(p, Action.DISCHARGE_OFF, Alarm.DOCP2)
                    .trigger(r -> r.board.current(-180_001), TICK + 10_000, 180_001, Event.NO_CELL)
                    .clear(r -> r.board.current(0), 60_000, 0L, Event.NO_CELL);
            case DOCP3 -> row(p, Action.DISCHARGE_OFF, Alarm.DOCP3)
                    .trigger(r -> r.board.current(-240_001), TICK + 1_000, 240_001, Event.NO_CELL)
                    .clear(r -> r.board.current(0), 60_000, 0L, Event.NO_CELL);
            // The latch is cleared by the firmware itself: the value at release is the latch it is about to clear.
            case SCP -> row(p, Action.BOTH_OFF, Alarm.SCP)
                    .trigger(r -> r.board.shortCircuit(), TICK, 1, Event.NO_CELL)
                    .clear(r -> { }, 60_000, (Long) null, Event.NO_CELL);
            // CHARGE_OTP and DISCHARGE_OTP share the quantity and the preset limit: the other one is moved away.
            case CHARGE_OTP -> row(p, Action.CHARGE_OFF, Alarm.CHARGE_OTP)
                    .given(patch(SettingKey.DISCHARGE_OTP_dC, 800, SettingKey.DISCHARGE_OTPR_dC, 700))
                    .trigger(r -> r.board.temperature_C(1, celsiusFor(700)), TICK + 5_000, 700, Event.NO_CELL)
                    .clear(r -> r.board.temperature_C(1, celsiusFor(600)), TICK + HOLD, 600L, Event.NO_CELL);
            case CHARGE_UTP -> row(p, Action.CHARGE_OFF, Alarm.CHARGE_UTP)
                    .given(patch(SettingKey.DISCHARGE_UTP_dC, -300, SettingKey.DISCHARGE_UTPR_dC, -250))
                    .trigger(r -> r.board.temperature_C(1, celsiusFor(-200)), TICK + 5_000, -200, Event.NO_CELL)
                    .clear(r -> r.board.temperature_C(1, celsiusFor(-100)), TICK + HOLD, -100L, Event.NO_CELL);
            case DISCHARGE_OTP -> row(p, Action.DISCHARGE_OFF, Alarm.DISCHARGE_OTP)
                    .given(patch(SettingKey.CHARGE_OTP_dC, 800, SettingKey.CHARGE_OTPR_dC, 700))
                    .trigger(r -> r.board.temperature_C(1, celsiusFor(700)), TICK + 5_000, 700, Event.NO_CELL)
                    .clear(r -> r.board.temperature_C(1, celsiusFor(600)), TICK + HOLD, 600L, Event.NO_CELL);
            case DISCHARGE_UTP -> row(p, Action.DISCHARGE_OFF, Alarm.DISCHARGE_UTP)
                    .given(patch(SettingKey.CHARGE_UTP_dC, -300, SettingKey.CHARGE_UTPR_dC, -250))
                    .trigger(r -> r.board.temperature_C(1, celsiusFor(-200)), TICK + 5_000, -200, Event.NO_CELL)
                    .clear(r -> r.board.temperature_C(1, celsiusFor(-100)), TICK + HOLD, -100L, Event.NO_CELL);
            case MOS_OTP -> row(p, Action.BOTH_OFF, Alarm.MOS_OTP)
                    .trigger(r -> r.board.temperature_C(0, celsiusFor(900)), TICK + 5_000, 900, Event.NO_CELL)
                    .clear(r -> r.board.temperature_C(0, celsiusFor(700)), TICK + HOLD, 700L, Event.NO_CELL);
            // A load keeps drawing 2 A, so the pack is not idle and smart sleep does not pre-empt the shutdown. A cell at
            // the power-off voltage is also under-voltage, and the 0 % SOC anchor then raises LOW_SOC.
            // Clear (used only by the lapse test): the cell back just above the power-off voltage.
            case POWER_OFF -> row(p, Action.SHUTDOWN, Alarm.POWER_OFF)
                    .trigger(r -> r.board.cells(2600).cell(3, 2500).current(-2_000), TICK + 60_000, 2500, 3)
                    .clear(r -> r.board.cell(3, 2501), -1, (Long) null, Event.NO_CELL)
                    .alongside(Alarm.CELL_UVP, Alarm.LOW_SOC);
            // Channel 17 of a 16-cell pack reads a cell.
            case CELL_COUNT_MISMATCH -> row(p, Action.BOTH_OFF, Alarm.CELL_COUNT_MISMATCH)
                    .trigger(r -> r.board.cell(17, 3300), TICK + 3_000, 1, Event.NO_CELL)
                    .clear(r -> r.board.cell(17, 0), TICK + HOLD, 0L, Event.NO_CELL);
            // Wire resistance is re-measured every WIRE_MEASURE_PERIOD_ms (the boot measurement was at t = 0).
            // After the clear every wire reads 60 mOhm: the highest is then cell 1 (the first of equals).
            case WIRE_RESISTANCE -> row(p, Action.BALANCE_OFF, Alarm.WIRE_RESISTANCE)
                    .trigger(r -> r.board.wire(3, 1000), FirmwareConstants.WIRE_MEASURE_PERIOD_ms, 1000, 3)
                    .clear(r -> r.board.wire(3, 60), FirmwareConstants.WIRE_MEASURE_PERIOD_ms, 60L, 1);
            case TEMP_SENSOR_FAULT -> row(p, Action.CHARGE_OFF, Alarm.TEMP_SENSOR_FAULT)
                    .trigger(r -> r.board.sensorOpen(1), TICK + 5_000, 1, Event.NO_CELL)
                    .clear(r -> r.board.temperature_C(1, 25), TICK + HOLD, 0L, Event.NO_CELL);
            case CELL_DELTA -> row(p, Action.ALARM_ONLY, Alarm.CELL_DELTA)
                    .trigger(r -> r.board.cell(2, 3000), TICK + 5_000, 300, Event.NO_CELL)
                    .clear(r -> r.board.cell(2, 3010), TICK + HOLD, 290L, Event.NO_CELL);
            // The alarm level is moved onto the SOC the pack has (about 78 % at 3.300 V LFP); recovery is 5 % above it.
            case LOW_SOC -> row(p, Action.ALARM_ONLY, Alarm.LOW_SOC)
                    .trigger(r -> r.set(SettingKey.LOW_SOC_ALARM_pct, soc(r)), TICK, Scenarios::soc, Event.NO_CELL)
                    .clear(r -> r.set(SettingKey.LOW_SOC_ALARM_pct, soc(r) - 5), TICK, Scenarios::soc, Event.NO_CELL);
            case PARALLEL_MODULE_FAULT -> row(p, Action.ALARM_ONLY, Alarm.PARALLEL_MODULE_FAULT)
                    .trigger(r -> r.board.parallel(Board.ParallelStatus.FAULT), TICK + 1_000, 1, Event.NO_CELL)
                    .clear(r -> r.board.parallel(Board.ParallelStatus.OK), TICK + HOLD, 0L, Event.NO_CELL);
            // No GPS message since power-up (t = 0): silent for 60 s at t = 60 s.
            case GPS_DISCONNECTED -> row(p, Action.ALARM_ONLY, Alarm.GPS_DISCONNECTED)
                    .given(SettingsPatch.of(SettingKey.GPS_HEARTBEAT, 1))
                    .trigger(r -> { }, FirmwareConstants.GPS_TIMEOUT_ms, FirmwareConstants.GPS_TIMEOUT_ms, Event.NO_CELL)
                    .clear(r -> r.board.gpsMessage(), TICK, 0L, Event.NO_CELL);
            case GPS_LOCK_CHARGE -> row(p, Action.CHARGE_OFF, Alarm.GPS_LOCK)
                    .trigger(r -> r.set(SettingKey.GPS_LOCK_CHARGE, 1), TICK, 1, Event.NO_CELL)
                    .clear(r -> r.set(SettingKey.GPS_LOCK_CHARGE, 0), TICK, 0L, Event.NO_CELL);
            case GPS_LOCK_DISCHARGE -> row(p, Action.DISCHARGE_OFF, Alarm.GPS_LOCK)
                    .trigger(r -> r.set(SettingKey.GPS_LOCK_DISCHARGE, 1), TICK, 1, Event.NO_CELL)
                    .clear(r -> r.set(SettingKey.GPS_LOCK_DISCHARGE, 0), TICK, 0L, Event.NO_CELL);
        };
    }

    static int soc(Rig r) {
        return r.bms.soc().soc_pct();
    }

    static SettingsPatch patch(SettingKey k1, int v1, SettingKey k2, int v2) {
        return SettingsPatch.builder().set(k1, v1).set(k2, v2).build();
    }

    // ---- helpers shared by the protection tests ----------------------------------------------------------------------

    /**
     * A temperature (°C) whose NTC counts the firmware decodes to exactly {@code dC}. Not every 0.1 °C value is
     * representable (12-bit ADC, non-linear NTC); this fails if {@code dC} is not, so callers use only values that are.
     */
    static double celsiusFor(int dC) {
        for (int i = 0; i <= 2_000; i++) {
            for (int sign : new int[]{1, -1}) {
                double c = dC / 10.0 + sign * i * 0.0005;
                if (Ntc.toDeciCelsius(Ntc.toCounts(c)) == dC) {
                    return c;
                }
            }
        }
        throw new AssertionError("no temperature decodes to exactly " + dC + " dC");
    }

    static boolean representable(int dC) {
        try {
            celsiusFor(dC);
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }

    static Set<Alarm> alarms(Rig rig) {
        return rig.bms.telemetry().alarms();
    }

    static ProtectionEngine.State state(Rig rig, Protection p) {
        return rig.bms.protections().state(p);
    }

    static boolean active(Rig rig, Protection p) {
        return rig.bms.protections().isActive(p);
    }

    /** The single event of a type and phase; fails if there is none or more than one. */
    static Event only(Rig rig, EventType type, Phase phase) {
        List<Event> es = rig.events(type, phase);
        assertEquals(1, es.size(), () -> "expected exactly one " + type + " " + phase + " event, got " + es);
        return es.get(0);
    }

    static void assertEvent(Event e, long time_ms, int cell, long value, String unit) {
        assertNotNull(e);
        assertEquals(time_ms, e.time_ms(), () -> "time of " + e);
        assertEquals(cell, e.cell(), () -> "cell of " + e);
        assertEquals(value, e.value(), () -> "value of " + e);
        assertEquals(unit, e.unit(), () -> "unit of " + e);
    }

    static void assertMosfets(Rig rig, boolean charge, boolean discharge) {
        assertEquals(charge, rig.board.chargeMos, "board charge MOSFET");
        assertEquals(discharge, rig.board.dischargeMos, "board discharge MOSFET");
        assertEquals(charge, rig.bms.chargeMos(), "firmware charge MOSFET");
        assertEquals(discharge, rig.bms.dischargeMos(), "firmware discharge MOSFET");
    }

    /** The board after an auto shutdown: off, in low power, every output off. */
    static void assertShutDown(Rig rig) {
        assertEquals(PowerState.OFF, rig.bms.powerState());
        assertTrue(rig.board.lowPower, "board in low power");
        assertFalse(rig.board.chargeMos, "charge MOSFET");
        assertFalse(rig.board.dischargeMos, "discharge MOSFET");
        assertFalse(rig.board.precharge, "precharge");
        assertEquals(0, rig.board.balance_mA, "balancer");
        assertFalse(rig.board.heater, "heater");
        assertFalse(rig.board.buzzer, "buzzer");
        assertFalse(rig.board.parallelEnable, "parallel enable");
        assertFalse(rig.board.displayPower, "display power");
    }

    /** The outputs a tripped row with {@code action} must hold (no other MOSFET-acting row active). */
    static void assertActionHolds(Rig rig, Action action) {
        if (action == Action.SHUTDOWN) {
            assertShutDown(rig);
            return;
        }
        assertEquals(PowerState.ON, rig.bms.powerState());
        assertFalse(rig.board.lowPower);
        switch (action) {
            case CHARGE_OFF -> assertMosfets(rig, false, true);
            case DISCHARGE_OFF -> assertMosfets(rig, true, false);
            case BOTH_OFF -> assertMosfets(rig, false, false);
            case BALANCE_OFF, ALARM_ONLY -> assertMosfets(rig, true, true);
            default -> throw new AssertionError(action);
        }
        boolean balanceBlocked = action == Action.BALANCE_OFF || action == Action.BOTH_OFF;
        assertEquals(balanceBlocked, rig.bms.protections().balanceBlocked(), "balancing blocked");
        if (balanceBlocked) {
            assertFalse(rig.bms.balancing(), "balancer must be stopped");
            assertEquals(0, rig.board.balance_mA, "balancer output");
        }
    }
}
