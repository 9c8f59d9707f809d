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
