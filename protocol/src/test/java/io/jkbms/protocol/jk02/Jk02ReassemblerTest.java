package io.jkbms.protocol.jk02;

import io.jkbms.protocol.Hex;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static io.jkbms.protocol.jk02.Jk02Layout.JK02_24S;
import static io.jkbms.protocol.jk02.Jk02Layout.JK02_32S;
import static io.jkbms.protocol.jk02.Jk02Samples.vector;
import static org.assertj.core.api.Assertions.assertThat;

/** Cutting a stream into frames: any fragmentation, noise, glued ACKs, corruption, bounded memory. */
class Jk02ReassemblerTest {

    private static final byte[] ACK = Jk02Command.ACK.encode();
    private static final byte[] AT = "AT\r\n".getBytes(StandardCharsets.US_ASCII);

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Feeds the stream in pieces of the given sizes (cycled) and collects what comes out. */
    private static List<Jk02Reassembler.Received> feed(Jk02Reassembler r, byte[] stream, List<Integer> sizes) {
        List<Jk02Reassembler.Received> out = new ArrayList<>();
        int pos = 0;
        int k = 0;
        while (pos < stream.length) {
            int n = Math.min(sizes.get(k++ % sizes.size()), stream.length - pos);
            out.addAll(r.feed(Arrays.copyOfRange(stream, pos, pos + n)));
            assertThat(r.buffered()).isLessThan(Jk02Codec.FRAME_LENGTH);
            pos += n;
        }
        return out;
    }

    private static List<byte[]> bytesOf(List<Jk02Reassembler.Received> rs) {
        List<byte[]> l = new ArrayList<>();
        rs.forEach(x -> l.add(x.bytes()));
        return l;
    }

    private static Jk02Reassembler.Received frame(byte[] b) {
        return new Jk02Reassembler.Received(Jk02Reassembler.Received.Kind.FRAME, b);
    }

    private static Jk02Reassembler.Received command(byte[] b) {
        return new Jk02Reassembler.Received(Jk02Reassembler.Received.Kind.COMMAND, b);
    }

    // ---- the notification patterns seen in captures ----

    @Test
    void splitsSeenInCapturesGiveTheFrames() throws Exception {
        byte[] a = vector("DEVICE_INFO_JK02_24S_V10.hex");
        byte[] b = vector("SETTINGS_JK02_24S_V10.hex");
        byte[] c = vector("CELL_INFO_JK02_24S_V10.hex");
        byte[] stream = concat(a, b, c);
        for (List<Integer> sizes : List.of(List.of(128, 128, 44), List.of(150), List.of(128, 22), List.of(300), List.of(1),
                List.of(stream.length))) {
            Jk02Reassembler r = Jk02Reassembler.frames();
            assertThat(feed(r, stream, sizes)).as("notifications of %s", sizes)
                    .containsExactly(frame(a), frame(b), frame(c));
            assertThat(r.stats()).isEqualTo(new Jk02LinkStats(3, 0, 0, 0, 0, 0));
        }
        assertThat(Jk02Codec.decode(frame(c).bytes(), JK02_24S)).isInstanceOf(Jk02CellInfo.class);
    }

    @Test
    void a320ByteNotificationIsAFrameAndItsAck() {
        byte[] f = vector("SETTINGS_JK02_32S_V15.hex");
        Jk02Reassembler both = Jk02Reassembler.framesAndCommands();
        assertThat(both.feed(concat(f, ACK))).containsExactly(frame(f), command(ACK));
        assertThat(both.stats()).isEqualTo(new Jk02LinkStats(1, 1, 0, 0, 0, 0));
        // A client that does not follow ACKs gets the frame; the ACK is counted as ignored, not as noise.
        Jk02Reassembler frames = Jk02Reassembler.frames();
        assertThat(frames.feed(concat(f, ACK))).containsExactly(frame(f));
        assertThat(frames.stats()).isEqualTo(new Jk02LinkStats(1, 0, 1, 0, 0, 0));
    }

    @Test
    void atNoiseAndAHeaderInsideANotificationAreHandled() {
        byte[] a = vector("CELL_INFO_JK02_32S_V15.hex");
        byte[] b = vector("DEVICE_INFO_JK02_32S_V15.hex");
        // "AT\r\n", then a's head; then a's tail + ACK + AT + b's head in one notification; then b's tail.
        Jk02Reassembler r = Jk02Reassembler.framesAndCommands();
        List<Jk02Reassembler.Received> out = new ArrayList<>();
        out.addAll(r.feed(concat(AT, Arrays.copyOf(a, 100))));
        out.addAll(r.feed(concat(Arrays.copyOfRange(a, 100, 300), ACK, AT, Arrays.copyOf(b, 37))));
        out.addAll(r.feed(Arrays.copyOfRange(b, 37, 300)));
        assertThat(out).containsExactly(frame(a), command(ACK), frame(b));
        assertThat(r.stats().bytesSkipped()).isEqualTo(2 * AT.length);
        assertThat(r.stats().rejected()).isZero();
    }

