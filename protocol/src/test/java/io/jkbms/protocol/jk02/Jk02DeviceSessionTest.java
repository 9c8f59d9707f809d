package io.jkbms.protocol.jk02;

import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.Hex;
import io.jkbms.protocol.device.DeviceCommand;
import io.jkbms.protocol.device.FakeBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static io.jkbms.protocol.jk02.Jk02Layout.JK02_24S;
import static io.jkbms.protocol.jk02.Jk02Layout.JK02_32S;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The board's side of a JK02 session (protocols.md §1.2) against a fake board. */
class Jk02DeviceSessionTest {
    private static final String ACK_HEX = "AA5590EBC8010100000000000000000000000044";
    private static final long T0 = 1_234_567;

    private final List<byte[]> out = new ArrayList<>();

    private Jk02DeviceSession session(FakeBackend board) {
        return new Jk02DeviceSession(board, b -> out.add(b.clone()));
    }

    private static void send(Jk02DeviceSession s, Jk02Command c) {
        byte[] b = c.encode();
        s.onBytes(b, 0, b.length);
    }

    private static void send(Jk02DeviceSession s, String hex) throws CodecException {
        byte[] b = Hex.parse(hex);
        s.onBytes(b, 0, b.length);
    }

    private List<byte[]> take() {
        List<byte[]> l = new ArrayList<>(out);
        out.clear();
        return l;
    }

    private static boolean isAck(byte[] b) {
        return Hex.of(b).equals(ACK_HEX);
    }

    private static int type(byte[] frame) {
        assertThat(frame).hasSize(Jk02Codec.FRAME_LENGTH);
        return frame[4] & 0xFF;
    }

    private static int counter(byte[] frame) {
        return frame[5] & 0xFF;
    }

