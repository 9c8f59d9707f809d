package io.jkbms.protocol.can;

import io.jkbms.core.telemetry.Alarm;
import io.jkbms.core.telemetry.Telemetry;
import io.jkbms.core.telemetry.TemperatureReading;

import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.jkbms.protocol.can.JkCanAlarm.Level.*;

/** JK native BMS-CAN content built from the board's telemetry. */
public final class JkNativeCan {
    /** Sent as the discharge time when the pack is not discharging: effectively "unlimited". */
    public static final int NOT_DISCHARGING_h = 0xFFFF;

    private JkNativeCan() {
    }

    /** BATT_ST; the discharge time is remaining capacity / discharge current, whole hours. */
    public static JkBattStatus battStatus(Telemetry t) {
        int hours = t.current_mA() < 0
                ? (int) Math.min(NOT_DISCHARGING_h, Math.max(0, t.remaining_mAh()) / -(long) t.current_mA())
                : NOT_DISCHARGING_h;
        return new JkBattStatus(t.packVoltage_mV(), t.current_mA(), clamp(t.soc_pct(), 0, 0xFF), hours);
    }

    public static JkCellVoltages cellVoltages(Telemetry t) {
        return new JkCellVoltages(clamp(t.max_mV(), 0, 0xFFFF), clamp(t.maxCell(), 0, 0xFF),
                clamp(t.min_mV(), 0, 0xFFFF), clamp(t.minCell(), 0, 0xFF));
    }

    /**
     * CELL_TEMP over the external sensors that read OK, numbered 1.. as in the telemetry; empty (no frame) when none
     * does, rather than a made-up temperature.
     */
    public static Optional<JkCellTemperatures> cellTemperatures(Telemetry t) {
        List<TemperatureReading> r = t.temperatures();
        int max = -1, min = -1;
        long sum = 0;
        int n = 0;
        for (int i = 0; i < r.size(); i++) {
            if (!r.get(i).valid()) {
                continue;
            }
            int v = r.get(i).value_dC();
            if (max < 0 || v > r.get(max).value_dC()) {
                max = i;
            }
            if (min < 0 || v < r.get(min).value_dC()) {
                min = i;
            }
            sum += v;
            n++;
        }
        if (n == 0) {
            return Optional.empty();
        }
        return Optional.of(new JkCellTemperatures(celsius(r.get(max).value_dC()), max + 1,
                celsius(r.get(min).value_dC()), min + 1, celsius(Le.roundDiv(sum, n))));
    }

    private static int celsius(long dC) {
        return (int) Le.clamp(Le.roundDiv(dC, 10), JkCellTemperatures.MIN_C, JkCellTemperatures.MAX_C);
    }

    /**
     * ALM_INFO for the active alarms (empty: no frame). Levels are our choice, the PDF gives none: SEVERE for the
     * short circuit, the peak over-current levels and power-off; IMPORTANT for the protections that open a MOSFET
     * (cell OV/UV, charge/discharge over-current, every over- and under-temperature); GENERAL for the advisories
     * (low SOC, cell spread, GPS and parallel-module communication). Pack OV/UV, temperature spread, insulation and
     * HV interlock have no BD4A counterpart. Where several alarms share a field, the most severe wins.
     */
    public static JkAlarmInfo alarmInfo(Set<Alarm> alarms) {
        EnumMap<JkCanAlarm, JkCanAlarm.Level> m = new EnumMap<>(JkCanAlarm.class);
        for (Alarm a : alarms) {
            switch (a) {
                case CELL_OVP -> raise(m, JkCanAlarm.CELL_OVERVOLTAGE, IMPORTANT);
                case CELL_UVP -> raise(m, JkCanAlarm.CELL_UNDERVOLTAGE, IMPORTANT);
                case POWER_OFF -> raise(m, JkCanAlarm.CELL_UNDERVOLTAGE, SEVERE);
                case CELL_DELTA -> raise(m, JkCanAlarm.CELL_DELTA, GENERAL);
                case DISCHARGE_OCP -> raise(m, JkCanAlarm.DISCHARGE_OVERCURRENT, IMPORTANT);
                case DOCP2, DOCP3, SCP -> raise(m, JkCanAlarm.DISCHARGE_OVERCURRENT, SEVERE);
                case CHARGE_OCP -> raise(m, JkCanAlarm.CHARGE_OVERCURRENT, IMPORTANT);
                case CHARGE_OTP, DISCHARGE_OTP, MOS_OTP -> raise(m, JkCanAlarm.TEMPERATURE_HIGH, IMPORTANT);
                case CHARGE_UTP, DISCHARGE_UTP -> raise(m, JkCanAlarm.TEMPERATURE_LOW, IMPORTANT);
                case LOW_SOC -> raise(m, JkCanAlarm.SOC_LOW, GENERAL);
                case GPS_DISCONNECTED -> raise(m, JkCanAlarm.EXTERNAL_COMMS, GENERAL);
                case PARALLEL_MODULE_FAULT -> raise(m, JkCanAlarm.INTERNAL_COMMS, GENERAL);
                default -> { }
            }
        }
        return new JkAlarmInfo(m);
    }

    private static void raise(EnumMap<JkCanAlarm, JkCanAlarm.Level> m, JkCanAlarm a, JkCanAlarm.Level level) {
        m.merge(a, level, JkCanAlarm.Level::worst);
    }

    private static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }
}
