package io.jkbms.core.telemetry;

/** Every alarm the board can raise, with the words the status page shows. Protocol codecs map these to their bits. */
public enum Alarm {
    CELL_OVP("cell over-voltage"),
    CELL_UVP("cell under-voltage"),
    CHARGE_OCP("charge over-current"),
    DISCHARGE_OCP("discharge over-current"),
    DOCP2("discharge over-current level II"),
    DOCP3("discharge over-current level III"),
    SCP("short circuit"),
    CHARGE_OTP("charge over-temperature"),
    CHARGE_UTP("charge low-temperature"),
    DISCHARGE_OTP("discharge over-temperature"),
    DISCHARGE_UTP("discharge low-temperature"),
    MOS_OTP("MOSFET over-temperature"),
    POWER_OFF("cell below the power-off voltage"),
    CELL_COUNT_MISMATCH("cell count differs from the setting"),
    WIRE_RESISTANCE("balance-wire resistance too high"),
    TEMP_SENSOR_FAULT("temperature sensor open or shorted"),
    CELL_DELTA("cell spread too large"),
    LOW_SOC("low capacity"),
    PARALLEL_MODULE_FAULT("parallel module fault"),
    GPS_DISCONNECTED("GPS module not responding"),
    GPS_LOCK("locked by GPS remote control");

    private final String words;

    Alarm(String words) {
        this.words = words;
    }

    /** The alarm in words, as the status page shows it. */
    public String words() {
        return words;
    }
}
