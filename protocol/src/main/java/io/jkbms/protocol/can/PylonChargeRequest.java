package io.jkbms.protocol.can;

/** Pylontech 0x35C: byte 0 bit 7 charge enable, bit 6 discharge enable; byte 1 is 0. Other bits are ignored. */
public record PylonChargeRequest(boolean chargeEnable, boolean dischargeEnable) implements CanPayload {
    static final int CHARGE = 0x80;
    static final int DISCHARGE = 0x40;

    @Override
    public CanMessage message() {
        return CanMessage.PYLON_CHARGE_REQUEST;
    }

    @Override
    public CanFrame toFrame() {
        return new CanFrame(message().id(), new byte[]{(byte) ((chargeEnable ? CHARGE : 0) | (dischargeEnable ? DISCHARGE : 0)), 0});
    }

    static PylonChargeRequest decode(CanFrame f) {
        return new PylonChargeRequest((f.u8(0) & CHARGE) != 0, (f.u8(0) & DISCHARGE) != 0);
    }
}
