package io.jkbms.protocol.can;

/** JK native 0x04F4 CELL_VOLT: [0-1] highest cell mV, [2] its number, [3-4] lowest cell mV, [5] its number. */
public record JkCellVoltages(int max_mV, int maxCell, int min_mV, int minCell) implements CanPayload {
    public JkCellVoltages {
        Le.require(max_mV >= 0 && max_mV <= 0xFFFF && min_mV >= 0 && min_mV <= 0xFFFF, "cell voltages are u16 mV");
        Le.require(maxCell >= 0 && maxCell <= 0xFF && minCell >= 0 && minCell <= 0xFF, "cell numbers are one byte");
    }

    @Override
    public CanMessage message() {
        return CanMessage.JK_CELL_VOLT;
    }

    @Override
    public CanFrame toFrame() {
        byte[] d = new byte[6];
        Le.put16(d, 0, max_mV);
        d[2] = (byte) maxCell;
        Le.put16(d, 3, min_mV);
        d[5] = (byte) minCell;
        return new CanFrame(message().id(), d);
    }

    static JkCellVoltages decode(CanFrame f) {
        return new JkCellVoltages(f.u16(0), f.u8(2), f.u16(3), f.u8(5));
    }
}
