package io.jkbms.protocol.uart;

import io.jkbms.core.board.Chemistry;
import io.jkbms.core.settings.SettingKey;

import java.util.Optional;
import java.util.OptionalInt;

import static io.jkbms.protocol.uart.UartEncoding.*;

/**
 * Every identifier of the 4E57 reply body (protocols.md §2.2): code, data width, encoding, access, unit and meaning,
 * and the {@link SettingKey} it carries where the board has one, with the unit conversion between the two (the wire
 * uses A, Ah and whole °C where the settings use mA, mAh and 0.1 °C).
 * <p>
 * Identifiers without a setting: 0x8E/0x8F are derived (cell limit × cell count); 0xA0–0xA2, 0xAD, 0xB0, 0xB2, 0xB3,
 * 0xBE/0xBF are JK parameters the BD4A does not have (kept in {@link UartDevice}). 0xB0 is JK's "sleep waiting time"
 * in seconds (10 s in the capture), not the BD4A's idle sleep delay in hours, which a u16 of seconds could not even
 * hold (26 h = 93,600 s).
 */
public enum UartId {
    CELL_VOLTAGES(0x79, 0, CELL_LIST, Access.READ_ONLY, "mV", "cell voltages: length byte 3n, then {cell# (1-based), mV}"),
    MOS_TEMPERATURE(0x80, 2, U16, Access.READ_ONLY, "°C (raw 0-99 = °C, >= 100: 99 - raw)", "MOSFET temperature"),
    T1_TEMPERATURE(0x81, 2, U16, Access.READ_ONLY, "°C (raw 0-99 = °C, >= 100: 99 - raw)", "battery box temperature (T1)"),
    T2_TEMPERATURE(0x82, 2, U16, Access.READ_ONLY, "°C (raw 0-99 = °C, >= 100: 99 - raw)", "battery temperature (T2)"),
    PACK_VOLTAGE(0x83, 2, U16, Access.READ_ONLY, "10 mV", "pack voltage"),
    CURRENT(0x84, 2, U16, Access.READ_ONLY, "C0=1: bit15 charge, 10 mA; else (10000 - raw) × 10 mA", "pack current"),
    SOC(0x85, 1, U8, Access.READ_ONLY, "%", "state of charge"),
    NTC_COUNT(0x86, 1, U8, Access.READ_ONLY, "", "number of temperature sensors"),
    CYCLES(0x87, 2, U16, Access.READ_ONLY, "", "charge cycles"),
    CYCLE_CAPACITY(0x89, 4, U32, Access.READ_ONLY, "Ah", "total cycled capacity"),
    CELL_COUNT(0x8A, 2, U16, Access.READ_ONLY, "", "cells measured"),
    WARNINGS(0x8B, 2, U16, Access.READ_ONLY, "bits", "warnings (see UartWarning)"),
    STATUS(0x8C, 2, U16, Access.READ_ONLY, "bits", "status: b0 charge MOS, b1 discharge MOS, b2 balancer, b3 battery present"),
    PACK_OVP(0x8E, 2, U16, Access.READ_WRITE, "10 mV", "pack over-voltage protection"),
    PACK_UVP(0x8F, 2, U16, Access.READ_WRITE, "10 mV", "pack under-voltage protection"),
    CELL_OVP(0x90, 2, U16, Access.READ_WRITE, "mV", "cell over-voltage protection", SettingKey.CELL_OVP_mV, Scale.ONE),
    CELL_OVPR(0x91, 2, U16, Access.READ_WRITE, "mV", "cell over-voltage recovery", SettingKey.CELL_OVPR_mV, Scale.ONE),
    CELL_OVP_DELAY(0x92, 2, U16, Access.READ_WRITE, "s", "cell over-voltage delay", SettingKey.CELL_OVP_DELAY_s, Scale.ONE),
    CELL_UVP(0x93, 2, U16, Access.READ_WRITE, "mV", "cell under-voltage protection", SettingKey.CELL_UVP_mV, Scale.ONE),
    CELL_UVPR(0x94, 2, U16, Access.READ_WRITE, "mV", "cell under-voltage recovery", SettingKey.CELL_UVPR_mV, Scale.ONE),
    CELL_UVP_DELAY(0x95, 2, U16, Access.READ_WRITE, "s", "cell under-voltage delay", SettingKey.CELL_UVP_DELAY_s, Scale.ONE),
    CELL_DELTA_PROTECTION(0x96, 2, U16, Access.READ_WRITE, "mV", "cell spread protection", SettingKey.CELL_DELTA_ALARM_mV, Scale.ONE),
    DISCHARGE_OCP(0x97, 2, U16, Access.READ_WRITE, "A", "discharge over-current protection", SettingKey.DISCHARGE_OCP_mA, Scale.THOUSAND),
    DISCHARGE_OCP_DELAY(0x98, 2, U16, Access.READ_WRITE, "s", "discharge over-current delay", SettingKey.DISCHARGE_OCP_DELAY_s, Scale.ONE),
    CHARGE_OCP(0x99, 2, U16, Access.READ_WRITE, "A", "charge over-current protection", SettingKey.CHARGE_OCP_mA, Scale.THOUSAND),
    CHARGE_OCP_DELAY(0x9A, 2, U16, Access.READ_WRITE, "s", "charge over-current delay", SettingKey.CHARGE_OCP_DELAY_s, Scale.ONE),
    BALANCE_START(0x9B, 2, U16, Access.READ_WRITE, "mV", "balance start voltage", SettingKey.BALANCE_START_mV, Scale.ONE),
    BALANCE_TRIGGER(0x9C, 2, U16, Access.READ_WRITE, "mV", "balance trigger spread", SettingKey.BALANCE_TRIGGER_mV, Scale.ONE),
    BALANCER_SWITCH(0x9D, 1, U8, Access.READ_WRITE, "0/1", "balancer switch", SettingKey.BALANCE_ENABLED, Scale.ONE),
    MOS_OTP(0x9E, 2, U16, Access.READ_WRITE, "°C", "MOSFET over-temperature", SettingKey.MOS_OTP_dC, Scale.TEN),
    MOS_OTPR(0x9F, 2, U16, Access.READ_WRITE, "°C", "MOSFET over-temperature recovery", SettingKey.MOS_OTPR_dC, Scale.TEN),
    BOX_OTP(0xA0, 2, U16, Access.READ_WRITE, "°C", "battery box over-temperature"),
    BOX_OTPR(0xA1, 2, U16, Access.READ_WRITE, "°C", "battery box over-temperature recovery"),
    TEMPERATURE_DELTA(0xA2, 2, U16, Access.READ_WRITE, "°C", "temperature spread protection"),
    CHARGE_OTP(0xA3, 2, U16, Access.READ_WRITE, "°C", "charge over-temperature", SettingKey.CHARGE_OTP_dC, Scale.TEN),
    DISCHARGE_OTP(0xA4, 2, U16, Access.READ_WRITE, "°C", "discharge over-temperature", SettingKey.DISCHARGE_OTP_dC, Scale.TEN),
    CHARGE_UTP(0xA5, 2, I16, Access.READ_WRITE, "°C", "charge low-temperature", SettingKey.CHARGE_UTP_dC, Scale.TEN),
    CHARGE_UTPR(0xA6, 2, I16, Access.READ_WRITE, "°C", "charge low-temperature recovery", SettingKey.CHARGE_UTPR_dC, Scale.TEN),
    DISCHARGE_UTP(0xA7, 2, I16, Access.READ_WRITE, "°C", "discharge low-temperature", SettingKey.DISCHARGE_UTP_dC, Scale.TEN),
    DISCHARGE_UTPR(0xA8, 2, I16, Access.READ_WRITE, "°C", "discharge low-temperature recovery", SettingKey.DISCHARGE_UTPR_dC, Scale.TEN),
    CELL_COUNT_SETTING(0xA9, 1, U8, Access.READ_WRITE, "", "cell count setting", SettingKey.CELL_COUNT, Scale.ONE),
    CAPACITY(0xAA, 4, U32, Access.READ_WRITE, "Ah", "nominal capacity", SettingKey.CAPACITY_mAh, Scale.THOUSAND),
    CHARGE_SWITCH(0xAB, 1, U8, Access.READ_WRITE, "0/1", "charge MOS switch", SettingKey.CHARGE_ENABLED, Scale.ONE),
    DISCHARGE_SWITCH(0xAC, 1, U8, Access.READ_WRITE, "0/1", "discharge MOS switch", SettingKey.DISCHARGE_ENABLED, Scale.ONE),
    CURRENT_CALIBRATION(0xAD, 2, U16, Access.READ_WRITE, "mA", "current calibration"),
    ADDRESS(0xAE, 1, U8, Access.READ_WRITE, "", "board address", SettingKey.DEVICE_ADDRESS, Scale.ONE),
    BATTERY_TYPE(0xAF, 1, U8, Access.READ_WRITE, "0 LFP, 1 ternary, 2 LTO", "battery type", SettingKey.BATTERY_TYPE, Scale.CHEMISTRY),
    SLEEP_WAIT(0xB0, 2, U16, Access.READ_WRITE, "s", "sleep waiting time"),
    LOW_SOC_ALARM(0xB1, 1, U8, Access.READ_WRITE, "%", "low-capacity alarm", SettingKey.LOW_SOC_ALARM_pct, Scale.ONE),
    PASSWORD(0xB2, 10, TEXT, Access.READ_WRITE, "", "parameter password"),
    DEDICATED_CHARGER(0xB3, 1, U8, Access.READ_WRITE, "0/1", "dedicated charger switch"),
    DEVICE_ID(0xB4, 8, TEXT, Access.READ_WRITE, "", "device id"),
    MANUFACTURE_DATE(0xB5, 4, TEXT, Access.READ_WRITE, "YYMM", "date of manufacture"),
    RUNTIME(0xB6, 4, U32, Access.READ_WRITE, "min", "runtime"),
    SOFTWARE_VERSION(0xB7, 15, TEXT, Access.READ_WRITE, "", "software version"),
    START_CURRENT_CALIBRATION(0xB8, 1, U8, Access.READ_WRITE, "0/1", "start current calibration"),
    ACTUAL_CAPACITY(0xB9, 4, U32, Access.READ_WRITE, "Ah", "actual capacity"),
    MANUFACTURER(0xBA, 24, TEXT, Access.READ_WRITE, "", "manufacturer id (user data + model)"),
    RESTART(0xBB, 1, U8, Access.WRITE_ONLY, "", "restart"),
    FACTORY_RESET(0xBC, 1, U8, Access.WRITE_ONLY, "", "factory reset"),
    UPGRADE(0xBD, 1, U8, Access.WRITE_ONLY, "", "firmware upgrade"),
    GPS_OFF_VOLTAGE(0xBE, 2, U16, Access.WRITE_ONLY, "mV", "GPS shutdown voltage"),
    GPS_ON_VOLTAGE(0xBF, 2, U16, Access.WRITE_ONLY, "mV", "GPS turn-on voltage"),
    PROTOCOL_VERSION(0xC0, 1, U8, Access.READ_ONLY, "", "protocol version (1: current has a sign bit)");

