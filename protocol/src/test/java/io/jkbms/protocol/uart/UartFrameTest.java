package io.jkbms.protocol.uart;

import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The frame layer against the example requests of protocols.md §2.1, and every check the decoder makes. */
class UartFrameTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "read all from a PC, 4E5700130000000006030000000000006800000129",
            "read all as ESPHome (source GPS), 4E5700130000000006020000000000006800000128",
            "password, 4E570014000000000502000000000000006800000128",
            "write 0xAB = 1 (charge MOS on), 4E57001400000000020200AB010000000068000001D1"})
    void theDocumentedRequestsDecodeAndEncodeBack(String what, String hex) throws CodecException {
        byte[] bytes = Hex.parse(hex);
        UartFrame f = UartFrame.decode(bytes);
        assertThat(f.type()).isEqualTo(UartFrameType.REQUEST);
        assertThat(Hex.of(f.encode())).isEqualTo(hex);
    }

    @Test
    void requestBuildersGiveExactlyTheDocumentedBytes() {
        assertThat(Hex.of(UartRequest.readAll().toFrame(UartSource.PC).encode()))
                .isEqualTo("4E5700130000000006030000000000006800000129");
        assertThat(Hex.of(UartRequest.readAll().toFrame(UartSource.GPS).encode()))
                .isEqualTo("4E5700130000000006020000000000006800000128");
        assertThat(Hex.of(UartRequest.password().toFrame(UartSource.GPS).encode()))
                .isEqualTo("4E570014000000000502000000000000006800000128");
        assertThat(Hex.of(UartRequest.write(new UartValue.Num(UartId.CHARGE_SWITCH, 1)).toFrame(UartSource.GPS).encode()))
                .isEqualTo("4E57001400000000020200AB010000000068000001D1");
        assertThat(Hex.of(UartRequest.writeOneByte(UartId.CHARGE_SWITCH, 1).toFrame(UartSource.GPS).encode()))
                .isEqualTo("4E57001400000000020200AB010000000068000001D1");
    }

    @Test
    void theCapturedReplyHeaderIs060001() {
        byte[] f = UartFrame.reply(UartCommand.READ_ALL, new byte[]{(byte) 0xC0, 1}).encode();
        assertThat(Hex.of(Arrays.copyOfRange(f, 8, 11))).isEqualTo("060001");
        assertThat(Hex.of(Arrays.copyOfRange(f, 0, 4))).isEqualTo("4E570014");
    }

    @Test
    void fieldsSurviveEncoding() throws CodecException {
        UartFrame f = new UartFrame(0xDEADBEEFL, UartCommand.READ_ONE, UartSource.BT, UartFrameType.UPLOAD,
                new byte[]{1, 2, 3}, 0xFFFF_FFFFL);
        UartFrame back = UartFrame.decode(f.encode());
        assertThat(back).isEqualTo(f);
        assertThat(back.terminalId()).isEqualTo(0xDEADBEEFL);
        assertThat(back.recordNumber()).isEqualTo(0xFFFF_FFFFL);
        assertThat(back.body()).containsExactly(1, 2, 3);
    }

    @Test
    void theChecksumIsTheLow16BitsOfTheSum() throws CodecException {
        byte[] body = new byte[400];
        Arrays.fill(body, (byte) 0xFF);
        byte[] f = UartFrame.request(UartCommand.WRITE, UartSource.PC, body).encode();
        long sum = 0;
        for (int i = 0; i < f.length - 4; i++) {
            sum += f[i] & 0xFF;
        }
        assertThat(sum).isGreaterThan(0xFFFF);
        assertThat((f[f.length - 2] & 0xFF) << 8 | f[f.length - 1] & 0xFF).isEqualTo((int) (sum & 0xFFFF));
        assertThat(f[f.length - 4]).isZero();
        assertThat(f[f.length - 3]).isZero();
        assertThat(UartFrame.decode(f).body()).isEqualTo(body);
    }

    private static byte[] example() throws CodecException {
        return Hex.parse("4E5700130000000006030000000000006800000129");
    }

    @Test
    void tooShort() {
        assertThatThrownBy(() -> UartFrame.decode(Hex.parse("4E570013"))).isInstanceOf(CodecException.class)
                .hasMessage("4E57 frame too short: 4 bytes, the smallest frame is 20");
    }

    @Test
    void badStart() throws CodecException {
        byte[] f = example();
        f[1] = 0x58;
        assertThatThrownBy(() -> UartFrame.decode(f)).hasMessage("start at offset 0: expected 4E57, got 4E58");
    }

    @Test
    void lengthFieldMismatch() throws CodecException {
        byte[] f = Arrays.copyOf(example(), 22);
        assertThatThrownBy(() -> UartFrame.decode(f))
                .hasMessage("length field at offset 2 is 19 (0x0013) but the frame has 22 bytes, so it should be 20");
    }

    @Test
    void missingEndMarker() throws CodecException {
        byte[] f = example();
        f[16] = 0x69;
        assertThatThrownBy(() -> UartFrame.decode(f)).hasMessage("end marker at offset 16: expected 68, got 69");
    }

    @Test
    void checksumHighBytesMustBeZero() throws CodecException {
        byte[] f = example();
        f[17] = 1;
        assertThatThrownBy(() -> UartFrame.decode(f))
                .hasMessage("checksum at offset 17: the high bytes must be 0000, got 0100");
    }

    @Test
    void wrongChecksum() throws CodecException {
        byte[] f = example();
        f[20] = 0x2A;
        assertThatThrownBy(() -> UartFrame.decode(f))
                .hasMessage("checksum at offset 19: expected 0129 (sum of bytes 0..16), got 012A");
    }

    @Test
    void unknownCommandSourceAndType() {
        assertThatThrownBy(() -> UartFrame.decode(withByte(8, 0x07))).hasMessageStartingWith("unknown command 0x07 at offset 8");
        assertThatThrownBy(() -> UartFrame.decode(withByte(9, 0x04))).hasMessageStartingWith("unknown source 0x04 at offset 9");
        assertThatThrownBy(() -> UartFrame.decode(withByte(10, 0x03))).hasMessageStartingWith("unknown frame type 0x03 at offset 10");
    }

    /** The example with one byte changed and the checksum fixed, so only that byte is wrong. */
    private static byte[] withByte(int at, int value) throws CodecException {
        byte[] f = example();
        f[at] = (byte) value;
        int sum = UartFrame.checksum(f, f.length - 4);
        f[f.length - 2] = (byte) (sum >> 8);
        f[f.length - 1] = (byte) sum;
        return f;
    }

    @Test
    void declaredLengthForStreamFraming() throws CodecException {
        byte[] f = UartVectors.uart13s();
        assertThat(UartFrame.declaredLength(f, 0, 3)).isEmpty();
        assertThat(UartFrame.declaredLength(f, 0, 4)).hasValue(282);
        assertThat(UartFrame.declaredLength(f, 0, 0)).isEmpty();
        assertThatThrownBy(() -> UartFrame.declaredLength(f, 1, 1)).isInstanceOf(CodecException.class)
                .hasMessage("start at offset 1: expected 4E, got 57");
        byte[] tiny = Hex.parse("4E570005");
        assertThatThrownBy(() -> UartFrame.declaredLength(tiny, 0, 4))
                .hasMessage("length field at offset 2 declares 7 bytes, the smallest frame is 20");
    }

    @Test
    void invalidFramesAreRefusedAtConstruction() {
        assertThatThrownBy(() -> new UartFrame(-1, UartCommand.READ_ALL, UartSource.PC, UartFrameType.REQUEST,
                new byte[0], 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UartFrame.request(UartCommand.WRITE, UartSource.PC, new byte[UartFrame.MAX_BODY + 1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(UartFrame.request(UartCommand.WRITE, UartSource.PC, new byte[UartFrame.MAX_BODY]).encode())
                .hasSize(UartFrame.MAX_LENGTH);
    }

    @Test
    void bodiesAreCopiedBothWays() {
        byte[] body = {1, 2};
        UartFrame f = UartFrame.request(UartCommand.WRITE, UartSource.PC, body);
        body[0] = 9;
        f.body()[1] = 9;
        assertThat(f.body()).containsExactly(1, 2);
    }
}
