package io.jkbms.bench;

import io.jkbms.core.settings.CanProtocol;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.telemetry.Telemetry;
import io.jkbms.protocol.jk02.Jk02Codec;
import io.jkbms.protocol.jk02.Jk02Command;
import io.jkbms.protocol.jk02.Jk02Frame;
import io.jkbms.protocol.jk02.Jk02Layout;
import io.jkbms.protocol.jk02.Jk02Mapping;
import io.jkbms.protocol.jk02.Jk02Reassembler;
import io.jkbms.protocol.uart.UartData;
import io.jkbms.protocol.uart.UartDevice;
import io.jkbms.protocol.uart.UartFrame;
import io.jkbms.protocol.uart.UartReplies;
import io.jkbms.protocol.can.CanCodec;
import io.jkbms.protocol.can.CanFrame;
import io.jkbms.protocol.can.CanFrames;
import io.jkbms.protocol.can.CanMessage;
import io.jkbms.protocol.can.CanOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Time per frame of the protocol codecs, one benchmark per frame type and direction (ns/op, one op = one frame):
 * <ul>
 *   <li>JK02 300-byte frames (device info, settings, cell info) in both layouts: {@code jk02Decode} (bytes → frame
 *       record, checksum included), {@code jk02Encode} (frame record → bytes) and {@code jk02Build} (what the twin does
 *       per frame it sends: core Telemetry/Settings → frame record via Jk02Mapping → bytes);</li>
 *   <li>the 20-byte JK02 command: {@code commandParse}, {@code commandEncode};</li>
 *   <li>{@code reassemble150x2}: a 300-byte frame fed to the reassembler as 150 + 150 bytes (a BLE MTU split);</li>
 *   <li>4E57: {@code uartReadAllDecode} (frame decode + body parse of the captured 13S read-all reply) and
 *       {@code uartReadAllEncode} (UartReplies.readAllFrame from Telemetry/Settings, then encode);</li>
 *   <li>CAN: every frame of the JK native (4) and Pylontech (6) sets built from Telemetry/Settings and decoded back;
 *       the score is per frame.</li>
 * </ul>
 * Decode inputs are the captured frames of shared/reference/vectors (see {@link ProtocolFixtures}); encode/build inputs
 * are a fixed 16S state built from core classes (no firmware, no simulation).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CodecBenchmark {

    /** The fixed board state and where the captured frames come from (printed once per fork). */
    @State(Scope.Benchmark)
    public static class Inputs {
        ProtocolFixtures.Vectors vectors;
        Telemetry telemetry;
        Settings settings;

        @Setup(Level.Trial)
        public void setup() {
            vectors = ProtocolFixtures.Vectors.locate();
            System.out.println(vectors.describe());
            telemetry = ProtocolFixtures.telemetry();
            settings = ProtocolFixtures.settings();
        }
    }

    /** One JK02 frame type in one layout. */
    @State(Scope.Thread)
    public static class Jk02Input {
        @Param({"DEVICE_INFO", "SETTINGS", "CELL_INFO"})
        public String frame;
        @Param({"JK02_24S", "JK02_32S"})
        public String layout;

        Jk02Layout l;
        byte[] bytes;
        Jk02Frame decoded;
        Telemetry telemetry;
        Settings settings;
        int counter;

        @Setup(Level.Trial)
        public void setup(Inputs in) throws Exception {
            l = Jk02Layout.valueOf(layout);
            bytes = in.vectors.jk02(frame, l);
            decoded = Jk02Codec.decode(bytes, l);
            telemetry = in.telemetry;
            settings = in.settings;
            if (!Arrays.equals(Jk02Codec.encode(decoded), bytes)) {
                System.out.println("note: " + frame + " " + layout + " re-encodes with the bytes of unknown meaning"
                        + " zeroed (as Jk02VectorTest expects); encode time is still per 300-byte frame");
            }
        }

        /** The twin's path for this frame type: core state → frame record → bytes. */
        byte[] build() {
            int c = counter = (counter + 1) & 0xFF;
            switch (frame) {
                case "DEVICE_INFO":
                    return Jk02Codec.encode(Jk02Mapping.deviceInfo(ProtocolFixtures.identity(l), telemetry, settings, l, c));
                case "SETTINGS":
                    return Jk02Codec.encode(Jk02Mapping.settingsFrame(settings, l, c));
                default:
                    return Jk02Codec.encode(Jk02Mapping.cellInfo(telemetry, settings, l, c));
            }
        }
    }

    /** A 20-byte command: 0x96 (read settings, no value) or a 4-byte write (cell OVP 3 650 mV). */
    @State(Scope.Thread)
    public static class CommandInput {
        @Param({"READ_SETTINGS", "WRITE_CELL_OVP"})
        public String command;

        Jk02Command cmd;
        byte[] bytes;

        @Setup(Level.Trial)
        public void setup() {
            cmd = command.equals("READ_SETTINGS") ? Jk02Command.readSettings()
                    : Jk02Mapping.writeCommand(SettingKey.CELL_OVP_mV, 3_650, Jk02Layout.JK02_32S).orElseThrow();
            bytes = cmd.encode();
        }
    }

    /** A reassembler and a captured 32S cell-info frame cut in two 150-byte halves. */
    @State(Scope.Thread)
    public static class ReassemblerInput {
        Jk02Reassembler reassembler;
        byte[] first;
        byte[] second;

        @Setup(Level.Trial)
        public void setup(Inputs in) {
            byte[] frame = in.vectors.jk02("CELL_INFO", Jk02Layout.JK02_32S);
            first = Arrays.copyOfRange(frame, 0, 150);
            second = Arrays.copyOfRange(frame, 150, 300);
            reassembler = Jk02Reassembler.frames();
            List<Jk02Reassembler.Received> got = new ArrayList<>(reassembler.feed(first));
            got.addAll(reassembler.feed(second));
            if (got.size() != 1 || reassembler.buffered() != 0) {
                throw new IllegalStateException("the reassembler should give exactly one frame, gave " + got.size());
            }
        }
    }

    /** The 4E57 read-all reply: captured bytes to decode, core state to encode from. */
    @State(Scope.Thread)
    public static class UartInput {
        byte[] readAll;
        Telemetry telemetry;
        Settings settings;
        UartDevice device;

        @Setup(Level.Trial)
        public void setup(Inputs in) throws Exception {
            readAll = in.vectors.uartReadAll();
            telemetry = in.telemetry;
            settings = in.settings;
            device = ProtocolFixtures.uartDevice(settings);
            UartData.parse(UartFrame.decode(readAll).body()); // fails the trial if the input is not a valid reply
        }
    }

    /** Both CAN sets: the messages, and the frames they make from the fixed state (to decode). */
    @State(Scope.Thread)
    public static class CanInput {
        Telemetry telemetry;
        Settings settings;
        CanOptions options;
        CanMessage[] jk;
        CanMessage[] pylon;
        CanFrame[] jkFrames;
        CanFrame[] pylonFrames;

        @Setup(Level.Trial)
        public void setup(Inputs in) {
            telemetry = in.telemetry;
            settings = in.settings;
            options = CanOptions.defaults(settings);
            jk = CanMessage.of(CanProtocol.JK_NATIVE).toArray(new CanMessage[0]);
            pylon = CanMessage.of(CanProtocol.PYLONTECH).toArray(new CanMessage[0]);
            jkFrames = frames(jk, JK_FRAMES);
            pylonFrames = frames(pylon, PYLON_FRAMES);
        }

        private CanFrame[] frames(CanMessage[] messages, int expected) {
            List<CanFrame> out = new ArrayList<>();
            for (CanMessage m : messages) {
                CanFrames.build(m, telemetry, settings, options).ifPresent(out::add);
            }
            if (out.size() != expected) {
                throw new IllegalStateException("expected " + expected + " frames, the state gives " + out.size());
            }
            return out.toArray(new CanFrame[0]);
        }
    }

    static final int JK_FRAMES = 4;
    static final int PYLON_FRAMES = 6;

    // ---- JK02 frames ----

    @Benchmark
    public Jk02Frame jk02Decode(Jk02Input in) throws Exception {
        return Jk02Codec.decode(in.bytes, in.l);
    }

    @Benchmark
    public byte[] jk02Encode(Jk02Input in) {
        return Jk02Codec.encode(in.decoded);
    }

    @Benchmark
    public byte[] jk02Build(Jk02Input in) {
        return in.build();
    }

    // ---- JK02 commands ----

    @Benchmark
    public Jk02Command commandParse(CommandInput in) throws Exception {
        return Jk02Command.parse(in.bytes);
    }

    @Benchmark
    public byte[] commandEncode(CommandInput in) {
        return in.cmd.encode();
    }

    // ---- JK02 stream ----

    @Benchmark
    public void reassemble150x2(ReassemblerInput in, Blackhole bh) {
        bh.consume(in.reassembler.feed(in.first));
        bh.consume(in.reassembler.feed(in.second));
    }

    // ---- 4E57 ----

    @Benchmark
    public UartData uartReadAllDecode(UartInput in) throws Exception {
        return UartData.parse(UartFrame.decode(in.readAll).body());
    }

    @Benchmark
    public byte[] uartReadAllEncode(UartInput in) {
        return UartReplies.readAllFrame(in.telemetry, in.settings, in.device).encode();
    }

    // ---- CAN (score per frame) ----

    @Benchmark
    @OperationsPerInvocation(JK_FRAMES)
    public void canJkNativeBuild(CanInput in, Blackhole bh) {
        for (CanMessage m : in.jk) {
            Optional<CanFrame> f = CanFrames.build(m, in.telemetry, in.settings, in.options);
            bh.consume(f);
        }
    }

    @Benchmark
    @OperationsPerInvocation(JK_FRAMES)
    public void canJkNativeDecode(CanInput in, Blackhole bh) throws Exception {
        for (CanFrame f : in.jkFrames) {
            bh.consume(CanCodec.decode(f));
        }
    }

    @Benchmark
    @OperationsPerInvocation(PYLON_FRAMES)
    public void canPylontechBuild(CanInput in, Blackhole bh) {
        for (CanMessage m : in.pylon) {
            bh.consume(CanFrames.build(m, in.telemetry, in.settings, in.options));
        }
    }

    @Benchmark
    @OperationsPerInvocation(PYLON_FRAMES)
    public void canPylontechDecode(CanInput in, Blackhole bh) throws Exception {
        for (CanFrame f : in.pylonFrames) {
            bh.consume(CanCodec.decode(f));
        }
    }
}
