package io.jkbms.protocol.jk02;

import io.jkbms.core.settings.SettingKey;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static io.jkbms.protocol.jk02.Jk02Register.Kind.*;

/**
 * The JK02 write registers (protocols.md §1.4): the register number on each layout, the value's length and
 * signedness, its scale against core's units, and what it writes. The value is an LE integer of {@link #length()}
 * bytes; one wire step is {@link #coreUnitsPerStep()} core units (1 almost everywhere, because core's units — mV, mA,
 * s, 0.1 °C, mAh, µs — are JK's "physical × factor"; 10 for the 32S registers that carry whole °C).
 * <p>
 * The first 32 constants are registers 0x01..0x20, in order: the same on both layouts, and the u32 fields at
 * settings-frame offset 6 + 4(N − 1).
 * <p>
 * Where §1.4 gives no length, the length is 4 ("4 for most settings"): 32S 0x21, 0x22, 0x25, 0x27–0x36, 0x64, 0x67,
 * 0x6B, 0xB5 and 0xB7. User data (0x9F) is listed under 24S; the 32S device frame has the same user-data field, so it
 * is accepted on both.
 */
public enum Jk02Register {
    SMART_SLEEP_VOLTAGE(0x01, 0x01, 4, SETTING, SettingKey.SMART_SLEEP_mV, false, 1, "mV"),
    CELL_UVP(0x02, 0x02, 4, SETTING, SettingKey.CELL_UVP_mV, false, 1, "mV"),
    CELL_UVPR(0x03, 0x03, 4, SETTING, SettingKey.CELL_UVPR_mV, false, 1, "mV"),
    CELL_OVP(0x04, 0x04, 4, SETTING, SettingKey.CELL_OVP_mV, false, 1, "mV"),
    CELL_OVPR(0x05, 0x05, 4, SETTING, SettingKey.CELL_OVPR_mV, false, 1, "mV"),
    BALANCE_TRIGGER(0x06, 0x06, 4, SETTING, SettingKey.BALANCE_TRIGGER_mV, false, 1, "mV"),
    SOC100_VOLTAGE(0x07, 0x07, 4, SETTING, SettingKey.SOC100_mV, false, 1, "mV"),
    SOC0_VOLTAGE(0x08, 0x08, 4, SETTING, SettingKey.SOC0_mV, false, 1, "mV"),
    RCV(0x09, 0x09, 4, SETTING, SettingKey.RCV_mV, false, 1, "mV"),
    RFV(0x0A, 0x0A, 4, SETTING, SettingKey.RFV_mV, false, 1, "mV"),
    POWER_OFF_VOLTAGE(0x0B, 0x0B, 4, SETTING, SettingKey.POWER_OFF_mV, false, 1, "mV"),
    CHARGE_OCP(0x0C, 0x0C, 4, SETTING, SettingKey.CHARGE_OCP_mA, false, 1, "mA"),
    CHARGE_OCP_DELAY(0x0D, 0x0D, 4, SETTING, SettingKey.CHARGE_OCP_DELAY_s, false, 1, "s"),
    CHARGE_OCP_RECOVERY(0x0E, 0x0E, 4, SETTING, SettingKey.CHARGE_OCP_RECOVERY_s, false, 1, "s"),
    DISCHARGE_OCP(0x0F, 0x0F, 4, SETTING, SettingKey.DISCHARGE_OCP_mA, false, 1, "mA"),
    DISCHARGE_OCP_DELAY(0x10, 0x10, 4, SETTING, SettingKey.DISCHARGE_OCP_DELAY_s, false, 1, "s"),
    DISCHARGE_OCP_RECOVERY(0x11, 0x11, 4, SETTING, SettingKey.DISCHARGE_OCP_RECOVERY_s, false, 1, "s"),
    SCP_RECOVERY(0x12, 0x12, 4, SETTING, SettingKey.SCP_RECOVERY_s, false, 1, "s"),
    BALANCE_MAX_CURRENT(0x13, 0x13, 4, SETTING, SettingKey.BALANCE_MAX_mA, false, 1, "mA"),
    CHARGE_OTP(0x14, 0x14, 4, SETTING, SettingKey.CHARGE_OTP_dC, true, 1, "0.1 °C"),
    CHARGE_OTPR(0x15, 0x15, 4, SETTING, SettingKey.CHARGE_OTPR_dC, true, 1, "0.1 °C"),
    DISCHARGE_OTP(0x16, 0x16, 4, SETTING, SettingKey.DISCHARGE_OTP_dC, true, 1, "0.1 °C"),
    DISCHARGE_OTPR(0x17, 0x17, 4, SETTING, SettingKey.DISCHARGE_OTPR_dC, true, 1, "0.1 °C"),
    CHARGE_UTP(0x18, 0x18, 4, SETTING, SettingKey.CHARGE_UTP_dC, true, 1, "0.1 °C"),
    CHARGE_UTPR(0x19, 0x19, 4, SETTING, SettingKey.CHARGE_UTPR_dC, true, 1, "0.1 °C"),
    MOS_OTP(0x1A, 0x1A, 4, SETTING, SettingKey.MOS_OTP_dC, true, 1, "0.1 °C"),
    MOS_OTPR(0x1B, 0x1B, 4, SETTING, SettingKey.MOS_OTPR_dC, true, 1, "0.1 °C"),
    CELL_COUNT(0x1C, 0x1C, 4, SETTING, SettingKey.CELL_COUNT, false, 1, "cells"),
    CHARGE_SWITCH(0x1D, 0x1D, 4, SETTING, SettingKey.CHARGE_ENABLED, false, 1, "1/0"),
    DISCHARGE_SWITCH(0x1E, 0x1E, 4, SETTING, SettingKey.DISCHARGE_ENABLED, false, 1, "1/0"),
    BALANCER_SWITCH(0x1F, 0x1F, 4, SETTING, SettingKey.BALANCE_ENABLED, false, 1, "1/0"),
    CAPACITY(0x20, 0x20, 4, SETTING, SettingKey.CAPACITY_mAh, false, 1, "mAh"),

