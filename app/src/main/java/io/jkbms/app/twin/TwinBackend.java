package io.jkbms.app.twin;

import io.jkbms.core.board.BoardModel;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.telemetry.Telemetry;
import io.jkbms.protocol.device.DeviceBackend;
import io.jkbms.protocol.device.DeviceCommand;
import io.jkbms.protocol.device.DeviceIdentity;
import io.jkbms.protocol.device.DeviceSnapshot;
import io.jkbms.sim.twin.Twin;

import java.util.Locale;

/**
 * A twin as the board behind the protocol sessions. Every call goes through the twin's lock. The identity is that of a
 * BD4A on firmware 11.x (every BD4A reported so far runs 11.x, so clients choose the JK02_32S layout), unless told
 * otherwise (an older 10.x identity makes the twin speak JK02_24S).
 */
public final class TwinBackend implements DeviceBackend {
    /** Hardware and software versions the twin reports by default (BD4A boards: sw 11.x, protocols.md §1.9). */
    public static final String HARDWARE = "11.XW";
    public static final String SOFTWARE_32S = "11.26";
    public static final String SOFTWARE_24S = "10.07";

    private final Twin twin;
    private final String softwareVersion;
    private final String serial;

    public TwinBackend(Twin twin, boolean layout32S) {
        this.twin = twin;
        this.softwareVersion = layout32S ? SOFTWARE_32S : SOFTWARE_24S;
        this.serial = String.format(Locale.ROOT, "%010d", Math.floorMod(twin.scenario().pack().seed() * 7919L + 4_100_000_000L,
                10_000_000_000L));
    }

    public Twin twin() {
        return twin;
    }

    @Override
    public BoardModel model() {
        return twin.scenario().model();
    }

    @Override
    public DeviceIdentity identity() {
        return twin.call(sim -> {
            Telemetry t = sim.bms().telemetry();
            return new DeviceIdentity(model().name(), HARDWARE, softwareVersion, serial, "jkbms twin", "1234", "261124",
                    sim.bms().settings().userData(), t.runtime_s(), t.powerOnCount());
        });
    }

    @Override
    public Telemetry telemetry() {
        return twin.call(sim -> sim.bms().telemetry());
    }

    @Override
    public Settings settings() {
        return twin.call(sim -> sim.bms().settings());
    }

    /** Both in one {@code twin.call}: the twin cannot tick between them. */
    @Override
    public DeviceSnapshot snapshot() {
        return twin.call(sim -> new DeviceSnapshot(sim.bms().telemetry(), sim.bms().settings()));
    }

    @Override
    public Settings applySettings(SettingsPatch patch, String who) {
        return twin.call(sim -> sim.bms().applySettings(patch, who));
    }

    @Override
    public void command(DeviceCommand command, String who) {
        twin.call(sim -> {
            var bms = sim.bms();
            if (command instanceof DeviceCommand.Emergency e) {
                if (e.on()) {
                    bms.startEmergency();
                } else {
                    bms.stopEmergency();
                }
            } else if (command instanceof DeviceCommand.PowerOff) {
                bms.powerOff();
            } else if (command instanceof DeviceCommand.Wake) {
                bms.wake();
            } else if (command instanceof DeviceCommand.FactoryReset) {
                bms.factoryReset(who);
            } else if (command instanceof DeviceCommand.CalibratePackVoltage c) {
                bms.calibratePackVoltage(c.measured_mV());
            } else if (command instanceof DeviceCommand.CalibrateCurrent c) {
                bms.calibrateCurrent(c.measured_mA());
            }
            return null;
        });
    }
}
