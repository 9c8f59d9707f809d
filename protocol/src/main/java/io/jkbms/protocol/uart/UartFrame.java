package io.jkbms.protocol.uart;

import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.Hex;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One 4E57 frame (protocols.md §2.1):
 * {@code 4E 57 | L (u16 BE, total − 2) | terminal id (u32) | command | source | type | body | record number (u32) | 68 |
 * 00 00 | sum (u16 BE)}, where the sum is the 16-bit sum of every byte from 0x4E through 0x68.
 * The body is a request's {@code identifier [+ value]} or a reply's {@code ID + data} records.
 */
public record UartFrame(long terminalId, UartCommand command, UartSource source, UartFrameType type, byte[] body,
                        long recordNumber) {
    /** Start, length, terminal id, command, source, type. */
    public static final int HEADER_BYTES = 11;
    /** Record number, end marker, checksum. */
    public static final int TRAILER_BYTES = 9;
    public static final int MIN_LENGTH = HEADER_BYTES + TRAILER_BYTES;
    /** The length field is a u16 of total − 2. */
    public static final int MAX_LENGTH = 0xFFFF + 2;
    public static final int MAX_BODY = MAX_LENGTH - MIN_LENGTH;
    static final int START_0 = 0x4E;
    static final int START_1 = 0x57;
    static final int END = 0x68;

    public UartFrame {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        if (terminalId < 0 || terminalId > 0xFFFF_FFFFL || recordNumber < 0 || recordNumber > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("terminal id and record number are u32");
        }
        if (body.length > MAX_BODY) {
            throw new IllegalArgumentException("a body of " + body.length + " bytes exceeds " + MAX_BODY);
        }
        body = body.clone();
    }

    /** A request as clients send it: terminal id 0, record number 0. */
    public static UartFrame request(UartCommand command, UartSource source, byte[] body) {
        return new UartFrame(0, command, source, UartFrameType.REQUEST, body, 0);
    }

    /** A reply as the BMS sends it: source BMS, type reply (header {@code 06 00 01} in the capture). */
    public static UartFrame reply(UartCommand command, byte[] body) {
        return new UartFrame(0, command, UartSource.BMS, UartFrameType.REPLY, body, 0);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public int length() {
        return MIN_LENGTH + body.length;
    }

    public byte[] encode() {
        int n = length();
        byte[] f = new byte[n];
        f[0] = (byte) START_0;
        f[1] = (byte) START_1;
        putU16(f, 2, n - 2);
        putU32(f, 4, terminalId);
        f[8] = (byte) command.code();
        f[9] = (byte) source.code();
        f[10] = (byte) type.code();
        System.arraycopy(body, 0, f, HEADER_BYTES, body.length);
        putU32(f, n - 9, recordNumber);
        f[n - 5] = (byte) END;
        putU16(f, n - 2, checksum(f, n - 4));
        return f;
    }

    /**
     * Decodes exactly one frame.
     *
     * @throws CodecException saying which check failed, at which offset, expected and actual value
     */
    public static UartFrame decode(byte[] f) throws CodecException {
        int n = f.length;
        if (n < MIN_LENGTH) {
            throw new CodecException("4E57 frame too short: " + n + " bytes, the smallest frame is " + MIN_LENGTH);
        }
        if ((f[0] & 0xFF) != START_0 || (f[1] & 0xFF) != START_1) {
            throw new CodecException(String.format("start at offset 0: expected 4E57, got %02X%02X", f[0] & 0xFF, f[1] & 0xFF));
        }
        int declared = u16(f, 2);
        if (declared != n - 2) {
            throw new CodecException(String.format(
                    "length field at offset 2 is %d (0x%04X) but the frame has %d bytes, so it should be %d",
                    declared, declared, n, n - 2));
        }
        if ((f[n - 5] & 0xFF) != END) {
            throw new CodecException(String.format("end marker at offset %d: expected 68, got %02X", n - 5, f[n - 5] & 0xFF));
        }
        if (f[n - 4] != 0 || f[n - 3] != 0) {
            throw new CodecException(String.format("checksum at offset %d: the high bytes must be 0000, got %04X",
                    n - 4, u16(f, n - 4)));
        }
        int expected = checksum(f, n - 4);
        int actual = u16(f, n - 2);
        if (expected != actual) {
            throw new CodecException(String.format("checksum at offset %d: expected %04X (sum of bytes 0..%d), got %04X",
                    n - 2, expected, n - 5, actual));
        }
        int c = f[8] & 0xFF;
        UartCommand command = UartCommand.ofCode(c).orElseThrow(() -> new CodecException(String.format(
                "unknown command 0x%02X at offset 8 (01 activate, 02 write, 03 read one, 05 password, 06 read all)", c)));
        int s = f[9] & 0xFF;
        if (s >= UartSource.values().length) {
            throw new CodecException(String.format("unknown source 0x%02X at offset 9 (0 BMS, 1 BT, 2 GPS, 3 PC)", s));
        }
        int t = f[10] & 0xFF;
        if (t >= UartFrameType.values().length) {
            throw new CodecException(String.format("unknown frame type 0x%02X at offset 10 (0 request, 1 reply, 2 upload)", t));
        }
        return new UartFrame(u32(f, 4), command, UartSource.values()[s], UartFrameType.values()[t],
                Arrays.copyOfRange(f, HEADER_BYTES, n - TRAILER_BYTES), u32(f, n - 9));
    }

    /**
     * For stream framing: the total length the frame starting at {@code offset} declares, once its 4 header bytes
     * have arrived (empty before).
     *
     * @throws CodecException if the bytes there are not a 4E57 start or the declared length is impossible
     */
    public static OptionalInt declaredLength(byte[] buffer, int offset, int available) throws CodecException {
        if (offset < 0 || available < 0 || offset > buffer.length || available > buffer.length - offset) {
            throw new IllegalArgumentException("offset " + offset + " + " + available + " outside " + buffer.length);
        }
        if (available >= 1 && (buffer[offset] & 0xFF) != START_0) {
            throw new CodecException(String.format("start at offset %d: expected 4E, got %02X", offset,
                    buffer[offset] & 0xFF));
        }
        if (available >= 2 && (buffer[offset + 1] & 0xFF) != START_1) {
            throw new CodecException(String.format("start at offset %d: expected 57, got %02X", offset + 1,
                    buffer[offset + 1] & 0xFF));
        }
        if (available < 4) {
            return OptionalInt.empty();
        }
        int total = u16(buffer, offset + 2) + 2;
        if (total < MIN_LENGTH) {
            throw new CodecException("length field at offset " + (offset + 2) + " declares " + total
                    + " bytes, the smallest frame is " + MIN_LENGTH);
        }
        return OptionalInt.of(total);
    }

    /** The 16-bit sum of bytes 0..end−1 (end = index of the checksum's high bytes). */
    static int checksum(byte[] f, int end) {
        int sum = 0;
        for (int i = 0; i < end; i++) {
            sum += f[i] & 0xFF;
        }
        return sum & 0xFFFF;
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    private static long u32(byte[] b, int i) {
        return (long) u16(b, i) << 16 | u16(b, i + 2);
    }

    private static void putU16(byte[] b, int i, int v) {
        b[i] = (byte) (v >> 8);
        b[i + 1] = (byte) v;
    }

    private static void putU32(byte[] b, int i, long v) {
        putU16(b, i, (int) (v >>> 16));
        putU16(b, i + 2, (int) v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UartFrame u && terminalId == u.terminalId && command == u.command && source == u.source
                && type == u.type && Arrays.equals(body, u.body) && recordNumber == u.recordNumber;
    }

    @Override
    public int hashCode() {
        return Objects.hash(terminalId, command, source, type, Arrays.hashCode(body), recordNumber);
    }

    @Override
    public String toString() {
        return "UartFrame[" + command + " " + source + " " + type + " body=" + Hex.of(body)
                + (terminalId != 0 ? " terminal=" + terminalId : "") + (recordNumber != 0 ? " record=" + recordNumber : "")
                + "]";
    }
}