    private static byte[] padded(Jk02Command c, SplittableRandom rnd) {
        byte[] b = c.encode();
        for (int i = 6 + c.length(); i < Jk02Command.CRC_OFFSET; i++) {
            b[i] = (byte) rnd.nextInt(256);
        }
        b[Jk02Command.CRC_OFFSET] = (byte) Le.sum8(b, 0, Jk02Command.CRC_OFFSET);
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    private static Jk02Command write(SettingKey key, int value, Jk02Layout layout) {
        return Jk02Mapping.writeCommand(key, value, layout).orElseThrow();
    }

    private Jk02Settings readSettings(Jk02DeviceSession s) throws CodecException {
        send(s, Jk02Command.readSettings());
        List<byte[]> r = take();
        assertThat(r).hasSize(2);
        assertThat(type(r.get(0))).isEqualTo(Jk02Frame.TYPE_SETTINGS);
        assertThat(isAck(r.get(1))).isTrue();
        return (Jk02Settings) Jk02Codec.decode(r.get(0), s.layout());
    }

    // ---- 0x97 ----

    @ParameterizedTest
    @CsvSource({"11.26, JK02_32S", "10.07, JK02_24S"})
    void deviceInfoIsOneFrameInTheLayoutOfItsOwnSoftwareVersionThenTheAck(String sw, Jk02Layout layout)
            throws CodecException {
        FakeBackend board = FakeBackend.lfp16(sw);
        Jk02DeviceSession s = session(board);
        assertThat(s.layout()).isEqualTo(layout);

        send(s, Jk02Command.readDeviceInfo());

        List<byte[]> r = take();
        assertThat(r).hasSize(2);
        byte[] frame = r.get(0);
        assertThat(frame).hasSize(300);
        assertThat(type(frame)).isEqualTo(Jk02Frame.TYPE_DEVICE_INFO);
        assertThat(Hex.of(r.get(1))).isEqualTo(ACK_HEX);
        assertThat(Jk02Codec.layoutOf(frame)).isEqualTo(layout);
        Jk02DeviceInfo info = (Jk02DeviceInfo) Jk02Codec.decode(frame, Jk02Codec.layoutOf(frame));
        assertThat(info.softwareVersion()).isEqualTo(sw);
        // the 16-byte model field holds the first 16 characters of "JK-BD4A24S-12PHCR"
        assertThat(info.model()).isEqualTo("JK-BD4A24S-12PHC");
        assertThat(info.hardwareVersion()).isEqualTo("11.XW");
        assertThat(info.serialNumber()).isEqualTo("4101234567");
        assertThat(info.name()).isEqualTo("test pack");
        assertThat(info.manufactureDate()).isEqualTo("250314");
        assertThat(info.passcode()).isEqualTo("1234");
        assertThat(info.only32S().isPresent()).isEqualTo(layout == JK02_32S);
        assertThat(board.patches).isEmpty();
        assertThat(board.commands).isEmpty();
    }

    @Test
    void theAckIsTheDocumentedTwentyBytes() {
        assertThat(Hex.of(Jk02Command.ACK.encode())).isEqualTo(ACK_HEX);
    }

    // ---- 0x96 and the stream ----

    @Test
    void settingsFrameCarriesTheBoardSettingsThenTheAck() throws CodecException {
        for (String sw : List.of("11.26", "10.07")) {
            FakeBackend board = FakeBackend.lfp16(sw);
            Jk02DeviceSession s = session(board);
            Jk02Settings f = readSettings(s);
            assertThat(f.layout()).isEqualTo(s.layout());
            assertThat(f.cellOvp_mV()).isEqualTo(3_600);
            assertThat(f.cellOvpr_mV()).isEqualTo(3_400);
            assertThat(f.value(Jk02Register.CELL_COUNT)).isEqualTo(16);
            // every register 0x01..0x20 is the board's value
            for (Jk02Register reg : Jk02Register.settingsFrameRegisters()) {
                assertThat(reg.toCore(f.value(reg))).as(reg.name())
                        .isEqualTo(board.settings.get(reg.settingKey().orElseThrow()));
            }
        }
    }

    @Test
    void cellAndDeviceFramesAreBuiltFromOneSnapshotOfTheBoard() throws CodecException {
        FakeBackend board = FakeBackend.lfp16("11.26");
        Jk02DeviceSession s = session(board);
        readSettings(s);
        send(s, Jk02Command.readDeviceInfo());
        s.poll(T0);
        assertThat(take()).extracting(Jk02DeviceSessionTest::frameType).contains(Jk02Frame.TYPE_CELL_INFO,
                Jk02Frame.TYPE_DEVICE_INFO);
        // telemetry is never read apart from the settings it is framed with
        assertThat(board.telemetryReads).isZero();
        assertThat(board.snapshotReads).isEqualTo(2);
    }

    private static int frameType(byte[] b) {
        return b.length == Jk02Codec.FRAME_LENGTH ? b[4] & 0xFF : -1;
    }

    @Test
    void noCellFramesBeforeReadSettings() throws CodecException {
        Jk02DeviceSession s = session(FakeBackend.lfp16("11.26"));
        for (long t = 0; t <= 5_000; t += 10) {
            s.poll(T0 + t);
        }
        assertThat(out).isEmpty();

        send(s, Jk02Command.readDeviceInfo()); // device info does not start the stream
        take();
        for (long t = 5_010; t <= 10_000; t += 10) {
            s.poll(T0 + t);
        }
        assertThat(out).isEmpty();

        readSettings(s);
        s.poll(T0 + 10_010);
        assertThat(take()).singleElement().satisfies(f -> assertThat(type(f)).isEqualTo(Jk02Frame.TYPE_CELL_INFO));
    }

    @Test
    void cellInfoEveryFiveHundredMilliseconds() throws CodecException {
        FakeBackend board = FakeBackend.lfp16("11.26");
        Jk02DeviceSession s = session(board);
        readSettings(s);

        s.poll(T0);
        List<byte[]> first = take();
        assertThat(first).hasSize(1);
        Jk02CellInfo c = (Jk02CellInfo) Jk02Codec.decode(first.get(0), JK02_32S);
        assertThat(c.cell_mV().subList(0, 16)).containsExactly(Arrays.stream(FakeBackend.CELLS_16).boxed().toArray(Integer[]::new));
        assertThat(c.enabledCellMask()).isEqualTo(0xFFFFL);

        for (long t : new long[]{1, 100, 250, 499}) {
            s.poll(T0 + t);
        }
        assertThat(out).as("499 ms after the previous frame").isEmpty();
        s.poll(T0 + 500);
        assertThat(take()).as("500 ms after the previous frame").hasSize(1);

        s.poll(T0 + 999);
        assertThat(out).isEmpty();
        s.poll(T0 + 1_000);
        assertThat(take()).hasSize(1);

        // Regular 10 ms polls for 10 s: 20 frames, one per 500 ms, each exactly on its slot.
        List<Long> at = new ArrayList<>();
        for (long t = 1_010; t <= 11_000; t += 10) {
            s.poll(T0 + t);
            if (!out.isEmpty()) {
                assertThat(take()).hasSize(1);
                at.add(t);
            }
        }
        assertThat(at).hasSize(20);
        for (int i = 0; i < at.size(); i++) {
            assertThat(at.get(i)).isEqualTo(1_500L + 500L * i);
        }
    }

    @Test
    void theCounterGoesUpByOnePerCellFrameAndWraps() throws CodecException {
        Jk02DeviceSession s = session(FakeBackend.lfp16("11.26"));
        readSettings(s);
        List<Integer> counters = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            s.poll(T0 + 500L * i);
            List<byte[]> r = take();
            assertThat(r).hasSize(1);
            assertThat(type(r.get(0))).isEqualTo(Jk02Frame.TYPE_CELL_INFO);
            assertThat(Jk02Codec.decode(r.get(0), JK02_32S).counter()).isEqualTo(counter(r.get(0)));
            counters.add(counter(r.get(0)));
        }
        boolean wrapped = false;
        for (int i = 1; i < counters.size(); i++) {
            assertThat(counters.get(i)).isEqualTo((counters.get(i - 1) + 1) & 0xFF);
            wrapped |= counters.get(i - 1) == 0xFF && counters.get(i) == 0x00;
        }
        assertThat(wrapped).as("0xFF -> 0x00 seen").isTrue();
    }