    /** Who may read or write an identifier. */
    public enum Access { READ_ONLY, READ_WRITE, WRITE_ONLY }

    /** How a wire value becomes a setting's stored value. */
    enum Scale { ONE, THOUSAND, TEN, CHEMISTRY }

    private static final UartId[] BY_CODE = new UartId[256];

    static {
        for (UartId id : values()) {
            BY_CODE[id.code] = id;
        }
    }

    private final int code;
    private final int width;
    private final UartEncoding encoding;
    private final Access access;
    private final String unit;
    private final String meaning;
    private final SettingKey setting;
    private final Scale scale;

    UartId(int code, int width, UartEncoding encoding, Access access, String unit, String meaning) {
        this(code, width, encoding, access, unit, meaning, null, null);
    }

    UartId(int code, int width, UartEncoding encoding, Access access, String unit, String meaning, SettingKey setting,
           Scale scale) {
        this.code = code;
        this.width = width;
        this.encoding = encoding;
        this.access = access;
        this.unit = unit;
        this.meaning = meaning;
        this.setting = setting;
        this.scale = scale;
    }

    public int code() {
        return code;
    }

    /** Data bytes after the identifier; 0 for the variable-length cell list. */
    public int width() {
        return width;
    }

    public UartEncoding encoding() {
        return encoding;
    }

