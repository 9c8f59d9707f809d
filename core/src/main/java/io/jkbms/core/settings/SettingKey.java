package io.jkbms.core.settings;

import io.jkbms.core.board.BoardFunction;
import io.jkbms.core.board.Chemistry;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The table of every scalar parameter the APP sets (protocols.md §1.4, the 4E57 identifiers of §2.2 and the guide's
 * "Default Protection Parameters"). Each row names the field as it appears in JSON (unit in the name), its kind, the
 * absolute range the board accepts, and the APP group. Cross-field rules live in {@link SettingsValidator}; defaults in
 * {@link Presets}. Per-cell balance-wire resistances and the user-data text are held beside these in {@link Settings}.
 */
public enum SettingKey {
    // Battery
    BATTERY_TYPE("battery_type", Kind.ENUM, SettingGroup.BATTERY, 0, 2, "battery chemistry (LFP, NCM, LTO)", Chemistry.class),
    CELL_COUNT("cell_count", Kind.INT, SettingGroup.BATTERY, 1, 24, "cells in series"),
    CAPACITY_mAh("capacity_mAh", Kind.INT, SettingGroup.BATTERY, 1_000, 2_000_000, "nominal pack capacity"),

    // Voltage protection
    CELL_OVP_mV("cell_ovp_mV", Kind.INT, SettingGroup.VOLTAGE, 1_000, 5_000, "cell over-voltage protection"),
    CELL_OVPR_mV("cell_ovpr_mV", Kind.INT, SettingGroup.VOLTAGE, 1_000, 5_000, "cell over-voltage recovery"),
    CELL_OVP_DELAY_s("cell_ovp_delay_s", Kind.INT, SettingGroup.VOLTAGE, 0, 255, "cell over-voltage delay"),
    CELL_UVP_mV("cell_uvp_mV", Kind.INT, SettingGroup.VOLTAGE, 1_000, 5_000, "cell under-voltage protection"),
    CELL_UVPR_mV("cell_uvpr_mV", Kind.INT, SettingGroup.VOLTAGE, 1_000, 5_000, "cell under-voltage recovery"),
    CELL_UVP_DELAY_s("cell_uvp_delay_s", Kind.INT, SettingGroup.VOLTAGE, 0, 255, "cell under-voltage delay"),
    POWER_OFF_mV("power_off_mV", Kind.INT, SettingGroup.VOLTAGE, 1_000, 5_000, "auto shutdown (power-off) cell voltage"),
    SOC100_mV("soc100_mV", Kind.INT, SettingGroup.VOLTAGE, 1_000, 5_000, "cell voltage taken as 100 % SOC"),
    SOC0_mV("soc0_mV", Kind.INT, SettingGroup.VOLTAGE, 1_000, 5_000, "cell voltage taken as 0 % SOC"),
    RCV_mV("rcv_mV", Kind.INT, SettingGroup.VOLTAGE, 1_000, 5_000, "requested charge voltage per cell (inverters)"),
    RFV_mV("rfv_mV", Kind.INT, SettingGroup.VOLTAGE, 1_000, 5_000, "requested float voltage per cell (inverters)"),
    RCV_TIME_dh("rcv_time_dh", Kind.INT, SettingGroup.VOLTAGE, 0, 255, "absorption time at RCV, in 0.1 h"),
    RFV_TIME_dh("rfv_time_dh", Kind.INT, SettingGroup.VOLTAGE, 0, 255, "float time at RFV, in 0.1 h"),
    REBULK_SOC_pct("rebulk_soc_pct", Kind.INT, SettingGroup.VOLTAGE, 0, 100, "SOC below which charging returns to bulk"),
    // At least 30 mV: the alarm recovers 10 mV lower, and must recover above the balancer's trigger and ADC noise.
    CELL_DELTA_ALARM_mV("cell_delta_alarm_mV", Kind.INT, SettingGroup.VOLTAGE, 30, 1_000, "cell spread alarm"),

