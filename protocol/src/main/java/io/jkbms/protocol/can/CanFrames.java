package io.jkbms.protocol.can;

import io.jkbms.core.settings.Settings;
import io.jkbms.core.telemetry.Telemetry;

import java.util.Optional;

/** The frame for a due message, built from the board's state. Empty when the message is not sent now. */
public final class CanFrames {
    private CanFrames() {
    }

    /**
     * @return empty for ALM_INFO without an active alarm and for CELL_TEMP without a working external sensor
     */
    public static Optional<CanFrame> build(CanMessage m, Telemetry t, Settings s, CanOptions o) {
        return payload(m, t, s, o).map(CanPayload::toFrame);
    }

    public static Optional<CanPayload> payload(CanMessage m, Telemetry t, Settings s, CanOptions o) {
        switch (m) {
            case JK_BATT_ST: return Optional.of(JkNativeCan.battStatus(t));
            case JK_CELL_VOLT: return Optional.of(JkNativeCan.cellVoltages(t));
            case JK_CELL_TEMP: return JkNativeCan.cellTemperatures(t).map(c -> c);
            case JK_ALM_INFO: {
                JkAlarmInfo a = JkNativeCan.alarmInfo(t.alarms());
                return a.isEmpty() ? Optional.empty() : Optional.of(a);
            }
            case PYLON_LIMITS: return Optional.of(o.limits());
            case PYLON_SOC: return Optional.of(PylontechCan.socSoh(t));
            case PYLON_MEASUREMENTS: return Optional.of(PylontechCan.measurements(t));
            case PYLON_ALARMS: return Optional.of(PylontechCan.alarms(t.alarms(), o.moduleCount()));
            case PYLON_CHARGE_REQUEST: return Optional.of(PylontechCan.chargeRequest(t));
            default: return Optional.of(o.pylonName());
        }
    }
}
