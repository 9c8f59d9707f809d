package io.jkbms.protocol.uart;

import io.jkbms.core.board.BoardModel;
import io.jkbms.core.board.Chemistry;
import io.jkbms.core.settings.Presets;
import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.Hex;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static io.jkbms.protocol.uart.TelemetryBuilder.telemetry;
import static org.assertj.core.api.Assertions.assertThat;

/** Cutting a 4E57 byte stream into frames: any split, noise, corruption, false starts, bounded memory. */
class UartReassemblerTest {
    private static final byte[] READ_ALL = hex("4E5700130000000006030000000000006800000129");
    private static final byte[] PASSWORD = hex("4E570014000000000502000000000000006800000128");
    private static final byte[] CHARGE_ON = hex("4E57001400000000020200AB010000000068000001D1");
    private static final byte[] REPLY = UartReplies.readAllFrame(
            telemetry().cells(3301, 3302, 3303, 3304, 3305, 3306, 3307, 3308, 3309, 3310, 3311, 3312, 3313, 3314,
                    3315, 3316).build(),
            Presets.forChemistry(Chemistry.LFP), UartDevice.forBoard(BoardModel.parse("JK-BD4A24S-12PHCR"), "pack", "2503"))
            .encode();

    private static byte[] hex(String s) {
        try {
            return Hex.parse(s);
        } catch (CodecException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    private static UartFrame decode(byte[] b) {
        try {
            return UartFrame.decode(b);
        } catch (CodecException e) {
            throw new AssertionError(e);
        }
    }

    private static List<UartFrame> frames(byte[]... fs) {
        return Arrays.stream(fs).map(UartReassemblerTest::decode).toList();
    }

    private static List<UartFrame> feedAll(UartReassembler r, byte[] stream) {
        return r.feed(stream, 0, stream.length);
    }

    /** Random bytes that never contain 0x4E, so they cannot start a frame. */
    private static byte[] noise(SplittableRandom rnd, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            int v;
            do {
                v = rnd.nextInt(256);
            } while (v == 0x4E);
            b[i] = (byte) v;
        }
        return b;
    }

    @Test
    void framesSplitAtEveryPossiblePoint() {
        byte[] stream = concat(READ_ALL, REPLY, PASSWORD);
        List<UartFrame> expected = frames(READ_ALL, REPLY, PASSWORD);
        assertThat(REPLY).hasSize(3 * 16 + 243);
        for (int k = 0; k <= stream.length; k++) {
            UartReassembler r = new UartReassembler();
            List<UartFrame> got = new ArrayList<>(r.feed(stream, 0, k));
            got.addAll(r.feed(stream, k, stream.length - k));
            assertThat(got).as("split at %d", k).containsExactlyElementsOf(expected);
            assertThat(r.stats()).isEqualTo(new UartReassembler.Stats(3, 0, 0));
            assertThat(r.buffered()).isZero();
        }
        // three pieces, every pair of cut points, over a shorter stream
        byte[] small = concat(READ_ALL, CHARGE_ON, PASSWORD);
        List<UartFrame> smallExpected = frames(READ_ALL, CHARGE_ON, PASSWORD);
        for (int a = 0; a <= small.length; a++) {
            for (int b = a; b <= small.length; b++) {
                UartReassembler r = new UartReassembler();
                List<UartFrame> got = new ArrayList<>(r.feed(small, 0, a));
                got.addAll(r.feed(small, a, b - a));
                got.addAll(r.feed(small, b, small.length - b));
                assertThat(got).containsExactlyElementsOf(smallExpected);
            }
        }
        // one byte at a time: each frame comes out with its last byte, not before
        UartReassembler r = new UartReassembler();
        List<Integer> completedAt = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            if (!r.feed(stream, i, 1).isEmpty()) {
                completedAt.add(i);
            }
        }
        assertThat(completedAt).containsExactly(READ_ALL.length - 1, READ_ALL.length + REPLY.length - 1, stream.length - 1);
    }

