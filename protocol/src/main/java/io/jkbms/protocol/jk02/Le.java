package io.jkbms.protocol.jk02;

import java.nio.charset.StandardCharsets;

/** Little-endian field access for JK02 frames (BLE is little-endian, protocols.md). Package-private plumbing. */
final class Le {
    private Le() {
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    static int s8(byte[] b, int off) {
        return b[off];
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    static int s16(byte[] b, int off) {
        return (short) u16(b, off);
    }

    static long u32(byte[] b, int off) {
        return s32(b, off) & 0xFFFF_FFFFL;
    }

    static int s32(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    /** Writes the low {@code width} bytes of {@code v}, least significant first. */
    static void put(byte[] b, int off, int width, long v) {
        for (int i = 0; i < width; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    /** A C string: the bytes up to the first NUL (or the whole field), one char per byte (ISO-8859-1). */
    static String text(byte[] b, int off, int width) {
        int end = off;
        while (end < off + width && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.ISO_8859_1);
    }

    static void putText(byte[] b, int off, String s) {
        byte[] t = s.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(t, 0, b, off, t.length);
    }

    /** Sum of bytes [from, to) modulo 256: JK02's only integrity check. */
    static int sum8(byte[] b, int from, int to) {
        int s = 0;
        for (int i = from; i < to; i++) {
            s += b[i];
        }
        return s & 0xFF;
    }

    // Range checks for the records' constructors: a record always fits its wire fields, so encoding never truncates.

    static int u8(String field, int v) {
        return range(field, v, 0, 0xFF);
    }

    static int s8(String field, int v) {
        return range(field, v, Byte.MIN_VALUE, Byte.MAX_VALUE);
    }

    static int u16(String field, int v) {
        return range(field, v, 0, 0xFFFF);
    }

    static int s16(String field, int v) {
        return range(field, v, Short.MIN_VALUE, Short.MAX_VALUE);
    }

    static long u32(String field, long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(field + " = " + v + " does not fit an unsigned 32-bit field (0..4294967295)");
        }
        return v;
    }

    static int range(String field, int v, int min, int max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(field + " = " + v + " does not fit its wire field (" + min + ".." + max + ")");
        }
        return v;
    }

    /** Text that a field of {@code width} bytes holds and gives back unchanged: Latin-1, no NUL, at most width chars. */
    static String text(String field, String s, int width) {
        if (s.length() > width) {
            throw new IllegalArgumentException(field + " \"" + s + "\" is longer than its " + width + "-byte field");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0 || c > 0xFF) {
                throw new IllegalArgumentException(field + " \"" + s + "\" has a character that is not a non-NUL byte at " + i);
            }
        }
        return s;
    }

    /** A long as an int, saturating: wire values beyond int are passed on for the validator to refuse, not wrapped. */
    static int saturate(long v) {
        return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : v < Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) v;
    }
}