    // Numbered differently per layout.
    VOLTAGE_CALIBRATION(0x21, 0x64, 4, CALIBRATION, null, false, 1, "mV (measured pack voltage)"),
    CURRENT_CALIBRATION(0x24, 0x67, 4, CALIBRATION, null, true, 1, "mA (measured current)"),
    SCP_DELAY(0x25, 0x21, 4, SETTING, SettingKey.SCP_DELAY_us, false, 1, "µs"),
    BALANCE_START(0x26, 0x22, 4, SETTING, SettingKey.BALANCE_START_mV, false, 1, "mV"),
    /** 24S 0x27..0x3E: wire resistance of channels 1..24. On 32S those numbers are switches. */
    WIRE_RESISTANCE(0x27, -1, 4, Kind.WIRE_RESISTANCE, null, false, 1, "mΩ"),
    /** ASCII text, up to 13 bytes; {@link #length()} is the maximum. */
    USER_DATA(0x9F, 0x9F, 13, Kind.USER_DATA, null, false, 1, "ASCII"),

    // JK02_32S only.
    PRECHARGE_TIME(-1, 0x25, 4, SETTING, SettingKey.PRECHARGE_TIME_s, false, 1, "s"),
    HEATING_SWITCH(-1, 0x27, 4, SETTING, SettingKey.HEATING_ENABLED, false, 1, "1/0"),
    DISABLE_TEMP_SENSORS_SWITCH(-1, 0x28, 4, SETTING, SettingKey.TEMP_SENSORS_DISABLED, false, 1, "1/0"),
    DISPLAY_ALWAYS_ON_SWITCH(-1, 0x2B, 4, SETTING, SettingKey.DISPLAY_ALWAYS_ON, false, 1, "1/0"),
    SMART_SLEEP_SWITCH(-1, 0x2D, 4, SETTING, SettingKey.SLEEP_ENABLED, false, 1, "1/0"),
    DISABLE_PCL_SWITCH(-1, 0x2E, 4, SETTING, SettingKey.PCL_DISABLED, false, 1, "1/0"),
    TIMED_DATA_SWITCH(-1, 0x2F, 4, SWITCH, null, false, 1, "1/0"),
    FLOAT_MODE_SWITCH(-1, 0x30, 4, SWITCH, null, false, 1, "1/0"),
    EMERGENCY_BUTTON_SWITCH(-1, 0x31, 4, SWITCH, null, false, 1, "1/0"),
    DRY_INTERMITTENT_SWITCH(-1, 0x32, 4, SWITCH, null, false, 1, "1/0"),
    DOCP2_SWITCH(-1, 0x33, 4, SETTING, SettingKey.DOCP2_ENABLED, false, 1, "1/0"),
    DOCP3_SWITCH(-1, 0x34, 4, SETTING, SettingKey.DOCP3_ENABLED, false, 1, "1/0"),
    GPS_LOCK_CHARGE_SWITCH(-1, 0x35, 4, SETTING, SettingKey.GPS_LOCK_CHARGE, false, 1, "1/0"),
    GPS_LOCK_DISCHARGE_SWITCH(-1, 0x36, 4, SETTING, SettingKey.GPS_LOCK_DISCHARGE, false, 1, "1/0"),
    HEATING_START(-1, 0x37, 1, SETTING, SettingKey.HEATING_START_dC, true, 10, "°C"),
    HEATING_STOP(-1, 0x38, 1, SETTING, SettingKey.HEATING_STOP_dC, true, 10, "°C"),
    SLEEP_DELAY(-1, 0x39, 1, SETTING, SettingKey.SLEEP_DELAY_h, false, 1, "h"),
    DISCHARGE_UTP(-1, 0x3A, 1, SETTING, SettingKey.DISCHARGE_UTP_dC, true, 10, "°C"),
    DISCHARGE_UTPR(-1, 0x3B, 1, SETTING, SettingKey.DISCHARGE_UTPR_dC, true, 10, "°C"),
    /** Starts the emergency period (value 1). */
    EMERGENCY(-1, 0x6B, 4, Kind.EMERGENCY, null, false, 1, "1 = start"),
    RCV_TIME(-1, 0xB3, 1, SETTING, SettingKey.RCV_TIME_dh, false, 1, "0.1 h"),
    RFV_TIME(-1, 0xB4, 1, SETTING, SettingKey.RFV_TIME_dh, false, 1, "0.1 h"),
    EMERGENCY_MINUTES(-1, 0xB5, 4, SETTING, SettingKey.EMERGENCY_MINUTES, false, 1, "min"),
    REBULK_SOC(-1, 0xB7, 4, SETTING, SettingKey.REBULK_SOC_pct, false, 1, "%"),
    SHUTDOWN(-1, 0x65, 0, Kind.SHUTDOWN, null, false, 1, ""),
    RESTART(-1, 0x66, 0, Kind.RESTART, null, false, 1, ""),
    FACTORY_RESET(-1, 0x9D, 0, Kind.FACTORY_RESET, null, false, 1, ""),
    /** Asks for the logbook (frame 0x05). */
    LOGBOOK(-1, 0xA1, 0, Kind.LOGBOOK, null, false, 1, "");

