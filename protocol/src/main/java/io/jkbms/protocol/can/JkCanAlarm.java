package io.jkbms.protocol.can;

/** The 2-bit alarm fields of JK native 0x07F4 ALM_INFO, by their first bit (protocols.md §3.1). */
public enum JkCanAlarm {
    CELL_OVERVOLTAGE(0),
    CELL_UNDERVOLTAGE(2),
    PACK_OVERVOLTAGE(4),
    PACK_UNDERVOLTAGE(6),
    CELL_DELTA(8),
    DISCHARGE_OVERCURRENT(10),
    CHARGE_OVERCURRENT(12),
    TEMPERATURE_HIGH(14),
    TEMPERATURE_LOW(16),
    TEMPERATURE_DELTA(18),
    SOC_LOW(20),
    INSULATION(22),
    HV_INTERLOCK(24),
    EXTERNAL_COMMS(26),
    INTERNAL_COMMS(28);

    private final int bit;

    JkCanAlarm(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    /** The level of an ALM_INFO field: 1 severe, 2 important, 3 general (0 = none is absence). */
    public enum Level {
        SEVERE,
        IMPORTANT,
        GENERAL;

        public int code() {
            return ordinal() + 1;
        }

        /** The more severe of two levels. */
        public Level worst(Level other) {
            return ordinal() <= other.ordinal() ? this : other;
        }
    }
}
