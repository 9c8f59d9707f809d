package io.jkbms.protocol.can;

/** Little-endian writing and rounding for the CAN encoders. */
final class Le {
    private Le() {
    }

    static void put16(byte[] b, int at, long v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >> 8);
    }

    static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }

    /** Clamped into an unsigned 16-bit field. */
    static long clampU16(long v) {
        return clamp(v, 0, 0xFFFF);
    }

    /** Clamped into a signed 16-bit field. */
    static long clampI16(long v) {
        return clamp(v, Short.MIN_VALUE, Short.MAX_VALUE);
    }

    /** Integer division rounding half away from zero. */
    static long roundDiv(long value, long divisor) {
        long half = divisor / 2;
        return value >= 0 ? (value + half) / divisor : -((-value + half) / divisor);
    }

    static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException(what);
        }
    }
}
