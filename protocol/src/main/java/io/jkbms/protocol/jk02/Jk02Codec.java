package io.jkbms.protocol.jk02;

import io.jkbms.protocol.CodecException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decodes and encodes the 300-byte JK02 frames the BMS sends (protocols.md §1.5–1.8): header {@code 55 AA EB 90},
 * type at byte 4, counter at byte 5, checksum at byte 299 = sum of bytes 0..298 mod 256. Little-endian throughout.
 * <p>
 * A 320-byte notification (frame + glued ACK) or any other stream is cut into frames by {@link Jk02Reassembler}; this
 * class takes exactly one frame.
 */
public final class Jk02Codec {
    public static final int FRAME_LENGTH = 300;
    public static final int CHECKSUM_OFFSET = 299;
    static final byte[] HEADER = {0x55, (byte) 0xAA, (byte) 0xEB, (byte) 0x90};

    private Jk02Codec() {
    }

    /** True if {@code b} holds the frame header at {@code off}. */
    static boolean headerAt(byte[] b, int off) {
        return b[off] == HEADER[0] && b[off + 1] == HEADER[1] && b[off + 2] == HEADER[2] && b[off + 3] == HEADER[3];
    }

    /** The checksum a frame must carry at byte 299. */
    public static int checksum(byte[] frame) {
        return Le.sum8(frame, 0, CHECKSUM_OFFSET);
    }

    /**
     * Decodes one frame in the given layout.
     *
     * @throws CodecException if the length is not 300, the header is wrong, the type is not 0x01/0x02/0x03 (0x05, the
     *                        logbook, is named as such) or the checksum fails; nothing else is ever thrown
     */
    public static Jk02Frame decode(byte[] frame, Jk02Layout layout) throws CodecException {
        Objects.requireNonNull(layout, "layout");
        check(frame);
        int type = frame[4] & 0xFF;
        switch (type) {
            case Jk02Frame.TYPE_SETTINGS: return decodeSettings(frame, layout);
            case Jk02Frame.TYPE_CELL_INFO: return decodeCellInfo(frame, layout);
            case Jk02Frame.TYPE_DEVICE_INFO: return decodeDeviceInfo(frame, layout);
            case Jk02Frame.TYPE_LOGBOOK:
                throw new CodecException("frame type 0x05 (logbook) at offset 4 is not decoded");
            default:
                throw new CodecException(String.format("unknown frame type 0x%02X at offset 4 (expected 01 settings,"
                        + " 02 cell info or 03 device info)", type));
        }
    }

    /**
     * The layout a board speaks, from its device-info frame's software version (protocols.md §1.9): how a client
     * learns the layout before decoding anything else.
     */
    public static Jk02Layout layoutOf(byte[] deviceInfoFrame) throws CodecException {
        check(deviceInfoFrame);
        if (deviceInfoFrame[4] != Jk02Frame.TYPE_DEVICE_INFO) {
            throw new CodecException(String.format("the layout is read from a device-info frame (type 0x03), not type 0x%02X",
                    deviceInfoFrame[4] & 0xFF));
        }
        return Jk02Layout.forSoftwareVersion(Le.text(deviceInfoFrame, Jk02DeviceInfo.SOFTWARE, Jk02DeviceInfo.SOFTWARE_LEN));
    }

    private static void check(byte[] f) throws CodecException {
        if (f == null) {
            throw new CodecException("no frame (null)");
        }
        if (f.length != FRAME_LENGTH) {
            throw new CodecException("a JK02 frame is " + FRAME_LENGTH + " bytes, got " + f.length
                    + (f.length == 320 ? " (a frame with its ACK glued on: cut it with Jk02Reassembler)" : ""));
        }
        for (int i = 0; i < HEADER.length; i++) {
            if (f[i] != HEADER[i]) {
                throw new CodecException(String.format("bad header at offset %d: expected %02X, got %02X"
                        + " (a frame starts 55 AA EB 90)", i, HEADER[i] & 0xFF, f[i] & 0xFF));
            }
        }
        int expected = checksum(f);
        int actual = f[CHECKSUM_OFFSET] & 0xFF;
        if (expected != actual) {
            throw new CodecException(String.format("checksum mismatch at offset 299: the frame carries %02X,"
                    + " bytes 0..298 sum to %02X", actual, expected));
        }
    }

    /** Encodes a frame in its own layout with its own counter. */
    public static byte[] encode(Jk02Frame frame) {
        return encode(frame, frame.layout(), frame.counter());
    }

