package io.jkbms.link.can;

import io.jkbms.core.board.BoardModel;
import io.jkbms.core.board.Chemistry;
import io.jkbms.core.settings.CanProtocol;
import io.jkbms.core.settings.CommPortMode;
import io.jkbms.core.settings.Presets;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.settings.SettingsValidator;
import io.jkbms.core.telemetry.Alarm;
import io.jkbms.core.telemetry.BalancerStatus;
import io.jkbms.core.telemetry.PowerState;
import io.jkbms.core.telemetry.SensorStatus;
import io.jkbms.core.telemetry.Telemetry;
import io.jkbms.core.telemetry.TemperatureReading;
import io.jkbms.protocol.device.DeviceBackend;
import io.jkbms.protocol.device.DeviceCommand;
import io.jkbms.protocol.device.DeviceIdentity;

import java.util.EnumSet;
import java.util.List;

/** A C-model board with a 16S LFP pack at rest, its port in CAN mode; settings change through core's validation. */
final class CanBoard implements DeviceBackend {
    private final BoardModel model = BoardModel.parse("JK-BD4A24S-12PC");
    private volatile Settings settings;
    private final Telemetry telemetry;

    CanBoard(CanProtocol protocol) {
        Settings s = Presets.forChemistry(Chemistry.LFP).with(SettingKey.CELL_COUNT, 16);
        settings = SettingsValidator.apply(model, s, SettingsPatch.builder()
                .set(SettingKey.COMM_PORT_MODE, CommPortMode.CAN.ordinal())
                .set(SettingKey.CAN_PROTOCOL, protocol.ordinal()).build());
        int[] cells = new int[16];
        java.util.Arrays.fill(cells, 3_300);
        cells[4] = 3_310;
        cells[9] = 3_290;
        TemperatureReading t = new TemperatureReading(SensorStatus.OK, 215);
        telemetry = new Telemetry(0, 3_600, PowerState.ON, 52_800, -12_000, -633_600, 60, 168_000, 280_000, 280_000,
                3, 840_000, 100, cells, new int[16], 5, 10, 3_300, 20, t, List.of(t, t, TemperatureReading.ABSENT,
                TemperatureReading.ABSENT), true, true, false, BalancerStatus.IDLE, false, 0, false, 0, false, false, 1,
                EnumSet.noneOf(Alarm.class));
    }

    void set(SettingKey key, int value) {
        settings = SettingsValidator.apply(model, settings, SettingsPatch.of(key, value));
    }

    @Override
    public BoardModel model() {
        return model;
    }

    @Override
    public DeviceIdentity identity() {
        return new DeviceIdentity(model.name(), "11.XW", "11.26", "4100000000", "can test", "1234", "261124", "", 3_600, 1);
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
    public Settings applySettings(SettingsPatch patch, String who) {
        settings = SettingsValidator.apply(model, settings, patch);
        return settings;
    }

    @Override
    public void command(DeviceCommand command, String who) {
        // a board at rest: nothing to do
    }
}
