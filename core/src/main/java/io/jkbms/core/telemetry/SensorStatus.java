package io.jkbms.core.telemetry;

/** The state of one temperature sensor input. */
public enum SensorStatus {
    /** Reading plausible. */
    OK,
    /** Not fitted: channels 3 and 4 are optional; the APP shows "NA". */
    ABSENT,
    /** The sensor wire is open (reads colder than any real pack). */
    OPEN,
    /** The sensor is shorted (reads hotter than any real pack). */
    SHORTED
}