    @Test
    void settingsAndDeviceFramesRepeatTheCounterWithoutAdvancingIt() throws CodecException {
        Jk02DeviceSession s = session(FakeBackend.lfp16("11.26"));
        readSettings(s);
        for (int i = 0; i < 7; i++) {
            s.poll(T0 + 500L * i);
        }
        List<byte[]> cells = take();
        int last = counter(cells.get(cells.size() - 1));

        send(s, Jk02Command.readDeviceInfo());
        send(s, Jk02Command.readSettings());
        send(s, Jk02Command.readSettings());
        List<byte[]> r = take();
        assertThat(r).hasSize(6);
        int dev = counter(r.get(0));
        assertThat(type(r.get(0))).isEqualTo(Jk02Frame.TYPE_DEVICE_INFO);
        assertThat(type(r.get(2))).isEqualTo(Jk02Frame.TYPE_SETTINGS);
        assertThat(type(r.get(4))).isEqualTo(Jk02Frame.TYPE_SETTINGS);
        assertThat(counter(r.get(2))).isEqualTo(dev);
        assertThat(counter(r.get(4))).isEqualTo(dev);
        // the repeated value is the stream's current one: the last cell frame's or the next one's
        assertThat(dev).isIn(last, (last + 1) & 0xFF);

        s.poll(T0 + 3_500);
        assertThat(counter(take().get(0))).as("the stream is not disturbed").isEqualTo((last + 1) & 0xFF);
    }