    @Test
    void aCorruptedFrameIsCountedAndTheNextOneStillDecodes() throws Exception {
        byte[] a = vector("CELL_INFO_JK02_24S_V10.hex");
        byte[] bad = a.clone();
        bad[150] ^= 0x10;
        byte[] b = vector("SETTINGS_JK02_24S_V10.hex");
        Jk02Reassembler r = Jk02Reassembler.frames();
        List<Jk02Reassembler.Received> out = feed(r, concat(bad, b, a), List.of(150));
        assertThat(out).containsExactly(frame(b), frame(a));
        assertThat(r.stats().checksumErrors()).isEqualTo(1);
        assertThat(r.stats().frames()).isEqualTo(2);
        assertThat(r.stats().bytesSkipped()).isEqualTo(300);
        assertThat(Jk02Codec.decode(out.get(0).bytes(), JK02_24S)).isInstanceOf(Jk02Settings.class);
    }

    @Test
    void aTruncatedFrameDoesNotHideTheNextOne() {
        // A lost notification: only 200 bytes of the first frame arrive, then a whole frame.
        byte[] a = vector("CELL_INFO_JK02_32S_V15.hex");
        byte[] b = vector("SETTINGS_JK02_32S_V15.hex");
        Jk02Reassembler r = Jk02Reassembler.frames();
        assertThat(feed(r, concat(Arrays.copyOf(a, 200), b), List.of(128))).containsExactly(frame(b));
        assertThat(r.stats().checksumErrors()).isEqualTo(1);
    }

    @Test
    void aGoodChecksumWithAnImpossibleTypeIsDroppedAndTheSearchResumes() {
        byte[] weird = vector("CELL_INFO_JK02_24S_V10.hex");
        weird[4] = 0x09;
        Jk02Samples.fixFrameChecksum(weird);
        byte[] b = vector("DEVICE_INFO_JK02_24S_V10.hex");
        Jk02Reassembler r = Jk02Reassembler.frames();
        assertThat(r.feed(concat(weird, b))).containsExactly(frame(b));
        assertThat(r.stats().invalid()).isEqualTo(1);
        assertThat(r.stats().bytesSkipped()).isEqualTo(300);
    }

    @Test
    void theLogbookFrameIsSkippedWhole() {
        byte[] log = vector("CELL_INFO_JK02_32S_V15.hex");
        log[4] = 0x05;
        Jk02Samples.fixFrameChecksum(log);
        byte[] b = vector("CELL_INFO_JK02_32S_V15.hex");
        Jk02Reassembler r = Jk02Reassembler.frames();
        assertThat(r.feed(concat(log, b))).containsExactly(frame(b));
        assertThat(r.stats()).isEqualTo(new Jk02LinkStats(1, 0, 1, 0, 0, 0));
    }

    @Test
    void aFalseHeaderInNoiseBeforeARealFrameCostsNothingButTheNoise() {
        // 55 AA EB 90 in noise, then the real frame starts 6 bytes later, inside the false candidate.
        byte[] noise = {0x55, (byte) 0xAA, (byte) 0xEB, (byte) 0x90, 0x02, 0x11};
        byte[] f = vector("CELL_INFO_JK02_24S_V10.hex");
        byte[] stream = concat(noise, f);
        // The false candidate (bytes 0..299) must fail its checksum for this test to mean anything.
        assertThat(Jk02Codec.checksum(Arrays.copyOf(stream, 300))).isNotEqualTo(stream[299] & 0xFF);
        Jk02Reassembler r = Jk02Reassembler.frames();
        assertThat(feed(r, stream, List.of(20))).containsExactly(frame(f));
        assertThat(r.stats().checksumErrors()).isEqualTo(1);
        assertThat(r.stats().bytesSkipped()).isEqualTo(noise.length);
    }

    @Test
    void aHeaderSplitAcrossNotificationsIsKept() {
        byte[] f = vector("SETTINGS_JK02_24S_V10.hex");
        Jk02Reassembler r = Jk02Reassembler.frames();
        assertThat(r.feed(concat(AT, Arrays.copyOf(f, 2)))).isEmpty();
        assertThat(r.buffered()).isEqualTo(2);
        assertThat(r.feed(Arrays.copyOfRange(f, 2, 300))).containsExactly(frame(f));
        assertThat(r.stats().bytesSkipped()).isEqualTo(4);
    }