    @Test
    void noiseBetweenFramesIsSkippedAndCounted() {
        SplittableRandom rnd = new SplittableRandom(1);
        byte[] n1 = noise(rnd, 37);
        byte[] n2 = noise(rnd, 5);
        byte[] lone = {0x4E, 0x00, 0x57, 0x4E, 0x4E}; // 4E not followed by 57, then a 4E right before a real start
        byte[] stream = concat(n1, READ_ALL, n2, REPLY, lone, PASSWORD, n1);
        UartReassembler r = new UartReassembler();
        assertThat(feedAll(r, stream)).containsExactlyElementsOf(frames(READ_ALL, REPLY, PASSWORD));
        assertThat(r.stats()).isEqualTo(new UartReassembler.Stats(3, 0, 37 + 5 + lone.length + 37));
        assertThat(r.buffered()).isZero();

        // a trailing 4E is kept: it may be the start of the next frame
        UartReassembler t = new UartReassembler();
        assertThat(t.feed(new byte[]{1, 2, 0x4E}, 0, 3)).isEmpty();
        assertThat(t.buffered()).isEqualTo(1);
        assertThat(t.feed(READ_ALL, 1, READ_ALL.length - 1)).containsExactlyElementsOf(frames(READ_ALL));
        assertThat(t.stats()).isEqualTo(new UartReassembler.Stats(1, 0, 2));
    }

    @Test
    void aCorruptedFrameIsCountedAndTheNextOneStillDelivered() {
        byte[] badSum = CHARGE_ON.clone();
        badSum[badSum.length - 1] ^= 0x01;
        byte[] badBody = CHARGE_ON.clone();
        badBody[12] = 0x00; // value byte changed, checksum not
        byte[] badEnd = READ_ALL.clone();
        badEnd[badEnd.length - 5] = 0x69;
        for (byte[] bad : List.of(badSum, badBody, badEnd)) {
            UartReassembler r = new UartReassembler();
            assertThat(feedAll(r, concat(bad, READ_ALL))).containsExactlyElementsOf(frames(READ_ALL));
            assertThat(r.stats()).isEqualTo(new UartReassembler.Stats(1, 1, bad.length));
        }
        // also when the corrupted frame and the good one arrive in separate calls
        UartReassembler r = new UartReassembler();
        assertThat(feedAll(r, badSum)).isEmpty();
        assertThat(feedAll(r, PASSWORD)).containsExactlyElementsOf(frames(PASSWORD));
        assertThat(r.stats().errors()).isEqualTo(1);
    }

    @Test
    void aFalseStartWithAnAbsurdLengthResyncsAtOnce() {
        for (String falseStart : List.of("4E57FFFF", "4E570401", "4E570000", "4E570011")) {
            byte[] f = hex(falseStart);
            UartReassembler r = new UartReassembler();
            assertThat(feedAll(r, concat(f, READ_ALL))).as(falseStart).containsExactlyElementsOf(frames(READ_ALL));
            assertThat(r.stats()).as(falseStart).isEqualTo(new UartReassembler.Stats(1, 1, 4));
            assertThat(r.buffered()).isZero();
        }
    }

    @Test
    void theLargestFrameIsAcceptedAndOneByteMoreIsNot() {
        byte[] body = new byte[UartReassembler.MAX_FRAME - UartFrame.MIN_LENGTH];
        Arrays.fill(body, (byte) 0x11);
        byte[] largest = UartFrame.reply(UartCommand.READ_ALL, body).encode();
        assertThat(largest).hasSize(UartReassembler.MAX_FRAME);
        UartReassembler r = new UartReassembler();
        assertThat(feedAll(r, largest)).containsExactlyElementsOf(frames(largest));

        byte[] tooLarge = UartFrame.reply(UartCommand.READ_ALL, Arrays.copyOf(body, body.length + 1)).encode();
        UartReassembler t = new UartReassembler();
        assertThat(feedAll(t, concat(tooLarge, PASSWORD))).containsExactlyElementsOf(frames(PASSWORD));
        assertThat(t.stats().errors()).isEqualTo(1);
    }