    /** What writing the register does. */
    public enum Kind {
        /** Sets the {@link #settingKey()} value. */
        SETTING,
        /** A 1/0 switch the core settings do not hold (timed data, float mode, emergency button, DRY intermittent). */
        SWITCH,
        /** Sets the wire resistance of one cell channel (24S). */
        WIRE_RESISTANCE,
        /** Sets the user-data text. */
        USER_DATA,
        /** Calibrates the pack voltage or the current with a measured value. */
        CALIBRATION,
        EMERGENCY,
        SHUTDOWN,
        RESTART,
        FACTORY_RESET,
        LOGBOOK
    }

    /** Registers 0x01..0x20 on both layouts; the 24S wire-resistance block spans 24 numbers from its first. */
    public static final int FRAME_REGISTERS = 32;
    public static final int WIRE_CHANNELS_24S = 24;

    private static final Jk02Register[] VALUES = values();
    private static final List<Jk02Register> FRAME_LIST;

    static {
        List<Jk02Register> l = new ArrayList<>(FRAME_REGISTERS);
        for (int i = 0; i < FRAME_REGISTERS; i++) {
            l.add(VALUES[i]);
        }
        FRAME_LIST = Collections.unmodifiableList(l);
    }

    private final int number24;
    private final int number32;
    private final int length;
    private final Kind kind;
    private final Optional<SettingKey> settingKey;
    private final boolean signed;
    private final int coreUnitsPerStep;
    private final String wireUnit;

    Jk02Register(int number24, int number32, int length, Kind kind, SettingKey settingKey, boolean signed,
                 int coreUnitsPerStep, String wireUnit) {
        this.number24 = number24;
        this.number32 = number32;
        this.length = length;
        this.kind = kind;
        this.settingKey = Optional.ofNullable(settingKey);
        this.signed = signed;
        this.coreUnitsPerStep = coreUnitsPerStep;
        this.wireUnit = wireUnit;
    }

