package io.jkbms.protocol.can;

/** The flags of Pylontech 0x359 that [UKS] sets, by byte and mask (protocols.md §3.2). */
public enum PylonFlag {
    HIGH_VOLTAGE(0, 0x02),
    LOW_VOLTAGE(0, 0x04),
    HIGH_TEMPERATURE(0, 0x08),
    LOW_TEMPERATURE(0, 0x10),
    DISCHARGE_OVERCURRENT(0, 0x80),
    CHARGE_OVERCURRENT(1, 0x01),
    INTERNAL_FAILURE(1, 0x08),
    CELL_IMBALANCE(1, 0x10);

    private final int byteIndex;
    private final int mask;

    PylonFlag(int byteIndex, int mask) {
        this.byteIndex = byteIndex;
        this.mask = mask;
    }

    public int byteIndex() {
        return byteIndex;
    }

    public int mask() {
        return mask;
    }
}
