package io.jkbms.protocol.uart;

import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.Hex;
import io.jkbms.protocol.device.DeviceCommand;
import io.jkbms.protocol.device.FakeBackend;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The board's side of 4E57 (protocols.md §2) against a fake board. */
class UartDeviceSessionTest {
    /** protocols.md §2.1: read all, sent by a PC. */
    private static final String READ_ALL_EXAMPLE = "4E5700130000000006030000000000006800000129";
    private static final String PASSWORD_EXAMPLE = "4E570014000000000502000000000000006800000128";
    private static final String CHARGE_ON_EXAMPLE = "4E57001400000000020200AB010000000068000001D1";

    private final List<byte[]> out = new ArrayList<>();

    private UartDeviceSession session(FakeBackend board) {
        return new UartDeviceSession(board, b -> out.add(b.clone()));
    }

    private static void send(UartDeviceSession s, byte[] b) {
        s.onBytes(b, 0, b.length);
    }

    private static void send(UartDeviceSession s, String hex) throws CodecException {
        send(s, Hex.parse(hex));
    }

    private static void send(UartDeviceSession s, UartRequest r) {
        send(s, r.toFrame(UartSource.PC).encode());
    }

    /** The only reply sent since the last call, decoded. */
    private UartFrame reply() throws CodecException {
        assertThat(out).hasSize(1);
        UartFrame f = UartFrame.decode(out.remove(0));
        assertThat(f.type()).isEqualTo(UartFrameType.REPLY);
        assertThat(f.source()).isEqualTo(UartSource.BMS);
        return f;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    private static UartFrame chargeSwitchWrite(int value) {
        return UartFrame.request(UartCommand.WRITE, UartSource.GPS, new byte[]{(byte) 0xAB, (byte) value});
    }

    @Test
    void readAllExampleGetsAFullReplyWithSixteenCells() throws CodecException {
        FakeBackend board = FakeBackend.lfp16("11.26");
        UartDeviceSession s = session(board);
        send(s, READ_ALL_EXAMPLE);

        byte[] raw = out.get(0).clone();
        UartFrame f = reply();
        assertThat(f.command()).isEqualTo(UartCommand.READ_ALL);
        assertThat(raw).hasSize(3 * 16 + 243); // a modern reply (with C0) for n cells, protocols.md §2.1
        UartData d = UartData.parse(f.body());
        assertThat(d.cell_mV()).containsExactly(FakeBackend.CELLS_16);
        assertThat(d.cells()).extracting(UartValue.Cell::number).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
                12, 13, 14, 15, 16);
        assertThat(d.raw(UartId.CELL_COUNT)).hasValue(16);
        assertThat(d.setting(SettingKey.CELL_COUNT)).hasValue(16);
        assertThat(d.setting(SettingKey.CELL_OVP_mV)).hasValue(3_600);
        assertThat(d.setting(SettingKey.CELL_OVPR_mV)).hasValue(3_400);
        assertThat(d.soc_pct()).hasValue(50);
        assertThat(d.protocolVersion()).hasValue(1);
        assertThat(d.packVoltage_mV()).hasValue(Arrays.stream(FakeBackend.CELLS_16).sum() / 10 * 10);
        assertThat(board.settings.with(d.toSettingsPatch())).isEqualTo(board.settings);
        assertThat(board.commands).isEmpty();
        assertThat(board.patches).isEmpty();
    }

    @Test
    void readRepliesAreBuiltFromOneSnapshotOfTheBoard() throws CodecException {
        FakeBackend board = FakeBackend.lfp16("11.26");
        UartDeviceSession s = session(board);
        send(s, READ_ALL_EXAMPLE);
        reply();
        send(s, UartRequest.readOne(UartId.CURRENT));
        reply();
        send(s, UartRequest.write(new UartValue.Num(UartId.CELL_OVPR, 4_000))); // refused: answered with the board's value
        assertThat(UartData.parse(reply().body()).setting(SettingKey.CELL_OVPR_mV)).hasValue(3_400);
        assertThat(board.telemetryReads).isZero();
        assertThat(board.snapshotReads).isEqualTo(3);
    }

