package io.jkbms.protocol.uart;

import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * 1,200,000 random and mutated inputs (bit flips, truncation, splicing and re-framing of the captured reply; random
 * bytes of random lengths; random requests; a few maximum-size frames) through the frame decoder, the body parser,
 * the request decoder and the write interpreter. Only CodecException may come out; whatever is accepted re-encodes
 * to the same bytes; allocation per input stays proportional to its length; the timeout catches any loop.
 */
class UartFuzzTest {
    private static final int INPUTS = 1_200_000;
    private static final long ALLOWANCE = 32 * 1024;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final byte[] vector = UartVectors.uart13s();
    private final byte[] vectorBody = Arrays.copyOfRange(vector, UartFrame.HEADER_BYTES, vector.length - UartFrame.TRAILER_BYTES);

    private long framesAccepted;
    private long bodiesAccepted;
    private long requestsAccepted;
    private long rejected;

    @Test
    @Timeout(120)
    void onlyCodecExceptionsAndBoundedWork() throws InterruptedException {
        // Its own thread: a shallow stack keeps the many CodecExceptions cheap to create.
        Throwable[] failure = new Throwable[1];
        long[] maxExcess = new long[1];
        Thread t = new Thread(() -> {
            try {
                maxExcess[0] = run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "uart-fuzz");
        t.start();
        t.join();
        if (failure[0] != null) {
            fail(failure[0].getMessage(), failure[0]);
        }
        System.out.printf("UART fuzz: %d inputs, %d frames, %d bodies and %d requests accepted, %d rejections%n",
                INPUTS, framesAccepted, bodiesAccepted, requestsAccepted, rejected);
        // Allocation is linear in the input: at most 64 bytes per input byte plus a fixed allowance (an exception).
        assertThat(maxExcess[0]).isLessThan(ALLOWANCE);
        assertThat(framesAccepted).isGreaterThan(INPUTS / 4);
        assertThat(bodiesAccepted).isGreaterThan(INPUTS / 20);
        assertThat(requestsAccepted).isGreaterThan(INPUTS / 20);
        assertThat(rejected).isGreaterThan(INPUTS / 2);
    }

    private long run() {
        SplittableRandom rnd = new SplittableRandom(0x4E57_0013L);
        long maxExcess = 0;
        for (int i = 0; i < INPUTS; i++) {
            byte[] in = input(rnd, i);
            long excess = excess(in, i);
            if (excess >= ALLOWANCE) {
                excess = excess(in, i); // a first-time cost (class loading, JIT) does not repeat
            }
            maxExcess = Math.max(maxExcess, excess);
        }
        return maxExcess;
    }

    /** Bytes allocated beyond 64 per input byte while feeding the input. */
    private long excess(byte[] in, int i) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        try {
            feed(in);
        } catch (RuntimeException | Error e) {
            throw new AssertionError("input #" + i + " (" + Hex.of(in) + ") threw " + e, e);
        }
        return THREADS.getCurrentThreadAllocatedBytes() - before - 64L * in.length;
    }

    private void feed(byte[] in) {
        try {
            UartFrame.declaredLength(in, 0, Math.min(4, in.length));
        } catch (CodecException e) {
            rejected++;
        }
        body(in);
        try {
            UartFrame f = UartFrame.decode(in);
            framesAccepted++;
            check(Arrays.equals(f.encode(), in), "a decoded frame re-encodes to its bytes", in);
            body(f.body());
            try {
                UartRequest q = UartRequest.decode(f);
                requestsAccepted++;
                if (q instanceof UartRequest.Write w) {
                    check(UartWrites.interpret(w.value()).id() == w.value().id(), "a write is answered for its id", in);
                    check(Arrays.equals(w.body(), f.body()), "a decoded write re-encodes to its body", in);
                }
            } catch (CodecException e) {
                rejected++;
            }
        } catch (CodecException e) {
            rejected++;
        }
    }

    private void body(byte[] b) {
        try {
            UartData d = UartData.parse(b);
            bodiesAccepted++;
            check(Arrays.equals(d.encode(), b), "a parsed body re-encodes to its bytes", b);
            d.current_mA();
            d.temperature_C(UartId.MOS_TEMPERATURE);
            d.packVoltage_mV();
            d.status();
            d.warnings();
            d.cell_mV();
            d.toSettingsPatch();
        } catch (CodecException e) {
            rejected++;
        }
    }

    private static void check(boolean ok, String what, byte[] in) {
        if (!ok) {
            throw new AssertionError(what + ": " + Hex.of(in));
        }
    }

    private byte[] input(SplittableRandom r, int i) {
        if (i % 100_000 == 99_999) {
            return frame(r, randomBytes(r, r.nextInt(UartFrame.MAX_BODY - 1000, UartFrame.MAX_BODY + 1)));
        }
        switch (i % 8) {
            case 0: return randomBytes(r, r.nextInt(0, 600));
            case 1: return flip(r, vector.clone(), 1 + r.nextInt(8));
            case 2: return Arrays.copyOf(vector, r.nextInt(vector.length));
            case 3: return splice(r, vector, r.nextBoolean() ? vector : randomBytes(r, r.nextInt(300)));
            case 4: return frame(r, mutate(r, vectorBody));
            case 5: return frame(r, randomBytes(r, r.nextInt(0, 40)));
            case 6: {
                // A well-formed body made of records of real identifiers with random data.
                byte[] b = randomBody(r);
                return frame(r, r.nextInt(4) == 0 ? mutate(r, b) : b);
            }
            default: return flip(r, frame(r, mutate(r, vectorBody)), 1);
        }
    }

    private static byte[] randomBytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static byte[] flip(SplittableRandom r, byte[] b, int flips) {
        if (b.length == 0) {
            return b;
        }
        for (int k = 0; k < flips; k++) {
            b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return b;
    }

    private static byte[] splice(SplittableRandom r, byte[] a, byte[] b) {
        int cutA = r.nextInt(a.length + 1);
        int cutB = b.length == 0 ? 0 : r.nextInt(b.length + 1);
        byte[] out = Arrays.copyOf(a, cutA + b.length - cutB);
        System.arraycopy(b, cutB, out, cutA, b.length - cutB);
        return out;
    }

    private static byte[] mutate(SplittableRandom r, byte[] body) {
        if (body.length == 0) {
            return randomBytes(r, r.nextInt(1, 8));
        }
        switch (r.nextInt(5)) {
            case 0: return flip(r, body.clone(), 1 + r.nextInt(4));
            case 1: return Arrays.copyOf(body, r.nextInt(body.length + 1));
            case 2: return splice(r, body, body);
            case 3: {
                byte[] b = body.clone();
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                return b;
            }
            default: return splice(r, body, randomBytes(r, r.nextInt(1, 30)));
        }
    }

    private static byte[] randomBody(SplittableRandom r) {
        UartId[] ids = UartId.values();
        int n = r.nextInt(1, 12);
        byte[] out = new byte[0];
        boolean[] used = new boolean[256];
        for (int k = 0; k < n; k++) {
            UartId id = ids[r.nextInt(ids.length)];
            if (used[id.code()]) {
                continue;
            }
            used[id.code()] = true;
            int len = id.encoding() == UartEncoding.CELL_LIST ? 1 + 3 * r.nextInt(30) : id.width();
            byte[] rec = randomBytes(r, 1 + len);
            rec[0] = (byte) id.code();
            if (id.encoding() == UartEncoding.CELL_LIST) {
                rec[1] = (byte) (len - 1);
            }
            int at = r.nextInt(out.length + 1);  // whole records, at a record boundary or not
            byte[] grown = Arrays.copyOf(out, out.length + rec.length);
            System.arraycopy(out, at, grown, at + rec.length, out.length - at);
            System.arraycopy(rec, 0, grown, at, rec.length);
            out = grown;
        }
        return out;
    }

    /** A correctly framed frame (right length field, end marker and checksum) around any body. */
    private static byte[] frame(SplittableRandom r, byte[] body) {
        UartCommand c = UartCommand.values()[r.nextInt(UartCommand.values().length)];
        UartFrameType t = UartFrameType.values()[r.nextInt(UartFrameType.values().length)];
        return new UartFrame(0, c, UartSource.values()[r.nextInt(4)], t, body, 0).encode();
    }
}
