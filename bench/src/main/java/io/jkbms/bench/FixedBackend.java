package io.jkbms.bench;

import io.jkbms.core.board.BoardModel;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.settings.SettingsValidator;
import io.jkbms.core.telemetry.Telemetry;
import io.jkbms.protocol.device.DeviceBackend;
import io.jkbms.protocol.device.DeviceCommand;
import io.jkbms.protocol.device.DeviceIdentity;

/**
 * A board that does not change: one telemetry snapshot, settings that change only through {@link #applySettings}
 * (validated like the firmware does). Thread-safe and cheap: reads are volatile field loads, so the benchmark measures
 * the protocol and transport, not a simulation behind a lock. Commands are accepted and do nothing.
 */
final class FixedBackend implements DeviceBackend {
    private final BoardModel model;
    private final DeviceIdentity identity;
    private final Telemetry telemetry;
    private volatile Settings settings;

    FixedBackend(BoardModel model, String softwareVersion, Telemetry telemetry, Settings settings) {
        this.model = model;
        this.telemetry = telemetry;
        this.settings = settings;
        this.identity = new DeviceIdentity(model.name(), "11.XW", softwareVersion, "4100000000", "jkbms bench", "1234",
                "261124", settings.userData(), telemetry.runtime_s(), telemetry.powerOnCount());
    }

    @Override
    public BoardModel model() {
        return model;
    }

    @Override
    public DeviceIdentity identity() {
        return identity;
    }

    @Override
    public Telemetry telemetry() {
        return telemetry;
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public synchronized Settings applySettings(SettingsPatch patch, String who) {
        Settings s = SettingsValidator.apply(model, settings, patch);
        settings = s;
        return s;
    }

    @Override
    public void command(DeviceCommand command, String who) {
        // a fixed board: acknowledged, no effect
    }
}
