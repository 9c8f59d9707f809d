package io.jkbms.firmware.protection;

import io.jkbms.core.event.EventType;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.telemetry.Alarm;

import java.util.Optional;

import static io.jkbms.core.settings.SettingKey.*;
import static io.jkbms.firmware.FirmwareConstants.*;
import static io.jkbms.firmware.protection.Compare.*;
import static io.jkbms.firmware.protection.Delay.fixed;
import static io.jkbms.firmware.protection.Delay.millis;
import static io.jkbms.firmware.protection.Delay.seconds;
import static io.jkbms.firmware.protection.Threshold.constant;
import static io.jkbms.firmware.protection.Threshold.setting;

/**
 * The table of protections: every limit of the board in one place, each with its quantity, threshold, delay, own
 * recovery, action, alarm and event. {@link ProtectionEngine} runs every row through the same state machine; nothing
 * else in the firmware compares a measurement with a protection threshold.
 */
public enum Protection {
    //           alarm                       quantity                  compare      threshold                    delay                          recovery                                                 action
    CELL_OVP(Alarm.CELL_OVP, Quantity.MAX_CELL_mV, AT_OR_ABOVE, setting(CELL_OVP_mV), seconds(CELL_OVP_DELAY_s), Recovery.threshold(setting(CELL_OVPR_mV), RECOVERY_HOLD_ms), Action.CHARGE_OFF),
    CELL_UVP(Alarm.CELL_UVP, Quantity.MIN_CELL_mV, AT_OR_BELOW, setting(CELL_UVP_mV), seconds(CELL_UVP_DELAY_s), Recovery.threshold(setting(CELL_UVPR_mV), RECOVERY_HOLD_ms), Action.DISCHARGE_OFF),
    CHARGE_OCP(Alarm.CHARGE_OCP, Quantity.CHARGE_CURRENT_mA, ABOVE, setting(CHARGE_OCP_mA), seconds(CHARGE_OCP_DELAY_s), Recovery.after(seconds(CHARGE_OCP_RECOVERY_s)), Action.CHARGE_OFF),
    DISCHARGE_OCP(Alarm.DISCHARGE_OCP, Quantity.DISCHARGE_CURRENT_mA, ABOVE, setting(DISCHARGE_OCP_mA), seconds(DISCHARGE_OCP_DELAY_s), Recovery.after(seconds(DISCHARGE_OCP_RECOVERY_s)), Action.DISCHARGE_OFF),
    DOCP2(Alarm.DOCP2, Quantity.DISCHARGE_CURRENT_mA, ABOVE, setting(DOCP2_mA), millis(DOCP2_DELAY_ms), Recovery.after(seconds(DISCHARGE_OCP_RECOVERY_s)), Action.DISCHARGE_OFF, DOCP2_ENABLED),
    DOCP3(Alarm.DOCP3, Quantity.DISCHARGE_CURRENT_mA, ABOVE, setting(DOCP3_mA), millis(DOCP3_DELAY_ms), Recovery.after(seconds(DISCHARGE_OCP_RECOVERY_s)), Action.DISCHARGE_OFF, DOCP3_ENABLED),
    /** The hardware comparator has already opened the MOSFETs within its µs delay; this row holds them open for the
     *  recovery time, then clears the latch. Emergency mode does not override it. */
    SCP(Alarm.SCP, Quantity.SHORT_CIRCUIT, AT_OR_ABOVE, constant(1), Delay.NONE, Recovery.after(seconds(SCP_RECOVERY_s)), Action.BOTH_OFF),
    CHARGE_OTP(Alarm.CHARGE_OTP, Quantity.MAX_BATTERY_dC, AT_OR_ABOVE, setting(CHARGE_OTP_dC), fixed(TEMPERATURE_DELAY_ms), Recovery.threshold(setting(CHARGE_OTPR_dC), RECOVERY_HOLD_ms), Action.CHARGE_OFF),
    CHARGE_UTP(Alarm.CHARGE_UTP, Quantity.MIN_BATTERY_dC, AT_OR_BELOW, setting(CHARGE_UTP_dC), fixed(TEMPERATURE_DELAY_ms), Recovery.threshold(setting(CHARGE_UTPR_dC), RECOVERY_HOLD_ms), Action.CHARGE_OFF),
    DISCHARGE_OTP(Alarm.DISCHARGE_OTP, Quantity.MAX_BATTERY_dC, AT_OR_ABOVE, setting(DISCHARGE_OTP_dC), fixed(TEMPERATURE_DELAY_ms), Recovery.threshold(setting(DISCHARGE_OTPR_dC), RECOVERY_HOLD_ms), Action.DISCHARGE_OFF),
    DISCHARGE_UTP(Alarm.DISCHARGE_UTP, Quantity.MIN_BATTERY_dC, AT_OR_BELOW, setting(DISCHARGE_UTP_dC), fixed(TEMPERATURE_DELAY_ms), Recovery.threshold(setting(DISCHARGE_UTPR_dC), RECOVERY_HOLD_ms), Action.DISCHARGE_OFF),
    MOS_OTP(Alarm.MOS_OTP, Quantity.MOS_dC, AT_OR_ABOVE, setting(MOS_OTP_dC), fixed(TEMPERATURE_DELAY_ms), Recovery.threshold(setting(MOS_OTPR_dC), RECOVERY_HOLD_ms), Action.BOTH_OFF),
    /** Auto shutdown: released only by waking the board again (charger, button, display). */
    POWER_OFF(Alarm.POWER_OFF, Quantity.MIN_CELL_mV, AT_OR_BELOW, setting(POWER_OFF_mV), fixed(POWER_OFF_DELAY_ms), Recovery.NEVER, Action.SHUTDOWN),
    CELL_COUNT_MISMATCH(Alarm.CELL_COUNT_MISMATCH, Quantity.CELL_COUNT_ERROR, AT_OR_ABOVE, constant(1), fixed(3_000), Recovery.threshold(constant(0), RECOVERY_HOLD_ms), Action.BOTH_OFF),
    WIRE_RESISTANCE(Alarm.WIRE_RESISTANCE, Quantity.MAX_WIRE_mOhm, AT_OR_ABOVE, constant(WIRE_RESISTANCE_LIMIT_mOhm), Delay.NONE, Recovery.threshold(constant(WIRE_RESISTANCE_LIMIT_mOhm - 1), 0), Action.BALANCE_OFF),
    /** Without a trustworthy battery temperature, charging (the riskier direction) stops. */
    TEMP_SENSOR_FAULT(Alarm.TEMP_SENSOR_FAULT, Quantity.SENSOR_FAULTS, AT_OR_ABOVE, constant(1), fixed(TEMPERATURE_DELAY_ms), Recovery.threshold(constant(0), RECOVERY_HOLD_ms), Action.CHARGE_OFF),
    CELL_DELTA(Alarm.CELL_DELTA, Quantity.CELL_DELTA_mV, AT_OR_ABOVE, setting(CELL_DELTA_ALARM_mV), fixed(5_000), Recovery.threshold(setting(CELL_DELTA_ALARM_mV, -10), RECOVERY_HOLD_ms), Action.ALARM_ONLY),
    LOW_SOC(Alarm.LOW_SOC, Quantity.SOC_pct, AT_OR_BELOW, setting(LOW_SOC_ALARM_pct), Delay.NONE, Recovery.threshold(setting(LOW_SOC_ALARM_pct, 5), 0), Action.ALARM_ONLY),
    PARALLEL_MODULE_FAULT(Alarm.PARALLEL_MODULE_FAULT, Quantity.PARALLEL_FAULT, AT_OR_ABOVE, constant(1), fixed(1_000), Recovery.threshold(constant(0), RECOVERY_HOLD_ms), Action.ALARM_ONLY, null, PCL_DISABLED),
    GPS_DISCONNECTED(Alarm.GPS_DISCONNECTED, Quantity.GPS_SILENCE_ms, AT_OR_ABOVE, constant((int) GPS_TIMEOUT_ms), Delay.NONE, Recovery.threshold(constant(0), 0), Action.ALARM_ONLY, GPS_HEARTBEAT),
    GPS_LOCK_CHARGE(Alarm.GPS_LOCK, Quantity.GPS_LOCK_CHARGE, AT_OR_ABOVE, constant(1), Delay.NONE, Recovery.threshold(constant(0), 0), Action.CHARGE_OFF),
    GPS_LOCK_DISCHARGE(Alarm.GPS_LOCK, Quantity.GPS_LOCK_DISCHARGE, AT_OR_ABOVE, constant(1), Delay.NONE, Recovery.threshold(constant(0), 0), Action.DISCHARGE_OFF);