    // Current protection
    CHARGE_OCP_mA("charge_ocp_mA", Kind.INT, SettingGroup.CURRENT, 1_000, 120_000, "maximum charge current"),
    CHARGE_OCP_DELAY_s("charge_ocp_delay_s", Kind.INT, SettingGroup.CURRENT, 1, 600, "charge over-current delay"),
    CHARGE_OCP_RECOVERY_s("charge_ocp_recovery_s", Kind.INT, SettingGroup.CURRENT, 1, 600, "charge over-current recovery time"),
    DISCHARGE_OCP_mA("discharge_ocp_mA", Kind.INT, SettingGroup.CURRENT, 1_000, 120_000, "maximum continuous discharge current"),
    DISCHARGE_OCP_DELAY_s("discharge_ocp_delay_s", Kind.INT, SettingGroup.CURRENT, 1, 600, "discharge over-current delay"),
    DISCHARGE_OCP_RECOVERY_s("discharge_ocp_recovery_s", Kind.INT, SettingGroup.CURRENT, 1, 600, "discharge over-current recovery time"),
    DOCP2_ENABLED("docp2_enabled", Kind.BOOL, SettingGroup.CURRENT, 0, 1, "discharge over-current level II on"),
    DOCP2_mA("docp2_mA", Kind.INT, SettingGroup.CURRENT, 1_000, 240_000, "discharge over-current level II (peak)"),
    DOCP2_DELAY_ms("docp2_delay_ms", Kind.INT, SettingGroup.CURRENT, 10, 60_000, "discharge over-current level II delay"),
    DOCP3_ENABLED("docp3_enabled", Kind.BOOL, SettingGroup.CURRENT, 0, 1, "discharge over-current level III on"),
    DOCP3_mA("docp3_mA", Kind.INT, SettingGroup.CURRENT, 1_000, 240_000, "discharge over-current level III (peak)"),
    DOCP3_DELAY_ms("docp3_delay_ms", Kind.INT, SettingGroup.CURRENT, 10, 60_000, "discharge over-current level III delay"),
    SCP_DELAY_us("scp_delay_us", Kind.INT, SettingGroup.CURRENT, 5, 20_000, "short-circuit delay"),
    SCP_RECOVERY_s("scp_recovery_s", Kind.INT, SettingGroup.CURRENT, 1, 600, "short-circuit recovery time"),
    PRECHARGE_TIME_s("precharge_time_s", Kind.INT, SettingGroup.CURRENT, 0, 60, "precharge time before the discharge MOSFETs close"),

    // Temperature protection (0.1 °C)
    CHARGE_OTP_dC("charge_otp_dC", Kind.INT, SettingGroup.TEMPERATURE, -400, 1_200, "charge over-temperature"),
    CHARGE_OTPR_dC("charge_otpr_dC", Kind.INT, SettingGroup.TEMPERATURE, -400, 1_200, "charge over-temperature recovery"),
    DISCHARGE_OTP_dC("discharge_otp_dC", Kind.INT, SettingGroup.TEMPERATURE, -400, 1_200, "discharge over-temperature"),
    DISCHARGE_OTPR_dC("discharge_otpr_dC", Kind.INT, SettingGroup.TEMPERATURE, -400, 1_200, "discharge over-temperature recovery"),
    CHARGE_UTP_dC("charge_utp_dC", Kind.INT, SettingGroup.TEMPERATURE, -400, 1_200, "charge low-temperature"),
    CHARGE_UTPR_dC("charge_utpr_dC", Kind.INT, SettingGroup.TEMPERATURE, -400, 1_200, "charge low-temperature recovery"),
    DISCHARGE_UTP_dC("discharge_utp_dC", Kind.INT, SettingGroup.TEMPERATURE, -400, 1_200, "discharge low-temperature"),
    DISCHARGE_UTPR_dC("discharge_utpr_dC", Kind.INT, SettingGroup.TEMPERATURE, -400, 1_200, "discharge low-temperature recovery"),
    MOS_OTP_dC("mos_otp_dC", Kind.INT, SettingGroup.TEMPERATURE, -400, 1_200, "MOSFET over-temperature"),
    MOS_OTPR_dC("mos_otpr_dC", Kind.INT, SettingGroup.TEMPERATURE, -400, 1_200, "MOSFET over-temperature recovery"),
    TEMP_SENSORS_DISABLED("temp_sensors_disabled", Kind.BOOL, SettingGroup.TEMPERATURE, 0, 1, "ignore the external temperature sensors"),

