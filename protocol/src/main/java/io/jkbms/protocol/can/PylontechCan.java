package io.jkbms.protocol.can;

import io.jkbms.core.telemetry.Alarm;
import io.jkbms.core.telemetry.Telemetry;
import io.jkbms.core.telemetry.TemperatureReading;
import io.jkbms.protocol.uart.UartWarning;

import java.util.EnumSet;
import java.util.Set;

import static io.jkbms.protocol.uart.UartWarning.*;

/** Pylontech-compatible content built from the board's telemetry ([UKS]'s mapping, protocols.md §3.2). */
public final class PylontechCan {
    private PylontechCan() {
    }

    public static PylonSocSoh socSoh(Telemetry t) {
        return new PylonSocSoh(Math.max(0, Math.min(0xFFFF, t.soc_pct())), Math.max(0, Math.min(0xFFFF, t.soh_pct())));
    }

    /** Voltage, current (+ = charge) and the warmest external sensor that reads OK (the MOS sensor if none does; 0 °C if that fails too). */
    public static PylonMeasurements measurements(Telemetry t) {
        int temp = Integer.MIN_VALUE;
        for (TemperatureReading r : t.temperatures()) {
            if (r.valid()) {
                temp = Math.max(temp, r.value_dC());
            }
        }
        if (temp == Integer.MIN_VALUE) {
            temp = t.mosTemperature().valid() ? t.mosTemperature().value_dC() : 0;
        }
        return new PylonMeasurements(t.packVoltage_mV(), t.current_mA(), temp);
    }

    /** Charging and discharging are allowed while their MOSFETs are on (a protection or a switch opens them). */
    public static PylonChargeRequest chargeRequest(Telemetry t) {
        return new PylonChargeRequest(t.chargeMos(), t.dischargeMos());
    }

    /**
     * 0x359 as [UKS] derives it from the 4E57 warning bits: high V from bits 2/7/10, low V 3/11, high T 1/4/8,
     * low T 9, discharge OC 6, charge OC 5, internal 12/13, imbalance 7 (bit 7, cell spread, sets both high V and
     * imbalance there, and here).
     */
    public static PylonAlarms fromWarningBits(int bits, int moduleCount) {
        EnumSet<PylonFlag> f = EnumSet.noneOf(PylonFlag.class);
        Set<UartWarning> w = UartWarning.of(bits);
        if (w.contains(CHARGE_OVERVOLTAGE) || w.contains(CELL_DELTA) || w.contains(CELL_OVERVOLTAGE)) {
            f.add(PylonFlag.HIGH_VOLTAGE);
        }
        if (w.contains(DISCHARGE_UNDERVOLTAGE) || w.contains(CELL_UNDERVOLTAGE)) {
            f.add(PylonFlag.LOW_VOLTAGE);
        }
        if (w.contains(MOS_OVERTEMPERATURE) || w.contains(BATTERY_OVERTEMPERATURE) || w.contains(BOX_OVERTEMPERATURE)) {
            f.add(PylonFlag.HIGH_TEMPERATURE);
        }
        if (w.contains(LOW_TEMPERATURE)) {
            f.add(PylonFlag.LOW_TEMPERATURE);
        }
        if (w.contains(DISCHARGE_OVERCURRENT)) {
            f.add(PylonFlag.DISCHARGE_OVERCURRENT);
        }
        if (w.contains(CHARGE_OVERCURRENT)) {
            f.add(PylonFlag.CHARGE_OVERCURRENT);
        }
        if (w.contains(PROTECTION_309_A) || w.contains(PROTECTION_309_B)) {
            f.add(PylonFlag.INTERNAL_FAILURE);
        }
        if (w.contains(CELL_DELTA)) {
            f.add(PylonFlag.CELL_IMBALANCE);
        }
        return new PylonAlarms(f, moduleCount);
    }

    /**
     * 0x359 from the board's alarms: through the same 0x8B bits the 4E57 port reports ({@link UartWarning#fromAlarms}),
     * then {@link #fromWarningBits}. The BD4A never sets 309_A/B, so its own faults (temperature sensor, cell count,
     * balance wire, parallel module) raise "internal failure" directly.
     */
    public static PylonAlarms alarms(Set<Alarm> alarms, int moduleCount) {
        PylonAlarms a = fromWarningBits(UartWarning.bits(UartWarning.fromAlarms(alarms)), moduleCount);
        for (Alarm x : alarms) {
            if (x == Alarm.TEMP_SENSOR_FAULT || x == Alarm.CELL_COUNT_MISMATCH || x == Alarm.WIRE_RESISTANCE
                    || x == Alarm.PARALLEL_MODULE_FAULT) {
                EnumSet<PylonFlag> f = a.flags().isEmpty() ? EnumSet.noneOf(PylonFlag.class) : EnumSet.copyOf(a.flags());
                f.add(PylonFlag.INTERNAL_FAILURE);
                return new PylonAlarms(f, moduleCount);
            }
        }
        return a;
    }
}