    /**
     * protocols.md §1.2, measured: "03/74, 01/74, 02/74, 02/75": the cell frame after a settings frame carries the
     * settings frame's counter (the 01/03 frames repeat the value the next 02 frame will carry). The captured
     * vectors agree: DEVICE_INFO/SETTINGS/CELL_INFO_JK02_24S_V10 all carry 0xFC.
     */
    @Test
    void theFirstCellFrameAfterASettingsFrameCarriesItsCounterAsMeasured() throws CodecException {
        Jk02DeviceSession s = session(FakeBackend.lfp16("11.26"));
        send(s, Jk02Command.readDeviceInfo());
        send(s, Jk02Command.readSettings());
        s.poll(T0);
        s.poll(T0 + 500);
        List<byte[]> r = take();
        assertThat(r).hasSize(6);
        int c = counter(r.get(0));
        assertThat(List.of(type(r.get(0)) + "/" + counter(r.get(0)), type(r.get(2)) + "/" + counter(r.get(2)),
                type(r.get(4)) + "/" + counter(r.get(4)), type(r.get(5)) + "/" + counter(r.get(5))))
                .containsExactly("3/" + c, "1/" + c, "2/" + c, "2/" + ((c + 1) & 0xFF));

        // mid-stream too: a settings frame and the cell frame after it share the counter
        send(s, Jk02Command.readSettings());
        s.poll(T0 + 1_000);
        List<byte[]> m = take();
        assertThat(counter(m.get(2))).isEqualTo(counter(m.get(0)));
    }

    // ---- robustness of the command input ----

    @Test
    void randomPaddingIsIgnored() throws CodecException {
        FakeBackend board = FakeBackend.lfp16("11.26");
        Jk02DeviceSession s = session(board);
        send(s, "AA5590EB9700F42AF61E98D0E99B64A86AAFD62A"); // official app, protocols.md §1.3
        List<byte[]> r = take();
        assertThat(r).hasSize(2);
        assertThat(type(r.get(0))).isEqualTo(Jk02Frame.TYPE_DEVICE_INFO);
        assertThat(isAck(r.get(1))).isTrue();

        SplittableRandom rnd = new SplittableRandom(97);
        byte[] b = padded(Jk02Command.readSettings(), rnd);
        s.onBytes(b, 0, b.length);
        r = take();
        assertThat(r).hasSize(2);
        assertThat(type(r.get(0))).isEqualTo(Jk02Frame.TYPE_SETTINGS);

        b = padded(write(SettingKey.CELL_OVP_mV, 3_550, JK02_32S), rnd);
        assertThat(Arrays.copyOfRange(b, 10, 19)).as("padding is not zero").isNotEqualTo(new byte[9]);
        s.onBytes(b, 0, b.length);
        assertThat(take()).singleElement().satisfies(a -> assertThat(isAck(a)).isTrue());
        assertThat(board.settings.get(SettingKey.CELL_OVP_mV)).isEqualTo(3_550);
    }

