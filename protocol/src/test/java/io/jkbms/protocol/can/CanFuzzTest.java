package io.jkbms.protocol.can;

import io.jkbms.protocol.CodecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * 1,500,000 frames with random identifiers (half of them the known ones, 0xF5 variants included), random lengths
 * 0..8 and random data, plus untrusted ids and lengths through {@link CanFrame#decode}: only CodecException comes out,
 * and whatever decodes re-encodes to a frame that decodes to the same payload.
 */
class CanFuzzTest {
    private static final int INPUTS = 1_500_000;

    @Test
    @Timeout(60)
    void onlyCodecExceptions() throws InterruptedException {
        long[] counts = new long[3];
        Throwable[] failure = new Throwable[1];
        // Its own thread: a shallow stack keeps the CodecExceptions cheap.
        Thread t = new Thread(() -> {
            try {
                run(counts);
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "can-fuzz");
        t.start();
        t.join();
        if (failure[0] != null) {
            fail(failure[0].getMessage(), failure[0]);
        }
        System.out.printf("CAN fuzz: %d frames, %d decoded, %d rejected, %d bad raw frames%n",
                INPUTS, counts[0], counts[1], counts[2]);
        assertThat(counts[0]).isGreaterThan(INPUTS / 10);
        assertThat(counts[1]).isGreaterThan(INPUTS / 5);
        assertThat(counts[2]).isGreaterThan(INPUTS / 20);
    }

    private static void run(long[] counts) {
        SplittableRandom r = new SplittableRandom(0x02F4_0351L);
        CanMessage[] known = CanMessage.values();
        for (int i = 0; i < INPUTS; i++) {
            int id;
            if (r.nextBoolean()) {
                CanMessage m = known[r.nextInt(known.length)];
                id = m.protocol() == io.jkbms.core.settings.CanProtocol.JK_NATIVE && r.nextInt(4) == 0 ? m.id() | 1 : m.id();
            } else {
                id = r.nextInt(CanFrame.MAX_ID + 1);
            }
            byte[] data = new byte[r.nextInt(CanFrame.MAX_DATA + 1)];
            r.nextBytes(data);
            try {
                CanFrame f = i % 10 == 0 ? CanFrame.decode(r.nextInt(-2, 0x1000), new byte[r.nextInt(0, 12)])
                        : new CanFrame(id, data);
                CanPayload p = CanCodec.decode(f);
                counts[0]++;
                CanFrame again = p.toFrame();
                if (!CanCodec.decode(again).equals(p) || again.length() != p.message().length()) {
                    throw new AssertionError("re-encoding changed " + f + " → " + p + " → " + again);
                }
            } catch (CodecException e) {
                if (e.getMessage().contains("is not an 11-bit identifier") || e.getMessage().contains("data bytes exceed")) {
                    counts[2]++;
                } else {
                    counts[1]++;
                }
            } catch (RuntimeException e) {
                throw new AssertionError("frame #" + i + " id " + Integer.toHexString(id) + " threw " + e, e);
            }
        }
    }
}