    @Test
    void fuzzNeverThrowsAndStaysBounded() {
        SplittableRandom rnd = new SplittableRandom(0xC0FFEE);
        List<byte[]> pool = new ArrayList<>(List.of(READ_ALL, PASSWORD, CHARGE_ON, REPLY));
        for (int i = 0; i < 40; i++) {
            byte[] body = new byte[rnd.nextInt(80)];
            rnd.nextBytes(body);
            UartCommand c = UartCommand.values()[rnd.nextInt(UartCommand.values().length)];
            pool.add(new UartFrame(rnd.nextInt(3) == 0 ? rnd.nextLong(1L << 32) : 0, c,
                    UartSource.values()[rnd.nextInt(4)], UartFrameType.values()[rnd.nextInt(3)], body, 0).encode());
        }

        UartReassembler r = new UartReassembler();
        long in = 0;
        long frameBytes = 0;
        long delivered = 0;
        byte[] scratch = new byte[4 * UartReassembler.MAX_FRAME];
        for (int iter = 0; iter < 200_000; iter++) {
            byte[] input;
            switch (rnd.nextInt(6)) {
                case 0 -> {
                    input = new byte[rnd.nextInt(48)];
                    rnd.nextBytes(input);
                }
                case 1 -> input = pool.get(rnd.nextInt(pool.size())).clone();
                case 2 -> {
                    input = pool.get(rnd.nextInt(pool.size())).clone();
                    for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                        input[rnd.nextInt(input.length)] = (byte) rnd.nextInt(256);
                    }
                }
                case 3 -> {
                    byte[] f = pool.get(rnd.nextInt(pool.size()));
                    input = Arrays.copyOf(f, rnd.nextInt(f.length)); // truncated
                }
                case 4 -> { // a start with a random length and a random tail
                    input = new byte[4 + rnd.nextInt(40)];
                    rnd.nextBytes(input);
                    input[0] = 0x4E;
                    input[1] = 0x57;
                }
                default -> { // runs of start bytes
                    input = new byte[1 + rnd.nextInt(30)];
                    for (int k = 0; k < input.length; k++) {
                        input[k] = (byte) (rnd.nextBoolean() ? 0x4E : 0x57);
                    }
                }
            }
            // fed in up to three pieces, through an offset into a larger buffer
            int pos = 0;
            while (pos < input.length || (input.length == 0 && pos == 0)) {
                int n = Math.min(input.length - pos, rnd.nextInt(3) == 0 ? input.length : 1 + rnd.nextInt(64));
                int off = rnd.nextInt(16);
                System.arraycopy(input, pos, scratch, off, n);
                List<UartFrame> got = r.feed(scratch, off, n);
                for (UartFrame f : got) {
                    frameBytes += f.length();
                    delivered++;
                    if (!decode(f.encode()).equals(f)) {
                        throw new AssertionError("delivered frame does not re-encode: " + f);
                    }
                }
                pos += n;
                in += n;
                if (r.buffered() < 0 || r.buffered() > 2 * UartReassembler.MAX_FRAME) {
                    throw new AssertionError("buffered " + r.buffered() + " at " + iter);
                }
                if (input.length == 0) {
                    break;
                }
            }
            UartReassembler.Stats st = r.stats();
            if (in != frameBytes + st.bytesSkipped() + r.buffered()) {
                throw new AssertionError("every byte is a frame's, skipped or buffered: in " + in + ", frames "
                        + frameBytes + ", skipped " + st.bytesSkipped() + ", buffered " + r.buffered() + " at " + iter);
            }
            if (st.frames() != delivered) {
                throw new AssertionError("frames counted " + st.frames() + ", delivered " + delivered);
            }
        }
        assertThat(delivered).isGreaterThan(10_000);
        assertThat(r.stats().errors()).isPositive();

        // whatever state the fuzz left, a quiet line and a good frame bring it back
        byte[] quiet = new byte[UartReassembler.MAX_FRAME + 1];
        feedAll(r, quiet);
        assertThat(feedAll(r, READ_ALL)).containsExactlyElementsOf(frames(READ_ALL));
        assertThat(r.buffered()).isZero();
    }
}
