package io.jkbms.app.device;

/** Live updates from a device. Called on the device's publishing thread, never under the twin's lock. */
public interface DeviceListener {
    /** The latest reading for a screen: a twin running fast is thinned to a few per second of wall time. */
    void onStatus(StatusView status);

    /**
     * Every reading the board gives, unthinned (the twin's every 500 ms of simulated time, whatever its speed), for
     * recording. Offline views are not readings and do not come here.
     */
    default void onReading(StatusView reading) {
    }

    default void onEvent(EventView event) {
    }
}
