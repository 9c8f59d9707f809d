package io.jkbms.protocol.can;

import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;

/**
 * Pylontech 0x351: [0-1] charge voltage 0.1 V (u16), [2-3] charge current limit 0.1 A (i16), [4-5] discharge current
 * limit 0.1 A (i16), [6-7] minimum discharge voltage 0.1 V (u16). This only encodes the limits it is given; how they
 * move (drop at once, rise slowly, 0 A outside bulk/absorption) is the application's policy.
 */
public record PylonLimits(int chargeVoltage_mV, int chargeCurrent_mA, int dischargeCurrent_mA, int dischargeVoltage_mV)
        implements CanPayload {

    /** Static limits from the settings: RCV × cells, the charge and discharge OCP, UVP × cells. */
    public static PylonLimits fromSettings(Settings s) {
        int cells = s.get(SettingKey.CELL_COUNT);
        return new PylonLimits(s.get(SettingKey.RCV_mV) * cells, s.get(SettingKey.CHARGE_OCP_mA),
                s.get(SettingKey.DISCHARGE_OCP_mA), s.get(SettingKey.CELL_UVP_mV) * cells);
    }

    @Override
    public CanMessage message() {
        return CanMessage.PYLON_LIMITS;
    }

    /** Rounded to 100 mV / 100 mA and clamped to the fields. */
    @Override
    public CanFrame toFrame() {
        byte[] d = new byte[8];
        Le.put16(d, 0, Le.clampU16(Le.roundDiv(chargeVoltage_mV, 100)));
        Le.put16(d, 2, Le.clampI16(Le.roundDiv(chargeCurrent_mA, 100)));
        Le.put16(d, 4, Le.clampI16(Le.roundDiv(dischargeCurrent_mA, 100)));
        Le.put16(d, 6, Le.clampU16(Le.roundDiv(dischargeVoltage_mV, 100)));
        return new CanFrame(message().id(), d);
    }

    static PylonLimits decode(CanFrame f) {
        return new PylonLimits(f.u16(0) * 100, f.i16(2) * 100, f.i16(4) * 100, f.u16(6) * 100);
    }
}
