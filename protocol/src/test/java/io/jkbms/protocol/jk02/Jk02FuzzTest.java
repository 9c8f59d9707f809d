package io.jkbms.protocol.jk02;

import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.Hex;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A million random and mutated inputs (the real vectors with bit flips, overwrites, truncation, extension, splicing;
 * random bytes of 0..700; commands) through {@link Jk02Codec#decode}, {@link Jk02Command#parse}, the mapping and the
 * three kinds of reassembler. Nothing may throw anything but {@link CodecException}; whatever decodes must re-encode to
 * itself; whatever a reassembler delivers must decode; its buffer must stay bounded. Half the mutated frames get their
 * checksum fixed, so the field decoders see garbage too, not just the checksum test. Seeded: a failure reproduces.
 */
class Jk02FuzzTest {

    private static final int INPUTS = 1_000_000;
    private static final long SEED = 0x4A4B_0232_5321L;

    @Test
    void aMillionInputsThrowNothingButCodecException() throws Exception {
        // Run on a fresh thread: its shallow stack makes each CodecException cheap to build (under a test runner's
        // deep stack, filling in stack traces took more than half of the run).
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                fuzz();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "jk02-fuzz");
        t.start();
        t.join();
        if (failure[0] instanceof Error e) {
            throw e;
        }
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
    }

    private static void fuzz() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        List<byte[]> seeds = new ArrayList<>(Jk02Samples.allVectors());
        for (Jk02Layout l : Jk02Layout.values()) {
            for (int i = 0; i < 6; i++) {
                seeds.add(Jk02Codec.encode(Jk02Samples.frame(rnd, l)));
            }
        }
        List<byte[]> commands = new ArrayList<>(List.of(Jk02Command.ACK.encode(), Jk02Command.readSettings().encode(),
                Jk02Command.readDeviceInfo().encode(), Jk02Command.userData("0123456789012").encode(),
                Jk02Command.write(Jk02Register.CHARGE_UTP, Jk02Layout.JK02_24S, -100).encode()));
        for (int i = 0; i < 8; i++) {
            commands.add(Jk02Samples.commandWithRandomPadding(rnd));
        }
        Jk02Reassembler[] reassemblers = {Jk02Reassembler.frames(), Jk02Reassembler.commands(),
                Jk02Reassembler.framesAndCommands()};

        long decoded = 0, rejected = 0, parsed = 0, delivered = 0;
        for (int i = 0; i < INPUTS; i++) {
            byte[] in = next(rnd, seeds, commands);
            try {
                for (Jk02Layout l : Jk02Layout.values()) {
                    try {
                        Jk02Frame f = Jk02Codec.decode(in, l);
                        decoded++;
                        exercise(f, in);
                    } catch (CodecException e) {
                        rejected++;
                        if (e.getMessage() == null || e.getMessage().isBlank()) {
                            throw new AssertionError("a CodecException without a message");
                        }
                    }
                }
                try {
                    Jk02Codec.layoutOf(in);
                } catch (CodecException e) {
                    rejected++;
                }
                try {
                    Jk02Command c = Jk02Command.parse(in);
                    parsed++;
                    if (!Jk02Command.parse(c.encode()).equals(c)) {
                        throw new AssertionError("command does not round-trip: " + c);
                    }
                    for (Jk02Layout l : Jk02Layout.values()) {
                        Jk02Mapping.interpret(c, l);
                    }
                } catch (CodecException e) {
                    rejected++;
                }
                Jk02Reassembler r = reassemblers[i % reassemblers.length];
                for (Jk02Reassembler.Received u : r.feed(in)) {
                    delivered++;
                    byte[] b = u.bytes();
                    if (u.isFrame()) {
                        // A delivered frame has a good checksum and type: it must decode in both layouts.
                        Jk02Codec.decode(b, Jk02Layout.JK02_24S);
                        Jk02Codec.decode(b, Jk02Layout.JK02_32S);
                    } else {
                        Jk02Command.parse(b);
                    }
                }
                if (r.buffered() >= Jk02Codec.FRAME_LENGTH) {
                    throw new AssertionError("reassembler holds " + r.buffered() + " bytes between calls");
                }
            } catch (CodecException e) {
                throw new AssertionError("a reassembled unit did not decode: " + e.getMessage() + "\ninput " + Hex.of(in), e);
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("input #" + i + " (" + in.length + " bytes) " + Hex.of(in), e);
            }
        }
        // The run reached the decoders, not only the checksum test, and the reassemblers found units.
        assertThat(decoded).isGreaterThan(INPUTS / 10);
        assertThat(parsed).isGreaterThan(INPUTS / 50);
        assertThat(delivered).isGreaterThan(INPUTS / 10);
        assertThat(rejected).isGreaterThan(INPUTS);
        for (Jk02Reassembler r : reassemblers) {
            assertThat(r.stats().checksumErrors()).isPositive();
            assertThat(r.stats().bytesSkipped()).isPositive();
        }
    }

    /** Everything a client or the twin does with a decoded frame: none of it may throw. */
    private static void exercise(Jk02Frame f, byte[] in) throws CodecException {
        byte[] again = Jk02Codec.encode(f);
        Jk02Frame back = Jk02Codec.decode(again, f.layout());
        if (!back.equals(f)) {
            throw new AssertionError("decode(encode(x)) != x for " + f);
        }
        if (f instanceof Jk02Settings s) {
            Jk02Mapping.patch(s);
        } else if (f instanceof Jk02CellInfo c) {
            Jk02ErrorBit.alarms(c.errors(), c.layout());
            for (int sensor = 0; sensor <= 5; sensor++) {
                c.temperature_dC(sensor);
            }
            c.signedPower_mW();
        } else if (f instanceof Jk02DeviceInfo d) {
            Jk02DeviceIdentity.of(d).layout();
        }
    }

    private static byte[] next(SplittableRandom r, List<byte[]> seeds, List<byte[]> commands) {
        byte[] s = seeds.get(r.nextInt(seeds.size())).clone();
        switch (r.nextInt(8)) {
            case 0: { // random bytes, any length
                byte[] b = new byte[r.nextInt(701)];
                r.nextBytes(b);
                return b;
            }
            case 1: { // bit flips
                for (int k = 1 + r.nextInt(8); k > 0; k--) {
                    s[r.nextInt(s.length)] ^= (byte) (1 << r.nextInt(8));
                }
                return maybeFix(r, s);
            }
            case 2: { // overwrite a run with random bytes, checksum fixed: the field decoders see garbage
                int from = 4 + r.nextInt(295);
                int to = Math.min(299, from + 1 + r.nextInt(120));
                for (int i = from; i < to; i++) {
                    s[i] = (byte) r.nextInt(256);
                }
                if (r.nextInt(8) == 0) {
                    s[4] = (byte) (1 + r.nextInt(5));
                }
                Jk02Samples.fixFrameChecksum(s);
                return s;
            }
            case 3: { // truncation or extension
                byte[] b = Arrays.copyOf(s, r.nextInt(701));
                for (int i = s.length; i < b.length; i++) {
                    b[i] = (byte) r.nextInt(256);
                }
                return b;
            }
            case 4: { // splice two inputs
                byte[] t = seeds.get(r.nextInt(seeds.size()));
                int a = r.nextInt(s.length + 1);
                int b = r.nextInt(t.length + 1);
                byte[] out = Arrays.copyOf(s, a + t.length - b);
                System.arraycopy(t, b, out, a, t.length - b);
                return out;
            }
            case 5: { // a command, mutated or not
                byte[] c = commands.get(r.nextInt(commands.size())).clone();
                if (r.nextBoolean()) {
                    c[4 + r.nextInt(16)] = (byte) r.nextInt(256);
                    if (r.nextBoolean()) {
                        Jk02Samples.fixCommandCrc(c);
                    }
                }
                return c;
            }
            case 6: { // several units with noise between them, cut at a random place: reassembler food
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                for (int k = r.nextInt(3); k >= 0; k--) {
                    out.writeBytes(r.nextBoolean() ? seeds.get(r.nextInt(seeds.size()))
                            : commands.get(r.nextInt(commands.size())));
                    if (r.nextBoolean()) {
                        out.writeBytes(new byte[]{'A', 'T', '\r', '\n'});
                    }
                }
                byte[] b = out.toByteArray();
                return Arrays.copyOfRange(b, r.nextInt(Math.min(40, b.length)), b.length);
            }
            default: { // a valid frame with a wrong-but-plausible type
                s[4] = (byte) r.nextInt(256);
                return maybeFix(r, s);
            }
        }
    }

    private static byte[] maybeFix(SplittableRandom r, byte[] s) {
        if (s.length == 300 && r.nextBoolean()) {
            Jk02Samples.fixFrameChecksum(s);
        }
        return s;
    }
}
