package io.jkbms.protocol.uart;

/** How an identifier's data is laid out on the wire (all big-endian). */
public enum UartEncoding {
    U8(0, 0xFF),
    U16(0, 0xFFFF),
    I16(Short.MIN_VALUE, Short.MAX_VALUE),
    U32(0, 0xFFFF_FFFFL),
    /** Fixed-width Latin-1 text, padded with NUL. */
    TEXT(0, 0),
    /** 0x79: a length byte 3n, then n times {cell number, u16 mV}. */
    CELL_LIST(0, 0);

    private final long min;
    private final long max;

    UartEncoding(long min, long max) {
        this.min = min;
        this.max = max;
    }

    public boolean numeric() {
        return this != TEXT && this != CELL_LIST;
    }

    /** Smallest raw value a numeric field holds. */
    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    /** The raw value clamped into this encoding's range (numeric encodings only). */
    public long clamp(long raw) {
        return Math.max(min, Math.min(max, raw));
    }
}
