package io.jkbms.firmware;

/**
 * Fixed values of the firmware that the APP does not set. Each says where it comes from; thresholds the user sets live
 * in {@link io.jkbms.core.settings.Settings} and the protections that use them in
 * {@link io.jkbms.firmware.protection.Protection}.
 */
public final class FirmwareConstants {
    private FirmwareConstants() {
    }

    /** The control period the firmware is designed for; it works with any period, timing is by the clock. */
    public static final int CONTROL_PERIOD_ms = 100;

    /** Guide: cell sampling covers 1 V to 5 V; a channel outside reads as "no cell". */
    public static final int CELL_MIN_mV = 1_000;
    public static final int CELL_MAX_mV = 5_000;

    /** Plausible battery temperatures; a reading outside means the sensor is open (cold) or shorted (hot). */
    public static final int SENSOR_OPEN_BELOW_dC = -500;
    public static final int SENSOR_SHORTED_ABOVE_dC = 1_500;

    /** Charge activation: a charger at least 2 V above the pack (guide: "Installation Precautions"). */
    public static final int CHARGER_DETECT_MARGIN_mV = 2_000;
    /** A charging current this large also means a charger is present. */
    public static final int CHARGER_DETECT_CURRENT_mA = 500;

    /** Intelligent sleep: current below 1 A counts as idle (guide: "below 1A for 26 consecutive hours"). */
    public static final int SLEEP_IDLE_CURRENT_mA = 1_000;
    /** Smart sleep: an idle pack with a cell below the smart-sleep voltage sleeps after this long (chosen). */
    public static final long SMART_SLEEP_DELAY_ms = 60_000;

    /** Auto shutdown waits this long below the power-off voltage: long enough for a user who woke the board with
     *  the button to start emergency mode from the APP (chosen). */
    public static final long POWER_OFF_DELAY_ms = 60_000;

    /** The short-circuit comparator threshold: about twice the 240 A peak rating (chosen; not user-settable on JK). */
    public static final int SCP_THRESHOLD_mA = 500_000;

    /** Wire resistance above which balancing is blocked and the wire-resistance alarm raised (chosen: ten times a
     *  typical measured lead of 50–100 mΩ, vectors/CELL_INFO_JK02_24S_V10). */
    public static final int WIRE_RESISTANCE_LIMIT_mOhm = 1_000;
    /** How often the firmware re-measures balance-wire resistance (with the balancer idle). */
    public static final long WIRE_MEASURE_PERIOD_ms = 3_600_000;

    /** Temperature protections act after the reading has stayed beyond the limit this long (chosen, like the
     *  protections JK does not expose a delay for). */
    public static final long TEMPERATURE_DELAY_ms = 5_000;
    /** Recoveries by threshold need the value back on the safe side this long, so noise cannot chatter a MOSFET. */
    public static final long RECOVERY_HOLD_ms = 2_000;

    /** Balancing re-chooses the highest and lowest cell this often, not every tick. */
    public static final long BALANCE_RESELECT_ms = 1_000;

    /** SOC anchors: the voltage must stay at the anchor this long (chosen: filters current spikes). */
    public static final long SOC_ANCHOR_HOLD_ms = 5_000;

    /** Calibration may correct a reading by at most this much (chosen: more means a wrong entry or a fault). */
    public static final int CALIBRATION_MAX_CORRECTION_pct = 10;

    /** GPS heartbeat: the module is taken as gone after this long without a message (chosen). */
    public static final long GPS_TIMEOUT_ms = 60_000;

    /** The display goes dark this long after the last press, unless "display always on" (chosen). */
    public static final long DISPLAY_ON_ms = 60_000;
}
