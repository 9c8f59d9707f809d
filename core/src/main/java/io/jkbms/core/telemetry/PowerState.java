package io.jkbms.core.telemetry;

/** Whether the board is running, asleep (intelligent sleep) or shut down (auto shutdown or a power-off command). */
public enum PowerState {
    ON,
    SLEEP,
    OFF
}
