package io.jkbms.protocol.uart;

import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.Hex;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Requests as the device reads them. */
class UartRequestTest {

    private static UartRequest decode(String hex) throws CodecException {
        return UartRequest.decode(UartFrame.decode(Hex.parse(hex)));
    }

    private static UartFrame request(UartCommand c, String body) throws CodecException {
        return UartFrame.request(c, UartSource.PC, Hex.parse(body));
    }

    @Test
    void theDocumentedRequests() throws CodecException {
        assertThat(decode("4E5700130000000006030000000000006800000129")).isEqualTo(UartRequest.readAll());
        assertThat(decode("4E570014000000000502000000000000006800000128")).isEqualTo(UartRequest.password());
        UartRequest w = decode("4E57001400000000020200AB010000000068000001D1");
        assertThat(w).isEqualTo(new UartRequest.Write(new UartValue.Num(UartId.CHARGE_SWITCH, 1), 1));
    }

    @Test
    void readOneWithIdentifierZeroReadsAll() throws CodecException {
        assertThat(UartRequest.decode(request(UartCommand.READ_ONE, "00"))).isEqualTo(UartRequest.readAll());
        assertThat(UartRequest.decode(request(UartCommand.READ_ONE, "90"))).isEqualTo(UartRequest.readOne(UartId.CELL_OVP));
        assertThat(UartRequest.decode(UartRequest.readOne(UartId.PROTOCOL_VERSION).toFrame(UartSource.BT)))
                .isEqualTo(new UartRequest.ReadOne(UartId.PROTOCOL_VERSION));
    }

    @Test
    void theMultiByteWriteFormIsBigEndian() throws CodecException {
        UartRequest.Write w = UartRequest.write(new UartValue.Num(UartId.CELL_OVP, 4_200));
        assertThat(Hex.of(w.body())).isEqualTo("901068");
        assertThat(Hex.of(UartRequest.write(new UartValue.Num(UartId.CAPACITY, 280)).body())).isEqualTo("AA00000118");
        assertThat(Hex.of(UartRequest.write(new UartValue.Num(UartId.CHARGE_UTP, -20)).body())).isEqualTo("A5FFEC");
        assertThat(Hex.of(UartRequest.write(new UartValue.Text(UartId.PASSWORD, "1234")).body()))
                .isEqualTo("B231323334000000000000");
        assertThat(UartRequest.decode(w.toFrame(UartSource.PC))).isEqualTo(w);
    }

    @Test
    void shortWritesAreZeroExtended() throws CodecException {
        UartRequest r = UartRequest.decode(request(UartCommand.WRITE, "9005"));
        assertThat(r).isEqualTo(new UartRequest.Write(new UartValue.Num(UartId.CELL_OVP, 5), 1));
        UartRequest r3 = UartRequest.decode(request(UartCommand.WRITE, "AA000118"));
        assertThat(r3).isEqualTo(new UartRequest.Write(new UartValue.Num(UartId.CAPACITY, 280), 3));
        assertThat(Hex.of(((UartRequest.Write) r3).body())).isEqualTo("AA000118");
        assertThat(UartRequest.decode(request(UartCommand.WRITE, "A5EC")))
                .isEqualTo(new UartRequest.Write(new UartValue.Num(UartId.CHARGE_UTP, 0xEC), 1));
    }

    @Test
    void malformedRequestsAreCodecErrors() {
        assertThatThrownBy(() -> UartRequest.decode(request(UartCommand.READ_ONE, "")))
                .isInstanceOf(CodecException.class).hasMessage("read-one request without an identifier (body is empty)");
        assertThatThrownBy(() -> UartRequest.decode(request(UartCommand.READ_ONE, "88")))
                .hasMessage("read-one request for unknown identifier 0x88 at offset 11");
        assertThatThrownBy(() -> UartRequest.decode(request(UartCommand.WRITE, "AB")))
                .hasMessage("write request needs an identifier and at least one value byte, got 1 body byte(s)");
        assertThatThrownBy(() -> UartRequest.decode(request(UartCommand.WRITE, "8D01")))
                .hasMessage("write request for unknown identifier 0x8D at offset 11");
        assertThatThrownBy(() -> UartRequest.decode(request(UartCommand.WRITE, "AB0001")))
                .hasMessage("write request for 0xAB CHARGE_SWITCH carries 2 value bytes, at most 1");
        assertThatThrownBy(() -> UartRequest.decode(request(UartCommand.WRITE, "790301")))
                .hasMessageContaining("read-only and has no write form");
        assertThatThrownBy(() -> UartRequest.decode(UartFrame.reply(UartCommand.READ_ALL, new byte[]{0})))
                .hasMessage("frame type 01 (reply) at offset 10 is not a request");
    }

    @Test
    void writeValuesMustFitTheirByteCount() {
        assertThatThrownBy(() -> UartRequest.writeOneByte(UartId.CELL_OVP, 4_200)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UartRequest.Write(new UartValue.Num(UartId.CHARGE_UTP, -1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UartRequest.Write(new UartValue.Num(UartId.SOC, 1), 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UartRequest.Write(UartValue.cells(3300), 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherCommands() throws CodecException {
        assertThat(UartRequest.decode(UartRequest.activate().toFrame(UartSource.PC))).isEqualTo(UartRequest.activate());
        assertThat(UartRequest.activate().toFrame(UartSource.PC).command()).isEqualTo(UartCommand.ACTIVATE);
        UartRequest.Password p = new UartRequest.Password(Hex.parse("B2313233"));
        assertThat(UartRequest.decode(p.toFrame(UartSource.BT))).isEqualTo(p);
        // Type 02 ("upload"), as one ESPHome version sends writes, is still a request.
        UartFrame upload = new UartFrame(0, UartCommand.WRITE, UartSource.GPS, UartFrameType.UPLOAD, Hex.parse("AB01"), 0);
        assertThat(UartRequest.decode(upload)).isEqualTo(UartRequest.writeOneByte(UartId.CHARGE_SWITCH, 1));
    }
}
