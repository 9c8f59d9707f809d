package io.jkbms.protocol.jk02;

import io.jkbms.core.telemetry.Alarm;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The bits of the cell-info errors field (protocols.md §1.7; [EJ] ERRORS_JK02), bit 0 = least significant bit of the
 * little-endian field. 24S has bits 0–15, 32S 0–28. Each bit names the core {@link Alarm} it stands for, where there is
 * one: the bit numbers belong to the protocol, so this table lives here and not in core.
 * <p>
 * Choices where the protocol and core do not match one to one:
 * <ul>
 *   <li>core's one short-circuit alarm is sent as bit 14 (discharge short circuit); bit 7 (charge short circuit) reads
 *       back as the same alarm;</li>
 *   <li>core's auto-shutdown alarm ({@link Alarm#POWER_OFF}, a cell below the power-off voltage) is sent as bit 12,
 *       "pack undervoltage", the nearest JK flag;</li>
 *   <li>on 24S, which has no DOCP II/III bits, those alarms are sent as bit 13 (discharge overcurrent), what they are;</li>
 *   <li>{@link Alarm#CELL_DELTA} and {@link Alarm#LOW_SOC} have no JK02 bit, nor, on 24S, the 32S-only alarms.</li>
 * </ul>
 */
public enum Jk02ErrorBit {
    WIRE_RESISTANCE(0, "wire resistance", Alarm.WIRE_RESISTANCE),
    MOS_OVERTEMPERATURE(1, "MOS overtemperature", Alarm.MOS_OTP),
    CELL_COUNT_MISMATCH(2, "cell count differs from the setting", Alarm.CELL_COUNT_MISMATCH),
    UNUSED_3(3, "unused", null),
    CELL_OVERVOLTAGE(4, "fully charged (cell overvoltage)", Alarm.CELL_OVP),
    PACK_OVERVOLTAGE(5, "pack overvoltage", null),
    CHARGE_OVERCURRENT(6, "charge overcurrent", Alarm.CHARGE_OCP),
    CHARGE_SHORT_CIRCUIT(7, "charge short circuit", Alarm.SCP),
    CHARGE_OVERTEMPERATURE(8, "charge overtemperature", Alarm.CHARGE_OTP),
    CHARGE_UNDERTEMPERATURE(9, "charge undertemperature", Alarm.CHARGE_UTP),
    COPROCESSOR_COMMS(10, "coprocessor communication error", null),
    CELL_UNDERVOLTAGE(11, "cell undervoltage", Alarm.CELL_UVP),
    PACK_UNDERVOLTAGE(12, "pack undervoltage", Alarm.POWER_OFF),
    DISCHARGE_OVERCURRENT(13, "discharge overcurrent", Alarm.DISCHARGE_OCP),
    DISCHARGE_SHORT_CIRCUIT(14, "discharge short circuit", Alarm.SCP),
    DISCHARGE_OVERTEMPERATURE(15, "discharge overtemperature", Alarm.DISCHARGE_OTP),
    CHARGE_MOS_ABNORMAL(16, "charge MOS abnormal", null),
    DISCHARGE_MOS_ABNORMAL(17, "discharge MOS abnormal", null),
    GPS_DISCONNECTED(18, "GPS disconnected", Alarm.GPS_DISCONNECTED),
    MODIFY_PASSWORD(19, "modify password", null),
    DISCHARGE_ON_FAILED(20, "discharge-on failed", null),
    BATTERY_OVERTEMPERATURE(21, "battery overtemperature", null),
    TEMPERATURE_SENSOR_ANOMALY(22, "temperature sensor anomaly", Alarm.TEMP_SENSOR_FAULT),
    PL_MODULE_ANOMALY(23, "parallel (PL) module anomaly", Alarm.PARALLEL_MODULE_FAULT),
    SCP_RELEASE_FAILED(24, "short-circuit release failed", null),
    DOCP2(25, "discharge overcurrent II", Alarm.DOCP2),
    DOCP3(26, "discharge overcurrent III", Alarm.DOCP3),
    DISCHARGE_UNDERTEMPERATURE(27, "discharge undertemperature", Alarm.DISCHARGE_UTP),
    GPS_LOCK(28, "GPS lock", Alarm.GPS_LOCK);

    /** Bits 0..15 exist on both layouts; 16..28 on 32S only. */
    public static final int BITS_24S = 16;

    private final int bit;
    private final String words;
    private final Optional<Alarm> alarm;

    Jk02ErrorBit(int bit, String words, Alarm alarm) {
        this.bit = bit;
        this.words = words;
        this.alarm = Optional.ofNullable(alarm);
    }

    public int bit() {
        return bit;
    }

    public String words() {
        return words;
    }

    /** The core alarm the bit stands for, if any. */
    public Optional<Alarm> alarm() {
        return alarm;
    }

    public boolean existsOn(Jk02Layout layout) {
        return layout == Jk02Layout.JK02_32S || bit < BITS_24S;
    }

    public long mask() {
        return 1L << bit;
    }

    /** The bit that reports an alarm on a layout (see the class comment for the choices); empty if none. */
    public static Optional<Jk02ErrorBit> forAlarm(Alarm alarm, Jk02Layout layout) {
        switch (alarm) {
            case SCP: return Optional.of(DISCHARGE_SHORT_CIRCUIT);
            case DOCP2: return Optional.of(layout == Jk02Layout.JK02_32S ? DOCP2 : DISCHARGE_OVERCURRENT);
            case DOCP3: return Optional.of(layout == Jk02Layout.JK02_32S ? DOCP3 : DISCHARGE_OVERCURRENT);
            default:
                for (Jk02ErrorBit b : values()) {
                    if (b.alarm.isPresent() && b.alarm.get() == alarm && b.existsOn(layout)) {
                        return Optional.of(b);
                    }
                }
                return Optional.empty();
        }
    }

    /** The errors field for a set of alarms. */
    public static long errors(Set<Alarm> alarms, Jk02Layout layout) {
        long e = 0;
        for (Alarm a : alarms) {
            Optional<Jk02ErrorBit> b = forAlarm(a, layout);
            if (b.isPresent()) {
                e |= b.get().mask();
            }
        }
        return e;
    }

    /** The bits set in an errors field (bits beyond the layout's are ignored). */
    public static Set<Jk02ErrorBit> bits(long errors, Jk02Layout layout) {
        EnumSet<Jk02ErrorBit> s = EnumSet.noneOf(Jk02ErrorBit.class);
        for (Jk02ErrorBit b : values()) {
            if (b.existsOn(layout) && (errors & b.mask()) != 0) {
                s.add(b);
            }
        }
        return s;
    }

    /** The core alarms an errors field reports; bits without a core alarm are left out (see {@link #bits}). */
    public static Set<Alarm> alarms(long errors, Jk02Layout layout) {
        EnumSet<Alarm> s = EnumSet.noneOf(Alarm.class);
        for (Jk02ErrorBit b : bits(errors, layout)) {
            b.alarm.ifPresent(s::add);
        }
        return s;
    }
}
