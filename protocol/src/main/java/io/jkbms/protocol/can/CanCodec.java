package io.jkbms.protocol.can;

import io.jkbms.protocol.CodecException;

/**
 * Reads any broadcast frame of either set: the receiving side's view (an inverter, a monitor, the tests). JK native
 * frames are accepted with the low byte 0xF4 and 0xF5 (the "silver" B2A boards, dbus-serialbattery #950). A frame
 * longer than its message is accepted and the extra bytes ignored.
 */
public final class CanCodec {
    private CanCodec() {
    }

    /** @throws CodecException for an identifier of neither set, or fewer data bytes than the message defines */
    public static CanPayload decode(CanFrame f) throws CodecException {
        CanMessage m = messageOf(f.id());
        if (f.length() < m.length()) {
            throw new CodecException(String.format("0x%03X %s needs %d data bytes, got %d", f.id(), m, m.length(), f.length()));
        }
        switch (m) {
            case JK_BATT_ST: return JkBattStatus.decode(f);
            case JK_CELL_VOLT: return JkCellVoltages.decode(f);
            case JK_CELL_TEMP: return JkCellTemperatures.decode(f);
            case JK_ALM_INFO: return JkAlarmInfo.decode(f);
            case PYLON_LIMITS: return PylonLimits.decode(f);
            case PYLON_SOC: return PylonSocSoh.decode(f);
            case PYLON_MEASUREMENTS: return PylonMeasurements.decode(f);
            case PYLON_ALARMS: return PylonAlarms.decode(f);
            case PYLON_CHARGE_REQUEST: return PylonChargeRequest.decode(f);
            default: return PylonName.decode(f);
        }
    }

    /** The message an identifier carries. @throws CodecException if none */
    public static CanMessage messageOf(int id) throws CodecException {
        for (CanMessage m : CanMessage.values()) {
            if (m.id() == id || m.protocol() == io.jkbms.core.settings.CanProtocol.JK_NATIVE && (m.id() | 1) == id) {
                return m;
            }
        }
        throw new CodecException(String.format("CAN id 0x%03X is not a JK native or Pylontech broadcast frame", id));
    }
}
