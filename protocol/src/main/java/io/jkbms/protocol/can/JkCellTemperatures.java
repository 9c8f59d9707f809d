package io.jkbms.protocol.can;

/** JK native 0x05F4 CELL_TEMP: [0] highest °C + 50, [1] its sensor, [2] lowest °C + 50, [3] its sensor, [4] mean °C + 50. */
public record JkCellTemperatures(int max_C, int maxSensor, int min_C, int minSensor, int average_C) implements CanPayload {
    public static final int OFFSET_C = 50;
    public static final int MIN_C = -OFFSET_C;
    public static final int MAX_C = 0xFF - OFFSET_C;

    public JkCellTemperatures {
        for (int c : new int[]{max_C, min_C, average_C}) {
            Le.require(c >= MIN_C && c <= MAX_C, c + " °C is outside " + MIN_C + ".." + MAX_C);
        }
        Le.require(maxSensor >= 0 && maxSensor <= 0xFF && minSensor >= 0 && minSensor <= 0xFF, "sensor numbers are one byte");
    }

    @Override
    public CanMessage message() {
        return CanMessage.JK_CELL_TEMP;
    }

    @Override
    public CanFrame toFrame() {
        return new CanFrame(message().id(), new byte[]{(byte) (max_C + OFFSET_C), (byte) maxSensor,
                (byte) (min_C + OFFSET_C), (byte) minSensor, (byte) (average_C + OFFSET_C)});
    }

    static JkCellTemperatures decode(CanFrame f) {
        return new JkCellTemperatures(f.u8(0) - OFFSET_C, f.u8(1), f.u8(2) - OFFSET_C, f.u8(3), f.u8(4) - OFFSET_C);
    }
}
