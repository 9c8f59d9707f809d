package io.jkbms.protocol.can;

/** Pylontech 0x355: [0-1] SOC %, [2-3] SOH % (u16 each). */
public record PylonSocSoh(int soc_pct, int soh_pct) implements CanPayload {
    public PylonSocSoh {
        Le.require(soc_pct >= 0 && soc_pct <= 0xFFFF && soh_pct >= 0 && soh_pct <= 0xFFFF, "SOC and SOH are u16");
    }

    @Override
    public CanMessage message() {
        return CanMessage.PYLON_SOC;
    }

    @Override
    public CanFrame toFrame() {
        byte[] d = new byte[4];
        Le.put16(d, 0, soc_pct);
        Le.put16(d, 2, soh_pct);
        return new CanFrame(message().id(), d);
    }

    static PylonSocSoh decode(CanFrame f) {
        return new PylonSocSoh(f.u16(0), f.u16(2));
    }
}
