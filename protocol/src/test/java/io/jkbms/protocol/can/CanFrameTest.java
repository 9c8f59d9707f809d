package io.jkbms.protocol.can;

import io.jkbms.protocol.CodecException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanFrameTest {

    @Test
    void elevenBitIdsAndUpToEightBytes() throws CodecException {
        assertThat(new CanFrame(0x7FF, new byte[8]).length()).isEqualTo(8);
        assertThat(new CanFrame(0, new byte[0]).length()).isZero();
        assertThatThrownBy(() -> new CanFrame(0x800, new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CanFrame(-1, new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CanFrame(1, new byte[9])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanFrame.decode(0x18FF50E5, new byte[8])).isInstanceOf(CodecException.class)
                .hasMessage("CAN id 0x18FF50E5 is not an 11-bit identifier");
        assertThatThrownBy(() -> CanFrame.decode(1, new byte[12])).isInstanceOf(CodecException.class)
                .hasMessage("12 data bytes exceed the 8 of a CAN frame");
        assertThat(CanFrame.decode(0x2F4, new byte[]{1})).isEqualTo(new CanFrame(0x2F4, new byte[]{1}));
    }

    @Test
    void immutableValueWithCandumpText() {
        byte[] d = {0x13, 0x01};
        CanFrame f = new CanFrame(0x2F4, d);
        d[0] = 0;
        f.data()[1] = 0;
        assertThat(f.data()).containsExactly(0x13, 0x01);
        assertThat(f).isEqualTo(new CanFrame(0x2F4, new byte[]{0x13, 0x01})).hasSameHashCodeAs(new CanFrame(0x2F4, new byte[]{0x13, 0x01}));
        assertThat(f.toString()).isEqualTo("2F4#1301");
    }

    @Test
    void messageTable() {
        assertThat(CanMessage.of(io.jkbms.core.settings.CanProtocol.JK_NATIVE)).containsExactly(
                CanMessage.JK_BATT_ST, CanMessage.JK_CELL_VOLT, CanMessage.JK_CELL_TEMP, CanMessage.JK_ALM_INFO);
        assertThat(CanMessage.of(io.jkbms.core.settings.CanProtocol.PYLONTECH)).extracting(CanMessage::id)
                .containsExactly(0x351, 0x355, 0x356, 0x359, 0x35C, 0x35E);
        for (CanMessage m : CanMessage.values()) {
            if (m.protocol() == io.jkbms.core.settings.CanProtocol.JK_NATIVE) {
                assertThat(m.id() & 0xFF).isEqualTo(0xF4);
            }
        }
        assertThat(CanMessage.bitrate(io.jkbms.core.settings.CanProtocol.JK_NATIVE)).isEqualTo(250_000);
        assertThat(CanMessage.bitrate(io.jkbms.core.settings.CanProtocol.PYLONTECH)).isEqualTo(500_000);
    }
}