    // Balancing
    BALANCE_TRIGGER_mV("balance_trigger_mV", Kind.INT, SettingGroup.BALANCE, 1, 1_000, "cell spread that starts balancing"),
    BALANCE_START_mV("balance_start_mV", Kind.INT, SettingGroup.BALANCE, 1_000, 5_000, "highest cell must be above this to balance"),
    BALANCE_MAX_mA("balance_max_mA", Kind.INT, SettingGroup.BALANCE, 10, 400, "maximum balance current"),

    // Switches (the APP's control page)
    CHARGE_ENABLED("charge_enabled", Kind.BOOL, SettingGroup.SWITCHES, 0, 1, "charge MOSFETs allowed"),
    DISCHARGE_ENABLED("discharge_enabled", Kind.BOOL, SettingGroup.SWITCHES, 0, 1, "discharge MOSFETs allowed"),
    BALANCE_ENABLED("balance_enabled", Kind.BOOL, SettingGroup.SWITCHES, 0, 1, "active balancer allowed"),
    DISPLAY_ALWAYS_ON("display_always_on", Kind.BOOL, SettingGroup.SWITCHES, 0, 1, "keep the LCD display lit"),
    PCL_DISABLED("pcl_disabled", Kind.BOOL, SettingGroup.SWITCHES, 0, 1, "ignore the parallel (current-limit) module"),

    // Heating (H models)
    HEATING_ENABLED("heating_enabled", Kind.BOOL, SettingGroup.HEATING, 0, 1, "heating film allowed", BoardFunction.HEATING),
    HEATING_START_dC("heating_start_dC", Kind.INT, SettingGroup.HEATING, -400, 500, "heating starts at or below"),
    HEATING_STOP_dC("heating_stop_dC", Kind.INT, SettingGroup.HEATING, -400, 600, "heating stops at or above"),

    // Sleep, emergency and power
    SLEEP_ENABLED("sleep_enabled", Kind.BOOL, SettingGroup.POWER, 0, 1, "intelligent sleep"),
    SLEEP_DELAY_h("sleep_delay_h", Kind.INT, SettingGroup.POWER, 1, 255, "idle time (current below 1 A) before sleep"),
    SMART_SLEEP_mV("smart_sleep_mV", Kind.INT, SettingGroup.POWER, 1_000, 5_000, "an idle pack with a cell below this sleeps after a minute"),
    EMERGENCY_MINUTES("emergency_minutes", Kind.INT, SettingGroup.POWER, 1, 255, "emergency duration"),

    // Communication
    COMM_PORT_MODE("comm_port_mode", Kind.ENUM, SettingGroup.COMMUNICATION, 0, 1, "what the communication port speaks", CommPortMode.class),
    CAN_PROTOCOL("can_protocol", Kind.ENUM, SettingGroup.COMMUNICATION, 0, 1, "CAN frame set", CanProtocol.class),
    DEVICE_ADDRESS("device_address", Kind.INT, SettingGroup.COMMUNICATION, 0, 15, "address on the parallel / RS485 bus"),

