package io.jkbms.protocol.jk02;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a JK02 byte stream — BLE notifications of any size, or a serial/TCP stream — into frames (protocols.md §1.5,
 * §5). It finds a header anywhere, takes the unit's fixed length (300 bytes after {@code 55 AA EB 90}, 20 after
 * {@code AA 55 90 EB}), and accepts it only if the checksum passes and the type is possible (frames 01/02/03; commands
 * with a length byte ≤ 13). A rejected candidate is dropped and the search resumes at the byte after its header, so
 * one bad frame never hides the next. This copes with 128+128+44 or 150+150 splits, a frame tail and the next head in
 * one notification, 320-byte notifications (a frame with its ACK glued on), "AT\r\n" and command echoes.
 * <p>
 * An 8-bit sum passes by chance 1 time in 256, which is why the type is checked too; a command candidate that would
 * swallow a frame header is also refused, so a false command cannot eat the start of a real frame.
 * <p>
 * Memory is bounded: a fixed {@value #CAPACITY}-byte buffer (2 × 320). Input is taken in slices that fit, so a large
 * chunk never grows it; between calls it holds fewer than 300 bytes (at most one incomplete unit). Not thread-safe:
 * one per link.
 */
public final class Jk02Reassembler {
    /** The buffer size: two 320-byte notifications. */
    public static final int CAPACITY = 640;

    /** What a reassembler delivers. */
    public enum Mode {
        /** 300-byte frames only (a client that does not care about ACKs). */
        FRAMES,
        /** 20-byte commands only (the device side). */
        COMMANDS,
        /** Both (a client that follows ACKs). */
        FRAMES_AND_COMMANDS
    }

    /** One unit cut from the stream. */
    public record Received(Kind kind, byte[] bytes) {
        public enum Kind {
            /** 300 bytes, {@code 55 AA EB 90}: decode with {@link Jk02Codec#decode}. */
            FRAME,
            /** 20 bytes, {@code AA 55 90 EB}: parse with {@link Jk02Command#parse}. */
            COMMAND
        }

        public Received {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        public boolean isFrame() {
            return kind == Kind.FRAME;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Received r && r.kind == kind && Arrays.equals(r.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return kind.hashCode() * 31 + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Received[" + kind + ", " + io.jkbms.protocol.Hex.of(bytes) + "]";
        }
    }

    private final Mode mode;
    private final byte[] buf = new byte[CAPACITY];
    private int len;
    private long frames, commands, ignored, checksumErrors, invalid, bytesSkipped;

    public Jk02Reassembler(Mode mode) {
        this.mode = mode;
    }

    public static Jk02Reassembler frames() {
        return new Jk02Reassembler(Mode.FRAMES);
    }

    public static Jk02Reassembler commands() {
        return new Jk02Reassembler(Mode.COMMANDS);
    }

    public static Jk02Reassembler framesAndCommands() {
        return new Jk02Reassembler(Mode.FRAMES_AND_COMMANDS);
    }

    public Mode mode() {
        return mode;
    }

    /** Takes the next bytes of the stream; returns the units they complete, in stream order (often none). */
    public List<Received> feed(byte[] chunk) {
        List<Received> out = new ArrayList<>(1);
        int pos = 0;
        while (pos < chunk.length) {
            int n = Math.min(CAPACITY - len, chunk.length - pos);
            System.arraycopy(chunk, pos, buf, len, n);
            len += n;
            pos += n;
            process(out);
        }
        return out;
    }

    /** Bytes held for an incomplete unit. */
    public int buffered() {
        return len;
    }

    public Jk02LinkStats stats() {
        return new Jk02LinkStats(frames, commands, ignored, checksumErrors, invalid, bytesSkipped);
    }

    /** Forgets buffered bytes and counters (a new connection). */
    public void reset() {
        len = 0;
        frames = commands = ignored = checksumErrors = invalid = bytesSkipped = 0;
    }

    private void process(List<Received> out) {
        int start = 0;
        while (true) {
            int h = findHeader(start);
            if (h < 0) {
                // Keep a tail that may be the first bytes of a header split across chunks.
                int keep = partialHeaderTail(start);
                bytesSkipped += len - keep - start;
                start = len - keep;
                break;
            }
            bytesSkipped += h - start;
            start = h;
            boolean frame = Jk02Codec.headerAt(buf, h);
            int need = frame ? Jk02Codec.FRAME_LENGTH : Jk02Command.LENGTH;
            if (len - h < need) {
                break;
            }
            if (frame ? acceptFrame(h, out) : acceptCommand(h, out)) {
                start = h + need;
            } else {
                bytesSkipped++;
                start = h + 1;
            }
        }
        System.arraycopy(buf, start, buf, 0, len - start);
        len -= start;
    }

    private boolean acceptFrame(int h, List<Received> out) {
        if ((Le.sum8(buf, h, h + Jk02Codec.CHECKSUM_OFFSET)) != (buf[h + Jk02Codec.CHECKSUM_OFFSET] & 0xFF)) {
            checksumErrors++;
            return false;
        }
        int type = buf[h + 4];
        if (type == Jk02Frame.TYPE_LOGBOOK) {
            ignored++;
            return true;
        }
        if (type != Jk02Frame.TYPE_SETTINGS && type != Jk02Frame.TYPE_CELL_INFO && type != Jk02Frame.TYPE_DEVICE_INFO) {
            invalid++;
            return false;
        }
        if (mode == Mode.COMMANDS) {
            ignored++;
        } else {
            frames++;
            out.add(new Received(Received.Kind.FRAME, Arrays.copyOfRange(buf, h, h + Jk02Codec.FRAME_LENGTH)));
        }
        return true;
    }

    private boolean acceptCommand(int h, List<Received> out) {
        if (Le.sum8(buf, h, h + Jk02Command.CRC_OFFSET) != (buf[h + Jk02Command.CRC_OFFSET] & 0xFF)) {
            checksumErrors++;
            return false;
        }
        if ((buf[h + 5] & 0xFF) > Jk02Command.MAX_DATA) {
            invalid++;
            return false;
        }
        for (int i = h + 1; i <= h + Jk02Command.LENGTH - 4; i++) {
            if (Jk02Codec.headerAt(buf, i)) {
                invalid++;
                return false;
            }
        }
        if (mode == Mode.FRAMES) {
            ignored++;
        } else {
            commands++;
            out.add(new Received(Received.Kind.COMMAND, Arrays.copyOfRange(buf, h, h + Jk02Command.LENGTH)));
        }
        return true;
    }

    private int findHeader(int from) {
        for (int i = from; i + 4 <= len; i++) {
            byte b = buf[i];
            if (b == Jk02Codec.HEADER[0] ? Jk02Codec.headerAt(buf, i)
                    : b == Jk02Command.HEADER[0] && Jk02Command.headerAt(buf, i)) {
                return i;
            }
        }
        return -1;
    }

    /** The length (0..3) of the longest tail of buf[from, len) that begins either header. */
    private int partialHeaderTail(int from) {
        for (int k = Math.min(3, len - from); k > 0; k--) {
            if (startsHeader(Jk02Codec.HEADER, len - k, k) || startsHeader(Jk02Command.HEADER, len - k, k)) {
                return k;
            }
        }
        return 0;
    }

    private boolean startsHeader(byte[] header, int at, int k) {
        for (int i = 0; i < k; i++) {
            if (buf[at + i] != header[i]) {
                return false;
            }
        }
        return true;
    }
}
