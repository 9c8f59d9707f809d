package io.jkbms.app.history;

import io.jkbms.app.device.EventView;

import java.util.Set;

/**
 * An event as the history keeps it. {@code category} is what the Events page filters by (see {@link #CATEGORIES});
 * {@code who} names who made a change ("web 127.0.0.1", "jk02", …), empty when the board did it by itself.
 */
public record StoredEvent(long time_ms, String category, String event, String phase, int cell, String text,
                          String who) {

    public static final Set<String> CATEGORIES = Set.of("protection", "switch", "settings", "power", "emergency",
            "calibration", "balance", "link", "other");

    private static final Set<String> PROTECTIONS = Set.of("CELL_OVP", "CELL_UVP", "CHARGE_OCP", "DISCHARGE_OCP",
            "DOCP2", "DOCP3", "SCP", "CHARGE_OTP", "CHARGE_UTP", "DISCHARGE_OTP", "DISCHARGE_UTP", "MOS_OTP",
            "CELL_COUNT_MISMATCH", "WIRE_RESISTANCE", "TEMP_SENSOR_FAULT", "CELL_DELTA", "LOW_SOC",
            "PARALLEL_MODULE_FAULT", "GPS_DISCONNECTED");

    public StoredEvent {
        if (!CATEGORIES.contains(category)) {
            throw new IllegalArgumentException("unknown event category " + category);
        }
    }

    public static StoredEvent of(EventView v) {
        return new StoredEvent(v.time_ms(), categoryOf(v.event()), v.event(), v.phase(), v.cell(), v.text(),
                whoOf(v.text()));
    }

    /** The category of a firmware event type (io.jkbms.core.event.EventType's names) or of "LINK". */
    public static String categoryOf(String event) {
        if (PROTECTIONS.contains(event)) {
            return "protection";
        }
        switch (event) {
            case "SWITCH": return "switch";
            case "SETTINGS": case "FACTORY_RESET": return "settings";
            case "SLEEP": case "WAKE": case "ACTIVATION": case "POWER_OFF": return "power";
            case "EMERGENCY": return "emergency";
            case "CALIBRATION": return "calibration";
            case "BALANCE": return "balance";
            case "LINK": return "link";
            default: return "other";
        }
    }

    /** The firmware writes "… (by WHO)" at the end of a change it was asked for. */
    static String whoOf(String text) {
        int at = text.lastIndexOf("(by ");
        return at >= 0 && text.endsWith(")") ? text.substring(at + 4, text.length() - 1) : "";
    }
}
