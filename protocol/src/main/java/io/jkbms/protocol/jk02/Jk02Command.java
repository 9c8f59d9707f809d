package io.jkbms.protocol.jk02;

import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.Hex;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A 20-byte JK02 command (protocols.md §1.3): {@code AA 55 90 EB | register | length | value (LE) | padding | CRC},
 * CRC = sum of bytes 0..18 mod 256. Sent by the client to read (0x96, 0x97) or write a register; the BMS's ACK has the
 * same form ({@link #ACK}).
 * <p>
 * Only the {@code length} value bytes mean anything: the official app fills the rest with random bytes, so
 * {@link #parse} ignores them and {@link #encode} writes zeros (which the BMS accepts too).
 *
 * @param register the register or command byte
 * @param data     the value bytes, least significant first; as many as the length byte says (0..13)
 */
public record Jk02Command(int register, byte[] data) {
    public static final int LENGTH = 20;
    public static final int CRC_OFFSET = 19;
    /** Value bytes fit in 6..18. */
    public static final int MAX_DATA = 13;
    public static final int READ_SETTINGS = 0x96;
    public static final int READ_DEVICE_INFO = 0x97;
    public static final int ACK_REGISTER = 0xC8;
    static final byte[] HEADER = {(byte) 0xAA, 0x55, (byte) 0x90, (byte) 0xEB};

    /** The BMS's acknowledgement: {@code AA5590EBC8010100000000000000000000000044}. */
    public static final Jk02Command ACK = new Jk02Command(ACK_REGISTER, new byte[]{1});

    public Jk02Command {
        Le.u8("register", register);
        if (data.length > MAX_DATA) {
            throw new IllegalArgumentException("a command carries at most " + MAX_DATA + " value bytes, not " + data.length);
        }
        data = data.clone();
    }

    /** 0x96: the settings frame, and the start of the cell-info stream. */
    public static Jk02Command readSettings() {
        return new Jk02Command(READ_SETTINGS, new byte[0]);
    }

    /** 0x97: the device-info frame. */
    public static Jk02Command readDeviceInfo() {
        return new Jk02Command(READ_DEVICE_INFO, new byte[0]);
    }

    /** A raw numeric write: {@code value}'s low {@code length} bytes. */
    public static Jk02Command of(int register, int length, long value) {
        if (length < 0 || length > 8) {
            throw new IllegalArgumentException("a numeric value has 0..8 bytes, not " + length);
        }
        byte[] d = new byte[length];
        Le.put(d, 0, length, value);
        return new Jk02Command(register, d);
    }

    /**
     * A write of a register in wire units (see {@link Jk02Register#toWire} for core units): length and signedness from
     * the table.
     *
     * @throws IllegalArgumentException if the register does not exist on the layout, is not numeric, or the value
     *                                  does not fit
     */
    public static Jk02Command write(Jk02Register register, Jk02Layout layout, long wireValue) {
        return write(register, layout, 1, wireValue);
    }

    /** A write of one channel of a multi-channel register (the 24S wire resistances, channel 1..24). */
    public static Jk02Command write(Jk02Register register, Jk02Layout layout, int channel, long wireValue) {
        int number = number(register, layout, channel);
        if (register.kind() == Jk02Register.Kind.USER_DATA || register.length() == 0) {
            throw new IllegalArgumentException(register + " carries no number (use userData or action)");
        }
        if (wireValue < register.minWire() || wireValue > register.maxWire()) {
            throw new IllegalArgumentException(register + " = " + wireValue + " does not fit its " + register.length()
                    + "-byte " + (register.signed() ? "signed" : "unsigned") + " value (" + register.minWire() + ".."
                    + register.maxWire() + " " + register.wireUnit() + ")");
        }
        return of(number, register.length(), wireValue);
    }

    /** A command without a value: shutdown, restart, factory reset, logbook. */
    public static Jk02Command action(Jk02Register register, Jk02Layout layout) {
        int number = number(register, layout, 1);
        if (register.length() != 0) {
            throw new IllegalArgumentException(register + " carries a value (use write)");
        }
        return new Jk02Command(number, new byte[0]);
    }

    /** Register 0x9F: the user-data text, up to 13 ASCII bytes. */
    public static Jk02Command userData(String text) {
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(text) || text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("user data must be ASCII without NUL: \"" + text + "\"");
        }
        return new Jk02Command(Jk02Register.USER_DATA.number(Jk02Layout.JK02_24S).getAsInt(),
                text.getBytes(StandardCharsets.US_ASCII));
    }

    private static int number(Jk02Register register, Jk02Layout layout, int channel) {
        if (!register.existsOn(layout)) {
            throw new IllegalArgumentException(register + " has no register number on " + layout);
        }
        if (channel < 1 || channel > register.channels()) {
            throw new IllegalArgumentException(register + " has channels 1.." + register.channels() + ", not " + channel);
        }
        return register.number(layout).getAsInt() + channel - 1;
    }

    /** The length byte. */
    public int length() {
        return data.length;
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public boolean isAck() {
        return register == ACK_REGISTER && data.length == 1 && data[0] == 1;
    }

    /** The value bytes as an unsigned little-endian number (for length 0..8). */
    public long unsignedValue() {
        requireNumeric();
        long v = 0;
        for (int i = data.length - 1; i >= 0; i--) {
            v = v << 8 | (data[i] & 0xFF);
        }
        return v;
    }

    /** The value bytes as a two's-complement little-endian number (for length 1..8; 0 when empty). */
    public long signedValue() {
        requireNumeric();
        if (data.length == 0) {
            return 0;
        }
        int shift = 64 - 8 * data.length;
        return unsignedValue() << shift >> shift;
    }

    private void requireNumeric() {
        if (data.length > 8) {
            throw new IllegalStateException("a " + data.length + "-byte value is text, not a number");
        }
    }

    /** The value bytes as ASCII text, up to the first NUL. */
    public String text() {
        int n = 0;
        while (n < data.length && data[n] != 0) {
            n++;
        }
        return new String(data, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** The 20 bytes, zero-padded, with the CRC. */
    public byte[] encode() {
        byte[] b = new byte[LENGTH];
        System.arraycopy(HEADER, 0, b, 0, HEADER.length);
        b[4] = (byte) register;
        b[5] = (byte) data.length;
        System.arraycopy(data, 0, b, 6, data.length);
        b[CRC_OFFSET] = (byte) Le.sum8(b, 0, CRC_OFFSET);
        return b;
    }

    /** True if {@code b} holds the command header at {@code off}. */
    static boolean headerAt(byte[] b, int off) {
        return b[off] == HEADER[0] && b[off + 1] == HEADER[1] && b[off + 2] == HEADER[2] && b[off + 3] == HEADER[3];
    }

    /**
     * Reads a received command (the device side). Padding after the value is ignored, whatever it holds.
     *
     * @throws CodecException if it is not 20 bytes, the header is wrong, the length byte exceeds 13 or the CRC fails
     */
    public static Jk02Command parse(byte[] frame) throws CodecException {
        if (frame == null) {
            throw new CodecException("no command (null)");
        }
        if (frame.length != LENGTH) {
            throw new CodecException("a JK02 command is " + LENGTH + " bytes, got " + frame.length);
        }
        for (int i = 0; i < HEADER.length; i++) {
            if (frame[i] != HEADER[i]) {
                throw new CodecException(String.format("bad command header at offset %d: expected %02X, got %02X"
                        + " (a command starts AA 55 90 EB)", i, HEADER[i] & 0xFF, frame[i] & 0xFF));
            }
        }
        int len = frame[5] & 0xFF;
        if (len > MAX_DATA) {
            throw new CodecException("length byte at offset 5 is " + len + "; a command carries at most " + MAX_DATA
                    + " value bytes (6..18)");
        }
        int expected = Le.sum8(frame, 0, CRC_OFFSET);
        int actual = frame[CRC_OFFSET] & 0xFF;
        if (expected != actual) {
            throw new CodecException(String.format("command CRC mismatch at offset 19: carries %02X, bytes 0..18 sum to %02X",
                    actual, expected));
        }
        return new Jk02Command(frame[4] & 0xFF, Arrays.copyOfRange(frame, 6, 6 + len));
    }

    // A record compares arrays by identity; two commands are equal when their bytes are.
    @Override
    public boolean equals(Object o) {
        return o instanceof Jk02Command c && c.register == register && Arrays.equals(c.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * register + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return String.format("Jk02Command[register=0x%02X, data=%s]", register, Hex.of(data));
    }
}