    public Access access() {
        return access;
    }

    public String unit() {
        return unit;
    }

    public String meaning() {
        return meaning;
    }

    /** Whether a read-all reply carries this identifier (write-only commands are not). */
    public boolean readable() {
        return access != Access.WRITE_ONLY;
    }

    public boolean writable() {
        return access != Access.READ_ONLY;
    }

    public boolean isTemperature() {
        return this == MOS_TEMPERATURE || this == T1_TEMPERATURE || this == T2_TEMPERATURE;
    }

    /** The board setting this identifier carries, if any. */
    public Optional<SettingKey> setting() {
        return Optional.ofNullable(setting);
    }

    /**
     * The setting's stored value for a wire value (A → mA, Ah → mAh, °C → 0.1 °C, JK battery code → chemistry);
     * empty when there is no setting or the value has no stored form (unknown battery code, int overflow).
     * Ranges are not checked here: that is {@code SettingsValidator}'s job.
     */
    public OptionalInt settingValue(long raw) {
        if (setting == null) {
            return OptionalInt.empty();
        }
        long v;
        switch (scale) {
            case THOUSAND: v = raw * 1000; break;
            case TEN: v = raw * 10; break;
            case CHEMISTRY:
                for (Chemistry c : Chemistry.values()) {
                    if (c.jkCode() == raw) {
                        return OptionalInt.of(c.ordinal());
                    }
                }
                return OptionalInt.empty();
            default: v = raw;
        }
        return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of((int) v);
    }

    /**
     * The wire value for a setting's stored value, rounded to the wire's unit (half away from zero) and clamped into
     * the encoding's range, so any stored int gives a sendable value.
     *
     * @throws IllegalStateException if this identifier carries no setting
     */
    public long rawFromSetting(int stored) {
        if (setting == null) {
            throw new IllegalStateException(label() + " carries no setting");
        }
        long raw;
        switch (scale) {
            case THOUSAND: raw = roundDiv(stored, 1000); break;
            case TEN: raw = roundDiv(stored, 10); break;
            case CHEMISTRY:
                raw = stored >= 0 && stored < Chemistry.values().length ? Chemistry.values()[stored].jkCode() : stored;
                break;
            default: raw = stored;
        }
        return encoding.clamp(raw);
    }

    /** Integer division rounding half away from zero. */
    static long roundDiv(long value, long divisor) {
        long half = divisor / 2;
        return value >= 0 ? (value + half) / divisor : -((-value + half) / divisor);
    }

    public static Optional<UartId> ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }

    /** The identifier that carries a setting, if any. */
    public static Optional<UartId> forSetting(SettingKey key) {
        for (UartId id : values()) {
            if (id.setting == key) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    /** "0x85 SOC": how messages name an identifier. */
    public String label() {
        return String.format("0x%02X %s", code, name());
    }
}
