package io.jkbms.firmware.protection;

import io.jkbms.core.event.Event;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.firmware.sampling.Measurements;

/** The measured quantities protections watch, each with its unit and, where there is one, the cell it concerns. */
public enum Quantity {
    MAX_CELL_mV("mV"),
    MIN_CELL_mV("mV"),
    CELL_DELTA_mV("mV"),
    CHARGE_CURRENT_mA("mA"),
    DISCHARGE_CURRENT_mA("mA"),
    MAX_BATTERY_dC("dC"),
    MIN_BATTERY_dC("dC"),
    MOS_dC("dC"),
    SHORT_CIRCUIT(""),
    CELL_COUNT_ERROR("cells"),
    MAX_WIRE_mOhm("mOhm"),
    SENSOR_FAULTS("sensors"),
    SOC_pct("%"),
    PARALLEL_FAULT(""),
    GPS_SILENCE_ms("ms"),
    GPS_LOCK_CHARGE(""),
    GPS_LOCK_DISCHARGE("");

    private final String unit;

    Quantity(String unit) {
        this.unit = unit;
    }

    public String unit() {
        return unit;
    }

    public int read(Inputs in) {
        Measurements m = in.measurements;
        switch (this) {
            case MAX_CELL_mV: return m.max_mV();
            case MIN_CELL_mV: return m.min_mV();
            case CELL_DELTA_mV: return m.delta_mV();
            case CHARGE_CURRENT_mA: return Math.max(0, m.current_mA());
            case DISCHARGE_CURRENT_mA: return Math.max(0, -m.current_mA());
            case MAX_BATTERY_dC: return m.maxBattery_dC();
            case MIN_BATTERY_dC: return m.minBattery_dC();
            case MOS_dC: return m.mosValid() ? m.mos_dC() : Measurements.NO_TEMPERATURE_MAX;
            case SHORT_CIRCUIT: return in.shortCircuitLatched ? 1 : 0;
            case CELL_COUNT_ERROR: return m.cellCountErrors();
            case MAX_WIRE_mOhm: return m.maxWireResistance_mOhm();
            case SENSOR_FAULTS: return m.sensorFaults();
            case SOC_pct: return in.soc_pct;
            case PARALLEL_FAULT: return in.parallelFault ? 1 : 0;
            case GPS_SILENCE_ms: return (int) Math.min(Integer.MAX_VALUE, in.gpsSilence_ms);
            case GPS_LOCK_CHARGE: return in.settings.get(SettingKey.GPS_LOCK_CHARGE);
            case GPS_LOCK_DISCHARGE: return in.settings.get(SettingKey.GPS_LOCK_DISCHARGE);
            default: throw new IllegalStateException(name());
        }
    }

    /**
     * Whether there is a reading at all. A temperature protection whose sensors have all failed neither trips nor
     * recovers on the missing value: "no reading" is not "back within limits" (the sensor-fault row handles it).
     */
    public boolean available(Inputs in) {
        Measurements m = in.measurements;
        switch (this) {
            case MOS_dC: return m.mosValid();
            case MAX_BATTERY_dC: return m.maxBattery_dC() != Measurements.NO_TEMPERATURE_MAX;
            case MIN_BATTERY_dC: return m.minBattery_dC() != Measurements.NO_TEMPERATURE_MIN;
            default: return true;
        }
    }

    /** The 1-based cell the reading belongs to, or {@link Event#NO_CELL}. */
    public int cell(Inputs in) {
        switch (this) {
            case MAX_CELL_mV: return in.measurements.maxCell();
            case MIN_CELL_mV: return in.measurements.minCell();
            case MAX_WIRE_mOhm: return in.measurements.maxWireCell();
            default: return Event.NO_CELL;
        }
    }
}
