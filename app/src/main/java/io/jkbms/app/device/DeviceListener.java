package io.jkbms.app.device;

/** Live updates from a device. Called on the device's publishing thread, never under the twin's lock. */
public interface DeviceListener {
    void onStatus(StatusView status);

    default void onEvent(EventView event) {
    }
}