    /**
     * Encodes a frame: 300 bytes with a valid checksum. The layout states what the link speaks; a frame of the other
     * layout is refused (its shape differs: cell slots, 32S fields), never silently reshaped.
     *
     * @param counter byte 5, 0..255
     * @throws IllegalArgumentException if the layouts differ or the counter is not a byte
     */
    public static byte[] encode(Jk02Frame frame, Jk02Layout layout, int counter) {
        if (frame.layout() != layout) {
            throw new IllegalArgumentException("a " + frame.layout() + " frame cannot be encoded as " + layout
                    + " (build it for " + layout + ", e.g. with Jk02Mapping)");
        }
        Le.u8("counter", counter);
        byte[] b = new byte[FRAME_LENGTH];
        System.arraycopy(HEADER, 0, b, 0, HEADER.length);
        b[4] = (byte) frame.type();
        b[5] = (byte) counter;
        if (frame instanceof Jk02Settings s) {
            encodeSettings(s, b);
        } else if (frame instanceof Jk02CellInfo c) {
            encodeCellInfo(c, b);
        } else if (frame instanceof Jk02DeviceInfo d) {
            encodeDeviceInfo(d, b);
        }
        b[CHECKSUM_OFFSET] = (byte) checksum(b);
        return b;
    }

    // ---- device info ----

    private static Jk02DeviceInfo decodeDeviceInfo(byte[] f, Jk02Layout layout) {
        Optional<Jk02DeviceInfo.Extra32S> extra = layout == Jk02Layout.JK02_32S
                ? Optional.of(new Jk02DeviceInfo.Extra32S(Le.u8(f, Jk02DeviceInfo.UART_PROTOCOL_32S),
                Le.u8(f, Jk02DeviceInfo.CAN_PROTOCOL_32S), Le.u8(f, Jk02DeviceInfo.RCV_TIME_32S),
                Le.u8(f, Jk02DeviceInfo.RFV_TIME_32S)))
                : Optional.empty();
        return new Jk02DeviceInfo(layout, Le.u8(f, 5),
                Le.text(f, Jk02DeviceInfo.MODEL, Jk02DeviceInfo.MODEL_LEN),
                Le.text(f, Jk02DeviceInfo.HARDWARE, Jk02DeviceInfo.HARDWARE_LEN),
                Le.text(f, Jk02DeviceInfo.SOFTWARE, Jk02DeviceInfo.SOFTWARE_LEN),
                Le.u32(f, Jk02DeviceInfo.UPTIME), Le.u32(f, Jk02DeviceInfo.POWER_ON_COUNT),
                Le.text(f, Jk02DeviceInfo.NAME, Jk02DeviceInfo.NAME_LEN),
                Le.text(f, Jk02DeviceInfo.BLE_PASSCODE, Jk02DeviceInfo.BLE_PASSCODE_LEN),
                Le.text(f, Jk02DeviceInfo.DATE, Jk02DeviceInfo.DATE_LEN),
                Le.text(f, Jk02DeviceInfo.SERIAL, Jk02DeviceInfo.SERIAL_LEN),
                Le.text(f, Jk02DeviceInfo.PASSCODE, Jk02DeviceInfo.PASSCODE_LEN),
                Le.text(f, Jk02DeviceInfo.USER_DATA, Jk02DeviceInfo.USER_DATA_LEN),
                Le.text(f, Jk02DeviceInfo.SETUP_PASSCODE, Jk02DeviceInfo.SETUP_PASSCODE_LEN),
                extra);
    }

    private static void encodeDeviceInfo(Jk02DeviceInfo d, byte[] b) {
        Le.putText(b, Jk02DeviceInfo.MODEL, d.model());
        Le.putText(b, Jk02DeviceInfo.HARDWARE, d.hardwareVersion());
        Le.putText(b, Jk02DeviceInfo.SOFTWARE, d.softwareVersion());
        Le.put(b, Jk02DeviceInfo.UPTIME, 4, d.uptime_s());
        Le.put(b, Jk02DeviceInfo.POWER_ON_COUNT, 4, d.powerOnCount());
        Le.putText(b, Jk02DeviceInfo.NAME, d.name());
        Le.putText(b, Jk02DeviceInfo.BLE_PASSCODE, d.blePasscode());
        Le.putText(b, Jk02DeviceInfo.DATE, d.manufactureDate());
        Le.putText(b, Jk02DeviceInfo.SERIAL, d.serialNumber());
        Le.putText(b, Jk02DeviceInfo.PASSCODE, d.passcode());
        Le.putText(b, Jk02DeviceInfo.USER_DATA, d.userData());
        Le.putText(b, Jk02DeviceInfo.SETUP_PASSCODE, d.setupPasscode());
        d.only32S().ifPresent(e -> {
            Le.put(b, Jk02DeviceInfo.UART_PROTOCOL_32S, 1, e.uartProtocol());
            Le.put(b, Jk02DeviceInfo.CAN_PROTOCOL_32S, 1, e.canProtocol());
            Le.put(b, Jk02DeviceInfo.RCV_TIME_32S, 1, e.rcvTime_dh());
            Le.put(b, Jk02DeviceInfo.RFV_TIME_32S, 1, e.rfvTime_dh());
        });
    }

