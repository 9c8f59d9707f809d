package io.jkbms.link.client;

import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.link.Link;
import io.jkbms.protocol.device.DeviceCommand;

import java.io.IOException;
import java.time.Duration;

/**
 * A client of a real (or twin) JK board over any {@link Link}: reads who it is, its settings and live status, and
 * writes a setting or switch, confirming it by reading it back. Two implementations: {@link Jk02Client} (the BLE
 * protocol, as a BLE-TCP bridge or a BLE link carries it) and {@link UartClient} (4E57 over RS485/TTL or a gateway).
 */
public interface BmsClient extends AutoCloseable {
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    BoardInfo info() throws IOException;

    /** The board's settings, as far as the protocol carries them (JSON names via {@link SettingsPatch#toNamedValues}). */
    SettingsPatch settings() throws IOException;

    /** The latest live reading (waits for one if none has arrived yet). */
    BoardStatus status() throws IOException;

    /**
     * Writes one setting (switches are settings: charge_enabled, ...) and waits until the board reports the new value.
     *
     * @throws ConfirmationException naming the setting when the board does not confirm within the timeout (it refused
     *                               the value, or did not answer)
     */
    void set(SettingKey key, int value) throws IOException;

    /**
     * Sends a command of the APP's control and calibration page and returns once the board has confirmed it: by
     * read-back where the board reports the effect (emergency flag, pack voltage or current after a calibration),
     * else by the board's acknowledgement. Each implementation lists which command it confirms how.
     *
     * @throws IllegalArgumentException naming the command and the protocol when the protocol cannot carry it (or
     *                                  the value does not fit its field); nothing is sent
     * @throws ConfirmationException    naming the command when the board does not confirm it in time
     */
    void command(DeviceCommand command) throws IOException;

    LinkDiagnostics diagnostics();

    @Override
    void close() throws IOException;

    /** A command in words, for messages: "emergency on", "pack-voltage calibration to 53200 mV". */
    static String describe(DeviceCommand command) {
        if (command instanceof DeviceCommand.Emergency e) {
            return "emergency " + (e.on() ? "on" : "off");
        } else if (command instanceof DeviceCommand.PowerOff) {
            return "power off";
        } else if (command instanceof DeviceCommand.Wake) {
            return "wake";
        } else if (command instanceof DeviceCommand.FactoryReset) {
            return "factory reset";
        } else if (command instanceof DeviceCommand.CalibratePackVoltage v) {
            return "pack-voltage calibration to " + v.measured_mV() + " mV";
        } else {
            return "current calibration to " + ((DeviceCommand.CalibrateCurrent) command).measured_mA() + " mA";
        }
    }

    /**
     * Whether a reading confirms a calibration to a measured value: within 1 % of it, and at least 100 mV or mA (the
     * pack moves on between the command and the reading, and 4E57 resolves 10 mV / 10 mA).
     */
    static boolean near(long reported, long measured) {
        return Math.abs(reported - measured) <= Math.max(100, Math.abs(measured) / 100);
    }

    /** Picks the client for a protocol name: "jk02" or "4e57". */
    static BmsClient open(String protocol, Link link, Duration timeout) throws IOException {
        switch (protocol) {
            case "jk02":
                return Jk02Client.connect(link, timeout);
            case "4e57":
                return UartClient.connect(link, timeout);
            default:
                throw new IllegalArgumentException("unknown protocol '" + protocol + "' (jk02 or 4e57)");
        }
    }
}