    @Test
    void commandsSplitAcrossCallsInAnyChunksAreUnderstood() throws CodecException {
        SplittableRandom rnd = new SplittableRandom(20240611);
        byte[] stream = concat(Jk02Command.readDeviceInfo().encode(), padded(Jk02Command.readSettings(), rnd),
                write(SettingKey.CELL_OVP_mV, 3_550, JK02_32S).encode(), Jk02Command.readSettings().encode());

        FakeBackend whole = FakeBackend.lfp16("11.26");
        session(whole).onBytes(stream, 0, stream.length);
        List<byte[]> expected = take();
        assertThat(expected).hasSize(7); // 03 + ACK, 01 + ACK, ACK, 01 + ACK
        assertThat(whole.settings.get(SettingKey.CELL_OVP_mV)).isEqualTo(3_550);

        // every split point of the stream into two calls
        for (int k = 0; k <= stream.length; k++) {
            FakeBackend board = FakeBackend.lfp16("11.26");
            Jk02DeviceSession s = session(board);
            s.onBytes(stream, 0, k);
            s.onBytes(stream, k, stream.length - k);
            assertThat(take()).as("split at %d", k).usingElementComparator(Arrays::compare).containsExactlyElementsOf(expected);
            assertThat(board.settings).isEqualTo(whole.settings);
        }
        // random chunks, fed through offset/length into a larger buffer
        for (int trial = 0; trial < 200; trial++) {
            Jk02DeviceSession s = session(FakeBackend.lfp16("11.26"));
            int pos = 0;
            while (pos < stream.length) {
                int n = Math.min(1 + rnd.nextInt(trial % 2 == 0 ? 5 : 30), stream.length - pos);
                byte[] buf = new byte[n + 7];
                rnd.nextBytes(buf);
                System.arraycopy(stream, pos, buf, 3, n);
                s.onBytes(buf, 3, n);
                pos += n;
            }
            assertThat(take()).usingElementComparator(Arrays::compare).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void garbageIsIgnoredAndCounted() throws CodecException {
        Jk02DeviceSession s = session(FakeBackend.lfp16("11.26"));
        byte[] at = "AT\r\n".getBytes(StandardCharsets.US_ASCII);
        SplittableRandom rnd = new SplittableRandom(5);
        byte[] noise = new byte[500];
        for (int i = 0; i < noise.length; i++) {
            int v;
            do {
                v = rnd.nextInt(256);
            } while (v == 0xAA || v == 0x55);
            noise[i] = (byte) v;
        }
        byte[] stream = concat(at, noise, Jk02Command.readDeviceInfo().encode(), at);
        s.onBytes(stream, 0, stream.length);
        List<byte[]> r = take();
        assertThat(r).hasSize(2);
        assertThat(type(r.get(0))).isEqualTo(Jk02Frame.TYPE_DEVICE_INFO);
        assertThat(s.stats().commands()).isEqualTo(1);
        assertThat(s.stats().bytesSkipped()).isEqualTo(at.length + noise.length + at.length);

        // a command with a broken CRC is dropped and counted; nothing answers it
        byte[] bad = Jk02Command.readSettings().encode();
        bad[19]++;
        s.onBytes(bad, 0, bad.length);
        assertThat(out).isEmpty();
        assertThat(s.stats().checksumErrors()).isEqualTo(1);
        s.poll(T0);
        assertThat(out).as("no stream without a valid 0x96").isEmpty();
    }

    // ---- writes ----

    @Test
    void aWriteReachesTheBoardAndIsAcknowledged() throws CodecException {
        FakeBackend board = FakeBackend.lfp16("11.26");
        Jk02DeviceSession s = session(board);
        send(s, write(SettingKey.CELL_OVP_mV, 3_550, JK02_32S));

        assertThat(take()).singleElement().satisfies(a -> assertThat(Hex.of(a)).isEqualTo(ACK_HEX));
        assertThat(board.patches).singleElement().satisfies(p -> {
            assertThat(p.what().values()).containsExactly(java.util.Map.entry(SettingKey.CELL_OVP_mV, 3_550));
            assertThat(p.who()).isEqualTo("jk02");
        });
        assertThat(board.settings.get(SettingKey.CELL_OVP_mV)).isEqualTo(3_550);
        assertThat(readSettings(s).cellOvp_mV()).isEqualTo(3_550);
    }

    @Test
    void aWriteOnThe24SLayoutUsesItsRegisters() throws CodecException {
        FakeBackend board = FakeBackend.lfp16("10.07");
        Jk02DeviceSession s = session(board);
        send(s, Jk02Command.write(Jk02Register.WIRE_RESISTANCE, JK02_24S, 5, 42)); // 0x2B: channel 5
        send(s, write(SettingKey.BALANCE_START_mV, 3_100, JK02_24S));               // 0x26 on 24S
        assertThat(take()).hasSize(2).allSatisfy(a -> assertThat(isAck(a)).isTrue());
        assertThat(board.settings.wireResistance_mOhm(5)).isEqualTo(42);
        assertThat(board.settings.get(SettingKey.BALANCE_START_mV)).isEqualTo(3_100);
        Jk02Settings f = readSettings(s);
        assertThat(f.wireResistance_mOhm().get(4)).isEqualTo(42L);
        assertThat(f.balanceStart_mV()).isEqualTo(3_100L);
    }

    @Test
    void aRefusedWriteChangesNothing() throws CodecException {
        FakeBackend board = FakeBackend.lfp16("11.26");
        Jk02DeviceSession s = session(board);
        Settings before = board.settings;
        assertThat(readSettings(s).cellOvpr_mV()).isEqualTo(3_400);

        send(s, write(SettingKey.CELL_OVPR_mV, 3_700, JK02_32S)); // above OVP 3600: the firmware refuses
        List<byte[]> r = take();
        assertThat(r).allSatisfy(a -> assertThat(a).hasSize(Jk02Command.LENGTH));
        assertThat(board.patches).hasSize(1); // it was asked...
        assertThat(board.settings).isEqualTo(before); // ...and refused whole

        Jk02Settings f = readSettings(s);
        assertThat(f.cellOvpr_mV()).isEqualTo(3_400);
        assertThat(f.cellOvp_mV()).isEqualTo(3_600);

        // the session goes on: the next valid write is applied
        send(s, write(SettingKey.CELL_OVPR_mV, 3_450, JK02_32S));
        assertThat(take()).singleElement().satisfies(a -> assertThat(isAck(a)).isTrue());
        assertThat(readSettings(s).cellOvpr_mV()).isEqualTo(3_450);
    }

    // ---- actions ----

    @Test
    void controlRegistersMapToTheirCommands() {
        FakeBackend board = FakeBackend.lfp16("11.26");
        Jk02DeviceSession s = session(board);
        send(s, Jk02Command.write(Jk02Register.EMERGENCY, JK02_32S, 1));           // 0x6B = 1
        send(s, Jk02Command.write(Jk02Register.EMERGENCY, JK02_32S, 0));           // 0x6B = 0
        send(s, Jk02Command.action(Jk02Register.SHUTDOWN, JK02_32S));              // 0x65
        send(s, Jk02Command.action(Jk02Register.FACTORY_RESET, JK02_32S));         // 0x9D
        send(s, Jk02Command.write(Jk02Register.VOLTAGE_CALIBRATION, JK02_32S, 53_120)); // 0x64
        send(s, Jk02Command.write(Jk02Register.CURRENT_CALIBRATION, JK02_32S, -12_345)); // 0x67, signed

        assertThat(board.commandList()).containsExactly(new DeviceCommand.Emergency(true),
                new DeviceCommand.Emergency(false), new DeviceCommand.PowerOff(), new DeviceCommand.FactoryReset(),
                new DeviceCommand.CalibratePackVoltage(53_120), new DeviceCommand.CalibrateCurrent(-12_345));
        assertThat(board.commands).allSatisfy(c -> assertThat(c.who()).isEqualTo("jk02"));
        assertThat(take()).hasSize(6).allSatisfy(a -> assertThat(isAck(a)).isTrue());
        assertThat(board.patches).isEmpty();
        assertThat(Jk02Command.write(Jk02Register.EMERGENCY, JK02_32S, 1).register()).isEqualTo(0x6B);
        assertThat(Jk02Command.action(Jk02Register.SHUTDOWN, JK02_32S).register()).isEqualTo(0x65);
        assertThat(Jk02Command.action(Jk02Register.FACTORY_RESET, JK02_32S).register()).isEqualTo(0x9D);
    }

    @Test
    void calibrationRegistersOnThe24SLayout() {
        FakeBackend board = FakeBackend.lfp16("10.07");
        Jk02DeviceSession s = session(board);
        send(s, Jk02Command.of(0x21, 4, 52_000));     // voltage calibration on 24S
        send(s, Jk02Command.of(0x24, 4, -2_000));     // current calibration on 24S, two's complement
        send(s, Jk02Command.of(0x6B, 4, 1));          // 32S emergency: not a 24S register
        assertThat(board.commandList()).containsExactly(new DeviceCommand.CalibratePackVoltage(52_000),
                new DeviceCommand.CalibrateCurrent(-2_000));
    }

    @Test
    void aCommandTheBoardRefusesIsStillAcknowledgedAndTheSessionGoesOn() {
        FakeBackend board = FakeBackend.lfp16("11.26");
        board.refuse = c -> new IllegalStateException("emergency mode needs the board on");
        Jk02DeviceSession s = session(board);
        assertThatCode(() -> send(s, Jk02Command.write(Jk02Register.EMERGENCY, JK02_32S, 1))).doesNotThrowAnyException();
        assertThat(board.commandList()).containsExactly(new DeviceCommand.Emergency(true));
        assertThat(take()).singleElement().satisfies(a -> assertThat(isAck(a)).isTrue());
        send(s, Jk02Command.readDeviceInfo());
        assertThat(take()).hasSize(2);
    }
}