    // ---- settings ----

    private static Jk02Settings decodeSettings(byte[] f, Jk02Layout layout) {
        List<Long> regs = new ArrayList<>(Jk02Register.FRAME_REGISTERS);
        for (Jk02Register r : Jk02Register.settingsFrameRegisters()) {
            int off = r.settingsFrameOffset();
            regs.add(r.signed() ? Le.s32(f, off) : Le.u32(f, off));
        }
        boolean is32 = layout == Jk02Layout.JK02_32S;
        int wiresAt = is32 ? Jk02Settings.WIRES_32S : Jk02Settings.WIRES_24S;
        List<Long> wires = new ArrayList<>(layout.cellSlots());
        for (int i = 0; i < layout.cellSlots(); i++) {
            wires.add(Le.u32(f, wiresAt + 4 * i));
        }
        Optional<Jk02Settings.Extra32S> extra = is32
                ? Optional.of(new Jk02Settings.Extra32S(Le.u32(f, Jk02Settings.ADDRESS_32S), Le.u32(f, Jk02Settings.PRECHARGE_32S),
                Le.u16(f, Jk02Settings.CONTROL_BITS_32S), Le.s8(f, Jk02Settings.HEATING_START_32S),
                Le.s8(f, Jk02Settings.HEATING_STOP_32S), Le.u8(f, Jk02Settings.SLEEP_DELAY_32S),
                Le.s8(f, Jk02Settings.DISCHARGE_UTP_32S), Le.s8(f, Jk02Settings.DISCHARGE_UTPR_32S)))
                : Optional.empty();
        return new Jk02Settings(layout, Le.u8(f, 5), regs, Le.u32(f, Jk02Settings.SCP_DELAY),
                Le.u32(f, Jk02Settings.BALANCE_START), wires, extra);
    }

    private static void encodeSettings(Jk02Settings s, byte[] b) {
        for (Jk02Register r : Jk02Register.settingsFrameRegisters()) {
            Le.put(b, r.settingsFrameOffset(), 4, s.value(r));
        }
        Le.put(b, Jk02Settings.SCP_DELAY, 4, s.scpDelay_us());
        Le.put(b, Jk02Settings.BALANCE_START, 4, s.balanceStart_mV());
        int wiresAt = s.layout() == Jk02Layout.JK02_32S ? Jk02Settings.WIRES_32S : Jk02Settings.WIRES_24S;
        for (int i = 0; i < s.wireResistance_mOhm().size(); i++) {
            Le.put(b, wiresAt + 4 * i, 4, s.wireResistance_mOhm().get(i));
        }
        s.only32S().ifPresent(e -> {
            Le.put(b, Jk02Settings.ADDRESS_32S, 4, e.address());
            Le.put(b, Jk02Settings.PRECHARGE_32S, 4, e.prechargeTime_s());
            Le.put(b, Jk02Settings.CONTROL_BITS_32S, 2, e.controlBits());
            Le.put(b, Jk02Settings.HEATING_START_32S, 1, e.heatingStart_C());
            Le.put(b, Jk02Settings.HEATING_STOP_32S, 1, e.heatingStop_C());
            Le.put(b, Jk02Settings.SLEEP_DELAY_32S, 1, e.sleepDelay_h());
            Le.put(b, Jk02Settings.DISCHARGE_UTP_32S, 1, e.dischargeUtp_C());
            Le.put(b, Jk02Settings.DISCHARGE_UTPR_32S, 1, e.dischargeUtpr_C());
        });
    }

    // ---- cell info ----
    // Offsets are the 24S ones; on 32S the block from 54 moves by 16 (two more cells' worth of voltages) and the
    // block from 112 by 32 (voltages and resistances). Fields that exist in one layout only have their own offsets.

