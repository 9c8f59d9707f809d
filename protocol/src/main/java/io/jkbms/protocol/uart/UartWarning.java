package io.jkbms.protocol.uart;

import io.jkbms.core.telemetry.Alarm;

import java.util.EnumSet;
import java.util.Set;

/**
 * The 0x8B warning bits (protocols.md §2.2; names as [EJ] lists them). {@link #fromAlarms} is how the twin reports its
 * core alarms; see there for the mapping.
 */
public enum UartWarning {
    LOW_CAPACITY(0),
    MOS_OVERTEMPERATURE(1),
    CHARGE_OVERVOLTAGE(2),
    DISCHARGE_UNDERVOLTAGE(3),
    BATTERY_OVERTEMPERATURE(4),
    CHARGE_OVERCURRENT(5),
    DISCHARGE_OVERCURRENT(6),
    CELL_DELTA(7),
    BOX_OVERTEMPERATURE(8),
    LOW_TEMPERATURE(9),
    CELL_OVERVOLTAGE(10),
    CELL_UNDERVOLTAGE(11),
    PROTECTION_309_A(12),
    PROTECTION_309_B(13);

    private final int bit;

    UartWarning(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    /**
     * The core alarm a client reports for this bit: the reverse of {@link #fromAlarms}, as far as the wire allows
     * (battery over-temperature does not say charge or discharge: it reads as a charge over-temperature; the "309"
     * bits have no known meaning).
     */
    public java.util.Optional<Alarm> alarm() {
        return java.util.Optional.ofNullable(switch (this) {
            case LOW_CAPACITY -> Alarm.LOW_SOC;
            case MOS_OVERTEMPERATURE, BOX_OVERTEMPERATURE -> Alarm.MOS_OTP;
            case CHARGE_OVERVOLTAGE, CELL_OVERVOLTAGE -> Alarm.CELL_OVP;
            case DISCHARGE_UNDERVOLTAGE, CELL_UNDERVOLTAGE -> Alarm.CELL_UVP;
            case BATTERY_OVERTEMPERATURE -> Alarm.CHARGE_OTP;
            case CHARGE_OVERCURRENT -> Alarm.CHARGE_OCP;
            case DISCHARGE_OVERCURRENT -> Alarm.DISCHARGE_OCP;
            case CELL_DELTA -> Alarm.CELL_DELTA;
            case LOW_TEMPERATURE -> Alarm.CHARGE_UTP;
            case PROTECTION_309_A, PROTECTION_309_B -> null;
        });
    }

    public int mask() {
        return 1 << bit;
    }

    /** The named bits set in a raw 0x8B value (bits 14 and 15 are reserved and ignored). */
    public static Set<UartWarning> of(int bits) {
        EnumSet<UartWarning> s = EnumSet.noneOf(UartWarning.class);
        for (UartWarning w : values()) {
            if ((bits & w.mask()) != 0) {
                s.add(w);
            }
        }
        return s;
    }

    public static int bits(Set<UartWarning> warnings) {
        int b = 0;
        for (UartWarning w : warnings) {
            b |= w.mask();
        }
        return b;
    }

    /**
     * The bits the twin sends for its alarms. The BD4A protects per cell, so a cell over-/under-voltage sets both the
     * cell bit (10/11) and the charge-/discharge-side bit (2/3) whose effect it has; power-off counts as under-voltage.
     * Charge and discharge over-temperature share "battery over-temperature", both low temperatures "low
     * temperature", every discharge over-current level and the short circuit "discharge over-current". The box
     * sensor (bit 8) and 309_A/B (12/13) have no BD4A counterpart; wiring, sensor, parallel-module and GPS faults have
     * no bit.
     */
    public static Set<UartWarning> fromAlarms(Set<Alarm> alarms) {
        EnumSet<UartWarning> s = EnumSet.noneOf(UartWarning.class);
        for (Alarm a : alarms) {
            switch (a) {
                case LOW_SOC -> s.add(LOW_CAPACITY);
                case MOS_OTP -> s.add(MOS_OVERTEMPERATURE);
                case CELL_OVP -> {
                    s.add(CELL_OVERVOLTAGE);
                    s.add(CHARGE_OVERVOLTAGE);
                }
                case CELL_UVP, POWER_OFF -> {
                    s.add(CELL_UNDERVOLTAGE);
                    s.add(DISCHARGE_UNDERVOLTAGE);
                }
                case CHARGE_OTP, DISCHARGE_OTP -> s.add(BATTERY_OVERTEMPERATURE);
                case CHARGE_UTP, DISCHARGE_UTP -> s.add(LOW_TEMPERATURE);
                case CHARGE_OCP -> s.add(CHARGE_OVERCURRENT);
                case DISCHARGE_OCP, DOCP2, DOCP3, SCP -> s.add(DISCHARGE_OVERCURRENT);
                case CELL_DELTA -> s.add(CELL_DELTA);
                default -> { }
            }
        }
        return s;
    }
}