    // GPS
    GPS_HEARTBEAT("gps_heartbeat", Kind.BOOL, SettingGroup.GPS, 0, 1, "alarm when the GPS module stops talking"),
    GPS_LOCK_CHARGE("gps_lock_charge", Kind.BOOL, SettingGroup.GPS, 0, 1, "remote lock: charging off"),
    GPS_LOCK_DISCHARGE("gps_lock_discharge", Kind.BOOL, SettingGroup.GPS, 0, 1, "remote lock: discharging off"),

    // Alarms
    // At most 90 %: the alarm recovers 5 % higher.
    LOW_SOC_ALARM_pct("low_soc_alarm_pct", Kind.INT, SettingGroup.ALARMS, 0, 90, "low-capacity alarm");

    /** How a value is written in JSON and stored: every value is held as an int. */
    public enum Kind { INT, BOOL, ENUM }

    private final String jsonName;
    private final Kind kind;
    private final SettingGroup group;
    private final int min;
    private final int max;
    private final String description;
    private final List<String> enumNames;
    private final Optional<BoardFunction> requires;

    SettingKey(String jsonName, Kind kind, SettingGroup group, int min, int max, String description) {
        this(jsonName, kind, group, min, max, description, null, null);
    }

    SettingKey(String jsonName, Kind kind, SettingGroup group, int min, int max, String description,
               BoardFunction requires) {
        this(jsonName, kind, group, min, max, description, null, requires);
    }

    SettingKey(String jsonName, Kind kind, SettingGroup group, int min, int max, String description,
               Class<? extends Enum<?>> enumType) {
        this(jsonName, kind, group, min, max, description, enumType, null);
    }

    SettingKey(String jsonName, Kind kind, SettingGroup group, int min, int max, String description,
               Class<? extends Enum<?>> enumType, BoardFunction requires) {
        this.jsonName = jsonName;
        this.kind = kind;
        this.group = group;
        this.min = min;
        this.max = max;
        this.description = description;
        this.enumNames = enumType == null ? List.of()
                : Arrays.stream(enumType.getEnumConstants()).map(Enum::name).toList();
        this.requires = Optional.ofNullable(requires);
    }

    public String jsonName() {
        return jsonName;
    }

    public Kind kind() {
        return kind;
    }

    public SettingGroup group() {
        return group;
    }

    /** Smallest value the board accepts, before cross-field rules. */
    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    public String description() {
        return description;
    }

    /** For {@link Kind#ENUM}: the names, indexed by stored value. Empty otherwise. */
    public List<String> enumNames() {
        return enumNames;
    }

    /** A model function the key needs when switched on (heating needs H). */
    public Optional<BoardFunction> requires() {
        return requires;
    }

    /** The unit suffix of the JSON name ("mV", "dC", "s", …), or "" for switches and enums. */
    public String unit() {
        int i = jsonName.lastIndexOf('_');
        if (kind != Kind.INT || i < 0) {
            return "";
        }
        String u = jsonName.substring(i + 1);
        return u.equals("count") || u.equals("address") ? "" : u;
    }

    /** The allowed range as people read it, e.g. "1000..5000 mV" or "LFP|NCM|LTO" or "true|false". */
    public String rangeText() {
        switch (kind) {
            case BOOL:
                return "true|false";
            case ENUM:
                return String.join("|", enumNames);
            default:
                String u = unit();
                return min + ".." + max + (u.isEmpty() ? "" : " " + u);
        }
    }

    /** Renders a stored int the way JSON shows it: a number, a boolean or an enum name. */
    public Object toJsonValue(int stored) {
        switch (kind) {
            case BOOL:
                // Only 0 and 1 are switch states; anything else is shown as the number it is, so errors read right.
                return stored == 0 ? Boolean.FALSE : stored == 1 ? Boolean.TRUE : (Object) stored;
            case ENUM:
                return stored >= 0 && stored < enumNames.size() ? enumNames.get(stored) : stored;
            default:
                return stored;
        }
    }

    public static Optional<SettingKey> byJsonName(String name) {
        for (SettingKey k : values()) {
            if (k.jsonName.equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
