package io.jkbms.protocol.can;

/** Pylontech 0x356: [0-1] pack voltage 10 mV (u16), [2-3] current 0.1 A (i16, + = charge), [4-5] temperature 0.1 °C (i16). */
public record PylonMeasurements(int packVoltage_mV, int current_mA, int temperature_dC) implements CanPayload {

    @Override
    public CanMessage message() {
        return CanMessage.PYLON_MEASUREMENTS;
    }

    /** Rounded to 10 mV / 100 mA and clamped to the fields. */
    @Override
    public CanFrame toFrame() {
        byte[] d = new byte[6];
        Le.put16(d, 0, Le.clampU16(Le.roundDiv(packVoltage_mV, 10)));
        Le.put16(d, 2, Le.clampI16(Le.roundDiv(current_mA, 100)));
        Le.put16(d, 4, Le.clampI16(temperature_dC));
        return new CanFrame(message().id(), d);
    }

    static PylonMeasurements decode(CanFrame f) {
        return new PylonMeasurements(f.u16(0) * 10, f.i16(2) * 100, f.i16(4));
    }
}