    static final int CELLS = 6, MASK = 54, AVERAGE = 58, DELTA = 60, MAX_INDEX = 62, MIN_INDEX = 63, RESISTANCES = 64;
    static final int UNKNOWN_112_24S = 112, MOS_TEMPERATURE_32S = 144, WIRE_WARNING = 114, PACK_VOLTAGE = 118,
            POWER = 122, CURRENT = 126, T1 = 130, T2 = 132, MOS_TEMPERATURE_24S = 134, ERRORS_24S = 136,
            ERRORS_32S = 166, BALANCE_CURRENT = 138, BALANCING = 140, SOC = 141, REMAINING = 142, NOMINAL = 146,
            CYCLES = 150, CYCLE_CAPACITY = 154, SOH = 158, PRECHARGE = 159, USER_ALARM = 160, RUNTIME = 162,
            CHARGE_MOS = 166, DISCHARGE_MOS = 167;
    static final int UNKNOWN_168_24S = 168, SENSOR_MASK_24S = 182, SENSOR_MASK_32S = 214;
    static final int PRECHARGING_32S = 200, BALANCING_32S = 201, RELEASE_TIMERS_32S = 202, HEATING_32S = 215,
            EMERGENCY_32S = 218, HEATER_CURRENT_32S = 236, T5_32S = 254, T4_32S = 256, T3_32S = 258,
            LOG_COUNT_32S = 266, BATTERY_TYPE_32S = 275, CHARGE_STATUS_TIME_32S = 278, CHARGE_STATUS_32S = 280,
            DRY_CONTACTS_32S = 281;

