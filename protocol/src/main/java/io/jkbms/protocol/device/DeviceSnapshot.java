package io.jkbms.protocol.device;

import io.jkbms.core.settings.Settings;
import io.jkbms.core.telemetry.Telemetry;

/**
 * The board's telemetry and settings taken at one instant ({@link DeviceBackend#snapshot}), so a frame built from
 * both never mixes a reading with settings from before or after a change (e.g. a cell count that changed in between).
 */
public record DeviceSnapshot(Telemetry telemetry, Settings settings) {
    public DeviceSnapshot {
        java.util.Objects.requireNonNull(telemetry, "telemetry");
        java.util.Objects.requireNonNull(settings, "settings");
    }
}