    private final Alarm alarm;
    private final Quantity quantity;
    private final Compare compare;
    private final Threshold threshold;
    private final Delay delay;
    private final Recovery recovery;
    private final Action action;
    private final Optional<SettingKey> enabledBy;
    private final Optional<SettingKey> disabledBy;

    Protection(Alarm alarm, Quantity quantity, Compare compare, Threshold threshold, Delay delay, Recovery recovery,
               Action action) {
        this(alarm, quantity, compare, threshold, delay, recovery, action, null, null);
    }

    Protection(Alarm alarm, Quantity quantity, Compare compare, Threshold threshold, Delay delay, Recovery recovery,
               Action action, SettingKey enabledBy) {
        this(alarm, quantity, compare, threshold, delay, recovery, action, enabledBy, null);
    }

    Protection(Alarm alarm, Quantity quantity, Compare compare, Threshold threshold, Delay delay, Recovery recovery,
               Action action, SettingKey enabledBy, SettingKey disabledBy) {
        this.alarm = alarm;
        this.quantity = quantity;
        this.compare = compare;
        this.threshold = threshold;
        this.delay = delay;
        this.recovery = recovery;
        this.action = action;
        this.enabledBy = Optional.ofNullable(enabledBy);
        this.disabledBy = Optional.ofNullable(disabledBy);
    }

    public Alarm alarm() {
        return alarm;
    }

    public EventType eventType() {
        return this == GPS_LOCK_CHARGE || this == GPS_LOCK_DISCHARGE ? EventType.GPS_LOCK : EventType.valueOf(alarm.name());
    }

    public Quantity quantity() {
        return quantity;
    }

    public Compare compare() {
        return compare;
    }

    public Threshold threshold() {
        return threshold;
    }

    public Delay delay() {
        return delay;
    }

    public Recovery recovery() {
        return recovery;
    }

    public Action action() {
        return action;
    }

    /** A switch setting that turns this protection on (level II/III over-current, GPS heartbeat). */
    public Optional<SettingKey> enabledBy() {
        return enabledBy;
    }

    /** A switch setting that turns this protection off (the parallel module check). */
    public Optional<SettingKey> disabledBy() {
        return disabledBy;
    }

    /** Whether emergency mode may override this protection's action: all but the short circuit (guide). */
    public boolean emergencyOverrides() {
        return this != SCP;
    }
}