    private static Jk02CellInfo decodeCellInfo(byte[] f, Jk02Layout layout) {
        boolean is32 = layout == Jk02Layout.JK02_32S;
        int a = is32 ? 16 : 0;
        int c = is32 ? 32 : 0;
        int n = layout.cellSlots();
        List<Integer> cells = new ArrayList<>(n);
        List<Integer> res = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            cells.add(Le.u16(f, CELLS + 2 * i));
            res.add(Le.u16(f, RESISTANCES + a + 2 * i));
        }
        Optional<Jk02CellInfo.Extra24S> e24 = Optional.empty();
        Optional<Jk02CellInfo.Extra32S> e32 = Optional.empty();
        if (is32) {
            List<Integer> timers = new ArrayList<>(Jk02CellInfo.RELEASE_TIMERS);
            for (int i = 0; i < Jk02CellInfo.RELEASE_TIMERS; i++) {
                timers.add(Le.u16(f, RELEASE_TIMERS_32S + 2 * i));
            }
            e32 = Optional.of(new Jk02CellInfo.Extra32S(Le.u8(f, PRECHARGING_32S), Le.u8(f, BALANCING_32S), timers,
                    Le.u8(f, HEATING_32S), Le.u16(f, EMERGENCY_32S), Le.s16(f, HEATER_CURRENT_32S), Le.s16(f, T3_32S),
                    Le.s16(f, T4_32S), Le.s16(f, T5_32S), Le.u16(f, LOG_COUNT_32S), Le.u8(f, BATTERY_TYPE_32S),
                    Le.u16(f, CHARGE_STATUS_TIME_32S), Le.u8(f, CHARGE_STATUS_32S), Le.u8(f, DRY_CONTACTS_32S)));
        } else {
            e24 = Optional.of(new Jk02CellInfo.Extra24S(Le.u16(f, UNKNOWN_112_24S), Le.u16(f, UNKNOWN_168_24S)));
        }
        return new Jk02CellInfo(layout, Le.u8(f, 5), cells, Le.u32(f, MASK + a), Le.u16(f, AVERAGE + a),
                Le.u16(f, DELTA + a), Le.u8(f, MAX_INDEX + a), Le.u8(f, MIN_INDEX + a), res,
                Le.s16(f, is32 ? MOS_TEMPERATURE_32S : MOS_TEMPERATURE_24S), Le.u32(f, WIRE_WARNING + c),
                Le.u32(f, PACK_VOLTAGE + c), Le.u32(f, POWER + c), Le.s32(f, CURRENT + c), Le.s16(f, T1 + c),
                Le.s16(f, T2 + c), is32 ? Le.u32(f, ERRORS_32S) : Le.u16(f, ERRORS_24S),
                Le.s16(f, BALANCE_CURRENT + c), Le.u8(f, BALANCING + c), Le.u8(f, SOC + c), Le.u32(f, REMAINING + c),
                Le.u32(f, NOMINAL + c), Le.u32(f, CYCLES + c), Le.u32(f, CYCLE_CAPACITY + c), Le.u8(f, SOH + c),
                Le.u8(f, PRECHARGE + c), Le.u16(f, USER_ALARM + c), Le.u32(f, RUNTIME + c), Le.u8(f, CHARGE_MOS + c),
                Le.u8(f, DISCHARGE_MOS + c), is32 ? Le.u8(f, SENSOR_MASK_32S) : Le.u16(f, SENSOR_MASK_24S),
                e24, e32);
    }

    private static void encodeCellInfo(Jk02CellInfo v, byte[] b) {
        boolean is32 = v.layout() == Jk02Layout.JK02_32S;
        int a = is32 ? 16 : 0;
        int c = is32 ? 32 : 0;
        for (int i = 0; i < v.cell_mV().size(); i++) {
            Le.put(b, CELLS + 2 * i, 2, v.cell_mV().get(i));
            Le.put(b, RESISTANCES + a + 2 * i, 2, v.cellResistance_mOhm().get(i));
        }
        Le.put(b, MASK + a, 4, v.enabledCellMask());
        Le.put(b, AVERAGE + a, 2, v.average_mV());
        Le.put(b, DELTA + a, 2, v.delta_mV());
        Le.put(b, MAX_INDEX + a, 1, v.maxCellIndex());
        Le.put(b, MIN_INDEX + a, 1, v.minCellIndex());
        Le.put(b, is32 ? MOS_TEMPERATURE_32S : MOS_TEMPERATURE_24S, 2, v.mosTemperature_dC());
        Le.put(b, WIRE_WARNING + c, 4, v.wireResistanceWarningMask());
        Le.put(b, PACK_VOLTAGE + c, 4, v.packVoltage_mV());
        Le.put(b, POWER + c, 4, v.power_mW());
        Le.put(b, CURRENT + c, 4, v.current_mA());
        Le.put(b, T1 + c, 2, v.t1_dC());
        Le.put(b, T2 + c, 2, v.t2_dC());
        if (is32) {
            Le.put(b, ERRORS_32S, 4, v.errors());
        } else {
            Le.put(b, ERRORS_24S, 2, v.errors());
        }
        Le.put(b, BALANCE_CURRENT + c, 2, v.balanceCurrent_mA());
        Le.put(b, BALANCING + c, 1, v.balancing());
        Le.put(b, SOC + c, 1, v.soc_pct());
        Le.put(b, REMAINING + c, 4, v.remaining_mAh());
        Le.put(b, NOMINAL + c, 4, v.nominalCapacity_mAh());
        Le.put(b, CYCLES + c, 4, v.cycles());
        Le.put(b, CYCLE_CAPACITY + c, 4, v.cycleCapacity_mAh());
        Le.put(b, SOH + c, 1, v.soh_pct());
        Le.put(b, PRECHARGE + c, 1, v.precharge());
        Le.put(b, USER_ALARM + c, 2, v.userAlarm());
        Le.put(b, RUNTIME + c, 4, v.runtime_s());
        Le.put(b, CHARGE_MOS + c, 1, v.chargeMos());
        Le.put(b, DISCHARGE_MOS + c, 1, v.dischargeMos());
        if (is32) {
            Le.put(b, SENSOR_MASK_32S, 1, v.temperatureSensorMask());
        } else {
            Le.put(b, SENSOR_MASK_24S, 2, v.temperatureSensorMask());
        }
        v.only24S().ifPresent(e -> {
            Le.put(b, UNKNOWN_112_24S, 2, e.unknown112());
            Le.put(b, UNKNOWN_168_24S, 2, e.unknown168());
        });
        v.only32S().ifPresent(e -> {
            Le.put(b, PRECHARGING_32S, 1, e.precharging());
            Le.put(b, BALANCING_32S, 1, e.balancing());
            for (int i = 0; i < Jk02CellInfo.RELEASE_TIMERS; i++) {
                Le.put(b, RELEASE_TIMERS_32S + 2 * i, 2, e.releaseTimers_s().get(i));
            }
            Le.put(b, HEATING_32S, 1, e.heating());
            Le.put(b, EMERGENCY_32S, 2, e.emergencyCountdown_s());
            Le.put(b, HEATER_CURRENT_32S, 2, e.heaterCurrent_mA());
            Le.put(b, T3_32S, 2, e.t3_dC());
            Le.put(b, T4_32S, 2, e.t4_dC());
            Le.put(b, T5_32S, 2, e.t5_dC());
            Le.put(b, LOG_COUNT_32S, 2, e.logCount());
            Le.put(b, BATTERY_TYPE_32S, 1, e.batteryType());
            Le.put(b, CHARGE_STATUS_TIME_32S, 2, e.chargeStatusTime_s());
            Le.put(b, CHARGE_STATUS_32S, 1, e.chargeStatus());
            Le.put(b, DRY_CONTACTS_32S, 1, e.dryContacts());
        });
    }
}