    @Test
    void memoryStaysBoundedWhateverArrives() {
        Jk02Reassembler r = Jk02Reassembler.framesAndCommands();
        SplittableRandom rnd = new SplittableRandom(7);
        byte[] noise = new byte[100_000];
        rnd.nextBytes(noise);
        r.feed(noise);
        assertThat(r.buffered()).isLessThan(300);
        // A header, then a flood of bytes that never complete a valid frame.
        byte[] headers = new byte[4 * 10_000];
        for (int i = 0; i < headers.length; i += 4) {
            System.arraycopy(Jk02Codec.HEADER, 0, headers, i, 4);
        }
        assertThat(r.feed(headers)).isEmpty();
        assertThat(r.buffered()).isLessThan(300);
        byte[] f = vector("DEVICE_INFO_JK02_32S_V15.hex");
        assertThat(r.feed(f)).containsExactly(frame(f));
        assertThat(r.buffered()).isZero();
        r.reset();
        assertThat(r.stats()).isEqualTo(Jk02LinkStats.ZERO);
    }

    @Test
    void theDeviceSideCutsCommandsWithRandomPadding() throws Exception {
        byte[] app = Hex.parse("AA5590EB9700F42AF61E98D0E99B64A86AAFD62A");
        byte[] write = Jk02Command.write(Jk02Register.CHARGE_SWITCH, JK02_32S, 0).encode();
        Jk02Reassembler r = Jk02Reassembler.commands();
        List<Jk02Reassembler.Received> out = feed(r, concat(app, AT, write, app), List.of(7));
        assertThat(out).containsExactly(command(app), command(write), command(app));
        assertThat(Jk02Command.parse(out.get(1).bytes())).isEqualTo(Jk02Command.write(Jk02Register.CHARGE_SWITCH, JK02_32S, 0));
        // A frame arriving at the device side is not a command.
        assertThat(r.feed(vector("CELL_INFO_JK02_24S_V10.hex"))).isEmpty();
        assertThat(r.stats().ignored()).isEqualTo(1);
    }

    // ---- property: any fragmentation of any stream gives exactly its units ----

    @Property(tries = 400, edgeCases = EdgeCasesMode.MIXIN)
    void anyFragmentationGivesExactlyTheUnits(@ForAll long seed,
                                              @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 1, max = 400) Integer> sizes) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Jk02Reassembler.Received> expected = new ArrayList<>();
        List<Jk02Reassembler.Received> expectedFrames = new ArrayList<>();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        int units = 1 + rnd.nextInt(8);
        for (int i = 0; i < units; i++) {
            Jk02Reassembler.Received u;
            switch (rnd.nextInt(4)) {
                case 0: u = command(ACK); break;
                case 1: u = command(Jk02Samples.commandWithRandomPadding(rnd)); break;
                default:
                    u = frame(Jk02Codec.encode(Jk02Samples.frame(rnd, rnd.nextBoolean() ? JK02_24S : JK02_32S)));
                    expectedFrames.add(u);
            }
            expected.add(u);
            stream.writeBytes(u.bytes());
            if (rnd.nextInt(4) == 0) {
                stream.writeBytes(AT);
            }
        }
        byte[] s = stream.toByteArray();
        Jk02Reassembler both = Jk02Reassembler.framesAndCommands();
        assertThat(feed(both, s, sizes)).isEqualTo(expected);
        assertThat(both.stats().rejected()).isZero();
        Jk02Reassembler frames = Jk02Reassembler.frames();
        assertThat(bytesOf(feed(frames, s, sizes))).containsExactlyElementsOf(bytesOf(expectedFrames));
        assertThat(frames.stats().ignored()).isEqualTo(expected.size() - expectedFrames.size());
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void aCorruptedByteLosesOnlyItsOwnFrame(@ForAll long seed, @ForAll @IntRange(min = 4, max = 298) int where,
                                            @ForAll @IntRange(min = 1, max = 255) int xor,
                                            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 330) Integer> sizes) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Jk02Layout l = rnd.nextBoolean() ? JK02_24S : JK02_32S;
        byte[] a = Jk02Codec.encode(Jk02Samples.frame(rnd, l));
        byte[] b = Jk02Codec.encode(Jk02Samples.frame(rnd, l));
        byte[] c = Jk02Codec.encode(Jk02Samples.frame(rnd, l));
        byte[] bad = b.clone();
        bad[where] ^= (byte) xor;
        Jk02Reassembler r = Jk02Reassembler.frames();
        // Any change to bytes 4..298 changes the 8-bit sum, so the damaged frame is always refused, and only it.
        assertThat(feed(r, concat(a, bad, c), sizes)).containsExactly(frame(a), frame(c));
        assertThat(r.stats().checksumErrors()).isEqualTo(1);
        assertThat(r.stats().bytesSkipped()).isEqualTo(300);
    }
}
