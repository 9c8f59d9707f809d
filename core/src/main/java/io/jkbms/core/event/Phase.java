package io.jkbms.core.event;

/** Where in its life an event's condition is: protections trip and recover; activities start and stop. */
public enum Phase {
    TRIP,
    RECOVER,
    START,
    STOP,
    /** A one-off occurrence: a setting changed, a switch toggled, a calibration. */
    CHANGE
}
