package io.jkbms.protocol.device;

import io.jkbms.core.board.BoardModel;
import io.jkbms.core.board.Chemistry;
import io.jkbms.core.settings.Presets;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.settings.SettingsValidator;
import io.jkbms.core.telemetry.Telemetry;
import io.jkbms.protocol.uart.TelemetryBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A board for session tests: fixed model, identity and telemetry, settings that change only through core's
 * {@link SettingsValidator#apply} (so refusals are the firmware's), and a record of every patch and command received.
 * Not thread-safe.
 */
public final class FakeBackend implements DeviceBackend {
    /** Who asked what: the patch or command, and the session that sent it. */
    public record Received<T>(T what, String who) {
    }

    public static final int[] CELLS_16 = {3301, 3302, 3303, 3304, 3305, 3306, 3307, 3308,
            3309, 3310, 3311, 3312, 3313, 3314, 3315, 3290};

    public BoardModel model;
    public DeviceIdentity identity;
    public Telemetry telemetry;
    public Settings settings;
    /** Decides what {@link #command} does with a command: null accepts it, anything else is thrown. */
    public Function<DeviceCommand, RuntimeException> refuse = c -> null;

    public final List<Received<SettingsPatch>> patches = new ArrayList<>();
    public final List<Received<DeviceCommand>> commands = new ArrayList<>();

    public FakeBackend(BoardModel model, DeviceIdentity identity, Telemetry telemetry, Settings settings) {
        this.model = model;
        this.identity = identity;
        this.telemetry = telemetry;
        this.settings = settings;
    }

    /** An LFP 16S pack on a JK-BD4A24S-12PHCR with the given software version (which picks the JK02 layout). */
    public static FakeBackend lfp16(String softwareVersion) {
        return lfp16("JK-BD4A24S-12PHCR", softwareVersion);
    }

    public static FakeBackend lfp16(String model, String softwareVersion) {
        return new FakeBackend(BoardModel.parse(model), identity(model, softwareVersion),
                TelemetryBuilder.telemetry().cells(CELLS_16).build(), lfp16Settings());
    }

    public static Settings lfp16Settings() {
        Settings s = Presets.forChemistry(Chemistry.LFP).with(SettingKey.CELL_COUNT, 16);
        if (s.get(SettingKey.CELL_COUNT) != 16) {
            throw new AssertionError("preset");
        }
        return s;
    }

    public static DeviceIdentity identity(String model, String softwareVersion) {
        return new DeviceIdentity(model, "11.XW", softwareVersion, "4101234567", "test pack", "1234", "250314",
                "", 3_600, 7);
    }

    @Override
    public BoardModel model() {
        return model;
    }

    @Override
    public DeviceIdentity identity() {
        return identity;
    }

    /** Reads of telemetry alone, settings alone, and of both together (sessions should use the last). */
    public int telemetryReads;
    public int settingsReads;
    public int snapshotReads;

    @Override
    public Telemetry telemetry() {
        telemetryReads++;
        return telemetry;
    }

    @Override
    public Settings settings() {
        settingsReads++;
        return settings;
    }

    @Override
    public DeviceSnapshot snapshot() {
        snapshotReads++;
        return new DeviceSnapshot(telemetry, settings);
    }

    @Override
    public Settings applySettings(SettingsPatch patch, String who) {
        patches.add(new Received<>(patch, who));
        settings = SettingsValidator.apply(model, settings, patch);
        return settings;
    }

    @Override
    public void command(DeviceCommand command, String who) {
        commands.add(new Received<>(command, who));
        RuntimeException e = refuse.apply(command);
        if (e != null) {
            throw e;
        }
    }

    /** The commands received, without who sent them. */
    public List<DeviceCommand> commandList() {
        return commands.stream().map(Received::what).toList();
    }
}
