package io.jkbms.protocol.uart;

import io.jkbms.protocol.CodecException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Cuts a 4E57 byte stream into frames: finds {@code 4E 57}, reads the declared length, and hands over each complete
 * frame that decodes (checksum, end marker). Anything else — noise, a corrupted frame — is skipped one byte at a time
 * until the next start, and counted. The buffer never holds more than one frame's worth beyond the largest frame a
 * JK board sends ({@link #MAX_FRAME} bytes), so no input can make it grow without bound.
 */
public final class UartReassembler {
    /** The largest frame accepted: a read-all reply for 32 cells is about 340 bytes; leave room. */
    public static final int MAX_FRAME = 1_024;

    private final byte[] buf = new byte[2 * MAX_FRAME];
    private int len;
    private long frames;
    private long errors;
    private long skipped;

    /** Link diagnostics: frames decoded, frames dropped (checksum or form), bytes skipped while resynchronising. */
    public record Stats(long frames, long errors, long bytesSkipped) {
    }

    public List<UartFrame> feed(byte[] data, int offset, int length) {
        List<UartFrame> out = new ArrayList<>(1);
        int i = 0;
        while (i < length) {
            int n = Math.min(length - i, buf.length - len);
            System.arraycopy(data, offset + i, buf, len, n);
            len += n;
            i += n;
            drain(out);
            if (len == buf.length) {
                drop(1); // cannot happen after drain (it keeps at most MAX_FRAME); kept as the bound's guarantee
            }
        }
        return out;
    }

    private void drain(List<UartFrame> out) {
        while (len > 0) {
            int start = indexOfStart();
            if (start < 0) {
                // Keep a trailing 4E: it may be the start of the next frame.
                int keep = (buf[len - 1] & 0xFF) == 0x4E ? 1 : 0;
                skipped += len - keep;
                drop(len - keep);
                return;
            }
            if (start > 0) {
                skipped += start;
                drop(start);
            }
            int total;
            try {
                OptionalInt declared = UartFrame.declaredLength(buf, 0, len);
                if (declared.isEmpty()) {
                    return; // the length field has not arrived yet
                }
                total = declared.getAsInt();
            } catch (CodecException e) {
                resync();
                continue;
            }
            if (total > MAX_FRAME) {
                resync();
                continue;
            }
            if (len < total) {
                return;
            }
            try {
                out.add(UartFrame.decode(Arrays.copyOf(buf, total)));
                frames++;
                drop(total);
            } catch (CodecException e) {
                resync();
            }
        }
    }

    /** Drop the false start and look for the next one. */
    private void resync() {
        errors++;
        skipped++;
        drop(1);
    }

    private int indexOfStart() {
        for (int k = 0; k + 1 < len; k++) {
            if ((buf[k] & 0xFF) == 0x4E && (buf[k + 1] & 0xFF) == 0x57) {
                return k;
            }
        }
        return -1;
    }

    private void drop(int n) {
        System.arraycopy(buf, n, buf, 0, len - n);
        len -= n;
    }

    /** Drops a partial frame (after an idle gap on the line, the rest is not coming) and counts it. */
    public void discardPartial() {
        if (len > 0) {
            errors++;
            skipped += len;
            len = 0;
        }
    }

    public Stats stats() {
        return new Stats(frames, errors, skipped);
    }

    public int buffered() {
        return len;
    }
}