    @Test
    void readOneAnswersThatIdentifierOnly() throws CodecException {
        UartDeviceSession s = session(FakeBackend.lfp16("11.26"));
        send(s, UartRequest.readOne(UartId.SOC));
        UartFrame f = reply();
        assertThat(f.command()).isEqualTo(UartCommand.READ_ONE);
        UartData d = UartData.parse(f.body());
        assertThat(d.values()).containsExactly(new UartValue.Num(UartId.SOC, 50));

        send(s, UartRequest.readOne(UartId.CELL_OVP));
        assertThat(UartData.parse(reply().body()).values()).containsExactly(new UartValue.Num(UartId.CELL_OVP, 3_600));

        send(s, UartRequest.readOne(UartId.CELL_VOLTAGES));
        assertThat(UartData.parse(reply().body()).cell_mV()).containsExactly(FakeBackend.CELLS_16);

        // command 03 with identifier 00 means "all" (protocols.md §2.1)
        send(s, UartFrame.request(UartCommand.READ_ONE, UartSource.PC, new byte[]{0}).encode());
        assertThat(UartData.parse(reply().body()).cell_mV()).hasSize(16);
    }

    @Test
    void passwordIsEchoed() throws CodecException {
        FakeBackend board = FakeBackend.lfp16("11.26");
        UartDeviceSession s = session(board);
        send(s, PASSWORD_EXAMPLE);
        UartFrame f = reply();
        assertThat(f.command()).isEqualTo(UartCommand.PASSWORD);
        assertThat(f.body()).containsExactly(0, 0);
        assertThat(board.commands).isEmpty();
        assertThat(board.patches).isEmpty();
    }

    @Test
    void activateIsEchoedAndWakesTheBoard() throws CodecException {
        FakeBackend board = FakeBackend.lfp16("11.26");
        UartDeviceSession s = session(board);
        send(s, UartRequest.activate());
        UartFrame f = reply();
        assertThat(f.command()).isEqualTo(UartCommand.ACTIVATE);
        assertThat(f.body()).containsExactly(0);
        assertThat(board.commands).singleElement().satisfies(c -> {
            assertThat(c.what()).isEqualTo(new DeviceCommand.Wake());
            assertThat(c.who()).isEqualTo("4e57");
        });
    }

    /**
     * The backend contract lets a board refuse any command with an IllegalStateException. The write path catches
     * that; the activate path must too, or one refused wake throws out of onBytes and loses what else was received.
     */
    @Test
    void aBoardThatRefusesToWakeDoesNotBreakTheSession() throws CodecException {
        FakeBackend board = FakeBackend.lfp16("11.26");
        board.refuse = c -> new IllegalStateException("the board is off");
        UartDeviceSession s = session(board);
        byte[] both = concat(UartRequest.activate().toFrame(UartSource.PC).encode(),
                UartRequest.readOne(UartId.SOC).toFrame(UartSource.PC).encode());
        assertThatCode(() -> send(s, both)).doesNotThrowAnyException();
        assertThat(board.commandList()).containsExactly(new DeviceCommand.Wake());
        assertThat(out).extracting(b -> UartFrame.decode(b).command()).endsWith(UartCommand.READ_ONE);
    }

    @Test
    void chargeMosOffIsAppliedAndEchoed() throws CodecException {
        FakeBackend board = FakeBackend.lfp16("11.26");
        UartDeviceSession s = session(board);
        byte[] off = chargeSwitchWrite(0).encode();
        assertThat(Hex.of(off)).isEqualTo("4E57001400000000020200AB000000000068000001D0");
        assertThat(Hex.of(chargeSwitchWrite(1).encode())).isEqualTo(CHARGE_ON_EXAMPLE); // our framing = the capture

        send(s, off);
        assertThat(board.settings.get(SettingKey.CHARGE_ENABLED)).isZero();
        assertThat(board.patches).singleElement().satisfies(p -> assertThat(p.who()).isEqualTo("4e57"));
        UartFrame f = reply();
        assertThat(f.command()).isEqualTo(UartCommand.WRITE);
        assertThat(f.body()[0] & 0xFF).isEqualTo(0xAB);
        assertThat(UartData.parse(f.body()).raw(UartId.CHARGE_SWITCH)).hasValue(0);

        send(s, CHARGE_ON_EXAMPLE);
        assertThat(board.settings.get(SettingKey.CHARGE_ENABLED)).isEqualTo(1);
        assertThat(UartData.parse(reply().body()).raw(UartId.CHARGE_SWITCH)).hasValue(1);
    }