    /** The register number on a layout (the first channel's for {@link #WIRE_RESISTANCE}); empty if it has none. */
    public OptionalInt number(Jk02Layout layout) {
        int n = layout == Jk02Layout.JK02_24S ? number24 : number32;
        return n < 0 ? OptionalInt.empty() : OptionalInt.of(n);
    }

    public boolean existsOn(Jk02Layout layout) {
        return number(layout).isPresent();
    }

    /** Value bytes in a command: 4 for most, 1 for some 32S ones, 0 for actions, at most 13 for user data. */
    public int length() {
        return length;
    }

    public Kind kind() {
        return kind;
    }

    /** The core setting written, for {@link Kind#SETTING}. */
    public Optional<SettingKey> settingKey() {
        return settingKey;
    }

    /** Whether the value is two's complement (temperatures, current calibration). */
    public boolean signed() {
        return signed;
    }

    /** Core units in one wire step: 10 for the whole-°C 32S registers (core holds 0.1 °C), else 1. */
    public int coreUnitsPerStep() {
        return coreUnitsPerStep;
    }

    /** The unit of the value on the wire, for people. */
    public String wireUnit() {
        return wireUnit;
    }

    /** Channels the register spans: 24 for the 24S wire resistances, else 1. */
    public int channels() {
        return this == WIRE_RESISTANCE ? WIRE_CHANNELS_24S : 1;
    }

    /** Registers 0x01..0x20, which the settings frame carries as u32 at 6 + 4(N − 1). */
    public boolean inSettingsFrame() {
        return ordinal() < FRAME_REGISTERS;
    }

    /** Offset of the register's u32 in the settings frame (registers 0x01..0x20 only). */
    public int settingsFrameOffset() {
        if (!inSettingsFrame()) {
            throw new IllegalStateException(this + " is not carried at a register offset of the settings frame");
        }
        return 6 + 4 * ordinal();
    }

    /** The wire value for a core value: exact division by {@link #coreUnitsPerStep()}, in the field's range. */
    public long toWire(long coreValue) {
        if (coreValue % coreUnitsPerStep != 0) {
            throw new IllegalArgumentException(this + ": " + coreValue + " is not a whole number of " + wireUnit
                    + " (" + coreUnitsPerStep + " core units each)");
        }
        long w = coreValue / coreUnitsPerStep;
        if (w < minWire() || w > maxWire()) {
            throw new IllegalArgumentException(this + ": " + w + " " + wireUnit + " does not fit "
                    + (signed ? "a signed " : "an unsigned ") + 8 * length + "-bit value (" + minWire() + ".." + maxWire() + ")");
        }
        return w;
    }

    /** The core value for a wire value (saturating at the int range: the validator refuses what is out of range). */
    public int toCore(long wireValue) {
        return Le.saturate(wireValue * coreUnitsPerStep);
    }

    /** Smallest wire value of a numeric register. */
    public long minWire() {
        return signed && length > 0 ? -(1L << (8 * length - 1)) : 0;
    }

    public long maxWire() {
        if (length == 0 || length > 4) {
            return 0;
        }
        return signed ? (1L << (8 * length - 1)) - 1 : (1L << (8 * length)) - 1;
    }

    /** The 32 registers carried by the settings frame, in register order. */
    public static List<Jk02Register> settingsFrameRegisters() {
        return FRAME_LIST;
    }

    /** A register number resolved on a layout: the register and, for wire resistances, the 1-based channel. */
    public record Target(Jk02Register register, int channel) {
    }

    /** What a register number means on a layout; empty if nothing is known there. */
    public static Optional<Target> lookup(Jk02Layout layout, int number) {
        for (Jk02Register r : VALUES) {
            OptionalInt n = r.number(layout);
            if (n.isPresent() && number >= n.getAsInt() && number < n.getAsInt() + r.channels()) {
                return Optional.of(new Target(r, number - n.getAsInt() + 1));
            }
        }
        return Optional.empty();
    }

    /** The register that writes a core setting on a layout; empty if JK02 cannot write it there. */
    public static Optional<Jk02Register> forSetting(SettingKey key, Jk02Layout layout) {
        for (Jk02Register r : VALUES) {
            if (r.settingKey.isPresent() && r.settingKey.get() == key && r.existsOn(layout)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
