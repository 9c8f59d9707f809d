package io.jkbms.protocol.can;

/**
 * JK native 0x02F4 BATT_ST: [0-1] pack voltage 0.1 V, [2-3] current 0.1 A with a 400 A offset, [4] SOC %,
 * [5] undocumented (the PDF example shows "XX"; we send 0 and ignore it), [6-7] discharge time in hours.
 * <p>
 * Sign: {@code current_mA} here is + = charge like everywhere in jkbms; on the wire we follow JK's BMS-CAN PDF,
 * where + = discharge, so raw = 4000 − mA/100. dbus-serialbattery reads the raw value without inverting it (so it
 * would show our discharge as charge); flip {@link #DISCHARGE_POSITIVE} if a capture ever shows the PDF wrong.
 *
 * @param dischargeTime_h 0..65535; the twin sends 65535 when not discharging
 */
public record JkBattStatus(int packVoltage_mV, int current_mA, int soc_pct, int dischargeTime_h) implements CanPayload {
    /** Wire convention of [2-3]: + = discharge (JK's PDF). */
    public static final boolean DISCHARGE_POSITIVE = true;
    static final int CURRENT_OFFSET_dA = 4000;

    public JkBattStatus {
        Le.require(soc_pct >= 0 && soc_pct <= 0xFF, "SOC " + soc_pct + " does not fit a byte");
        Le.require(dischargeTime_h >= 0 && dischargeTime_h <= 0xFFFF, "discharge time " + dischargeTime_h + " h does not fit u16");
    }

    @Override
    public CanMessage message() {
        return CanMessage.JK_BATT_ST;
    }

    /** Voltage and current are rounded to 100 mV / 100 mA and clamped to what the fields carry. */
    @Override
    public CanFrame toFrame() {
        byte[] d = new byte[8];
        Le.put16(d, 0, Le.clampU16(Le.roundDiv(packVoltage_mV, 100)));
        long dA = Le.roundDiv(current_mA, 100);
        Le.put16(d, 2, Le.clampU16(CURRENT_OFFSET_dA + (DISCHARGE_POSITIVE ? -dA : dA)));
        d[4] = (byte) soc_pct;
        Le.put16(d, 6, dischargeTime_h);
        return new CanFrame(message().id(), d);
    }

    static JkBattStatus decode(CanFrame f) {
        int dA = f.u16(2) - CURRENT_OFFSET_dA;
        return new JkBattStatus(f.u16(0) * 100, (DISCHARGE_POSITIVE ? -dA : dA) * 100, f.u8(4), f.u16(6));
    }
}