    @Test
    void aSettingWriteInFullWidthIsApplied() throws CodecException {
        FakeBackend board = FakeBackend.lfp16("11.26");
        UartDeviceSession s = session(board);
        send(s, UartRequest.write(new UartValue.Num(UartId.CELL_OVP, 3_550)));
        assertThat(board.settings.get(SettingKey.CELL_OVP_mV)).isEqualTo(3_550);
        assertThat(UartData.parse(reply().body()).values()).containsExactly(new UartValue.Num(UartId.CELL_OVP, 3_550));
        send(s, UartRequest.readOne(UartId.CELL_OVP));
        assertThat(UartData.parse(reply().body()).raw(UartId.CELL_OVP)).hasValue(3_550);
    }

    @Test
    void aRefusedWriteAnswersTheCurrentValueAndChangesNothing() throws CodecException {
        FakeBackend board = FakeBackend.lfp16("11.26");
        UartDeviceSession s = session(board);
        Settings before = board.settings;
        send(s, UartRequest.write(new UartValue.Num(UartId.CELL_OVPR, 3_700))); // above OVP 3600
        UartFrame f = reply();
        assertThat(f.command()).isEqualTo(UartCommand.WRITE);
        assertThat(f.body()[0] & 0xFF).isEqualTo(0x91);
        assertThat(UartData.parse(f.body()).values()).containsExactly(new UartValue.Num(UartId.CELL_OVPR, 3_400));
        assertThat(board.patches).hasSize(1);
        assertThat(board.settings).isEqualTo(before);

        // a read-only identifier: refused without asking the board
        send(s, UartRequest.write(new UartValue.Num(UartId.PACK_OVP, 6_000)));
        assertThat(UartData.parse(reply().body()).raw(UartId.PACK_OVP)).hasValue(16L * 3_600 / 10);
        assertThat(board.settings).isEqualTo(before);
        assertThat(board.patches).hasSize(1);
    }

    @Test
    void restartFactoryResetAndDeviceParameters() throws CodecException {
        FakeBackend board = FakeBackend.lfp16("11.26");
        UartDeviceSession s = session(board);
        send(s, UartRequest.writeOneByte(UartId.FACTORY_RESET, 1));
        assertThat(UartData.parse(reply().body()).raw(UartId.FACTORY_RESET)).hasValue(1);
        send(s, UartRequest.writeOneByte(UartId.RESTART, 1));
        reply();
        assertThat(board.commandList()).containsExactly(new DeviceCommand.FactoryReset(), new DeviceCommand.Wake());

        send(s, UartRequest.write(new UartValue.Num(UartId.SLEEP_WAIT, 300)));
        assertThat(UartData.parse(reply().body()).raw(UartId.SLEEP_WAIT)).hasValue(300);
        send(s, UartRequest.readOne(UartId.SLEEP_WAIT));
        assertThat(UartData.parse(reply().body()).raw(UartId.SLEEP_WAIT)).hasValue(300);
        assertThat(board.patches).isEmpty();
    }

    @Test
    void currentCalibrationTakesTheMagnitudeFromAdAndTheDirectionFromTheCurrentFlowing() throws CodecException {
        FakeBackend board = FakeBackend.lfp16("11.26");
        board.telemetry = TelemetryBuilder.telemetry().cells(FakeBackend.CELLS_16).current_mA(-10_000).build();
        UartDeviceSession s = session(board);
        send(s, UartRequest.write(new UartValue.Num(UartId.CURRENT_CALIBRATION, 10_300)));
        reply();
        send(s, UartRequest.writeOneByte(UartId.START_CURRENT_CALIBRATION, 1));
        assertThat(UartData.parse(reply().body()).raw(UartId.START_CURRENT_CALIBRATION)).hasValue(1);
        assertThat(board.commandList()).containsExactly(new DeviceCommand.CalibrateCurrent(-10_300));

        // refused by the board: the reply says 0, not the 1 written
        board.refuse = c -> new IllegalArgumentException("implausible");
        send(s, UartRequest.writeOneByte(UartId.START_CURRENT_CALIBRATION, 1));
        assertThat(UartData.parse(reply().body()).raw(UartId.START_CURRENT_CALIBRATION)).hasValue(0);
    }

