package io.jkbms.protocol.device;

import io.jkbms.core.board.BoardModel;
import io.jkbms.core.settings.InvalidSettingsException;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.telemetry.Telemetry;

/**
 * The board behind a device-side protocol session: the twin, or anything that behaves like a JK board. Implementations
 * are thread-safe (sessions run on transport threads).
 */
public interface DeviceBackend {
    BoardModel model();

    DeviceIdentity identity();

    Telemetry telemetry();

    Settings settings();

    /**
     * Telemetry and settings taken together, under whatever lock makes them one state of the board. Sessions build
     * every frame that needs both from one snapshot. The default takes them one after the other, which is only right
     * for a board whose state cannot change in between (a fixed test board); a live board overrides it.
     */
    default DeviceSnapshot snapshot() {
        return new DeviceSnapshot(telemetry(), settings());
    }

    /**
     * Applies a change whole or not at all, through the firmware's validation.
     *
     * @throws InvalidSettingsException naming each field, value and allowed range; nothing changed
     */
    Settings applySettings(SettingsPatch patch, String who);

    /**
     * @throws IllegalStateException or IllegalArgumentException when the board refuses (emergency while off, an
     *                               implausible calibration); nothing changed
     */
    void command(DeviceCommand command, String who);
}