    /**
     * DeviceIdentity is "who a board says it is, as its device-info frame carries it (JK02 frame 0x03; 4E57 ids
     * B4/B5/B7/BA)": over 4E57 the board must report the same manufacture date and software version as over JK02.
     */
    @Test
    void manufactureDateAndSoftwareVersionComeFromTheBoardIdentity() throws CodecException {
        for (String sw : List.of("11.26", "10.07")) {
            FakeBackend board = FakeBackend.lfp16(sw); // identity date "250314"
            UartDeviceSession s = session(board);
            send(s, READ_ALL_EXAMPLE);
            UartData d = UartData.parse(reply().body());
            String b5 = d.text(UartId.MANUFACTURE_DATE).orElseThrow();
            String b7 = d.text(UartId.SOFTWARE_VERSION).orElseThrow();
            assertThat("B5=" + b5 + " B7=" + b7).as("YYMM of the identity's date 250314; B7 naming software " + sw)
                    .matches("B5=2503 B7=.*" + java.util.regex.Pattern.quote(sw) + ".*");
        }
    }

    @Test
    void repliesOnTheBusAreNotAnswered() {
        UartDeviceSession s = session(FakeBackend.lfp16("11.26"));
        byte[] echo = UartFrame.reply(UartCommand.READ_ALL, new byte[]{(byte) 0x85, 50}).encode();
        send(s, echo);
        assertThat(out).isEmpty();
        assertThat(s.stats().frames()).isEqualTo(1);
    }

    @Test
    void requestsSplitIntoAnyChunksAndPrecededByNoiseAreAnswered() throws CodecException {
        SplittableRandom rnd = new SplittableRandom(4_857);
        byte[] noise = new byte[300];
        for (int i = 0; i < noise.length; i++) {
            int v;
            do {
                v = rnd.nextInt(256);
            } while (v == 0x4E);
            noise[i] = (byte) v;
        }
        byte[] stream = concat(noise, Hex.parse(READ_ALL_EXAMPLE), Arrays.copyOf(noise, 17), Hex.parse(PASSWORD_EXAMPLE),
                new byte[]{0x4E, 0x4E}, chargeSwitchWrite(0).encode(), Arrays.copyOfRange(noise, 50, 53),
                UartRequest.write(new UartValue.Num(UartId.CELL_OVPR, 3_700)).toFrame(UartSource.PC).encode(),
                UartRequest.readOne(UartId.CHARGE_SWITCH).toFrame(UartSource.BT).encode());

        FakeBackend whole = FakeBackend.lfp16("11.26");
        UartDeviceSession ws = session(whole);
        send(ws, stream);
        List<byte[]> expected = new ArrayList<>(out);
        out.clear();
        assertThat(expected).extracting(b -> UartFrame.decode(b).command()).containsExactly(UartCommand.READ_ALL,
                UartCommand.PASSWORD, UartCommand.WRITE, UartCommand.WRITE, UartCommand.READ_ONE);
        assertThat(UartData.parse(UartFrame.decode(expected.get(4)).body()).raw(UartId.CHARGE_SWITCH)).hasValue(0);
        assertThat(whole.settings.get(SettingKey.CHARGE_ENABLED)).isZero();
        assertThat(whole.settings.get(SettingKey.CELL_OVPR_mV)).isEqualTo(3_400);
        assertThat(ws.stats().frames()).isEqualTo(5);
        assertThat(ws.stats().bytesSkipped()).isEqualTo(300 + 17 + 2 + 3);

        for (int k = 0; k <= stream.length; k += 3) {
            UartDeviceSession s = session(FakeBackend.lfp16("11.26"));
            s.onBytes(stream, 0, k);
            s.onBytes(stream, k, stream.length - k);
            assertThat(out).as("split at %d", k).usingElementComparator(Arrays::compare).containsExactlyElementsOf(expected);
            out.clear();
        }
        for (int trial = 0; trial < 200; trial++) {
            FakeBackend board = FakeBackend.lfp16("11.26");
            UartDeviceSession s = session(board);
            int pos = 0;
            while (pos < stream.length) {
                int n = Math.min(1 + rnd.nextInt(trial % 2 == 0 ? 4 : 40), stream.length - pos);
                byte[] buf = new byte[n + 5];
                rnd.nextBytes(buf);
                System.arraycopy(stream, pos, buf, 2, n);
                s.onBytes(buf, 2, n);
                pos += n;
            }
            assertThat(out).usingElementComparator(Arrays::compare).containsExactlyElementsOf(expected);
            assertThat(board.settings).isEqualTo(whole.settings);
            out.clear();
        }
    }
}
