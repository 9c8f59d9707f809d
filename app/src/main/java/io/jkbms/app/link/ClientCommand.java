package io.jkbms.app.link;

import io.jkbms.app.cli.Json;
import io.jkbms.core.settings.InvalidSettingsException;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.link.Link;
import io.jkbms.link.client.BmsClient;
import io.jkbms.link.serial.SerialLink;
import io.jkbms.link.tcp.TcpLink;
import io.jkbms.protocol.device.DeviceCommand;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code jkbms client (--tcp H:P | --uart-tcp H:P | --serial DEV | --ble MAC) (info | status | settings |
 * set NAME VALUE | switch charge|discharge|balance on|off | emergency on|off | calibrate voltage|current VALUE |
 * power-off | wake | factory-reset)}: drive a real board (or a twin) from the command line.
 */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = {"Talk to a board (or a twin): read who it is, its live status or its settings, or change a "
                + "setting or switch and confirm it by reading it back.",
                "Actions: info | status | settings | set NAME VALUE | switch charge|discharge|balance on|off | "
                        + "emergency on|off | calibrate voltage MV | calibrate current MA | power-off | wake | factory-reset"})
public final class ClientCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Endpoint endpoint;

    static final class Endpoint {
        @Option(names = "--tcp", paramLabel = "HOST:PORT", description = "JK02 over TCP (a BLE-TCP bridge, or jkbms twin)")
        String tcp;

        @Option(names = "--uart-tcp", paramLabel = "HOST:PORT", description = "4E57 over TCP (an RS485-Ethernet gateway)")
        String uartTcp;

        @Option(names = "--serial", paramLabel = "DEV", description = "4E57 on a serial port, e.g. /dev/ttyUSB0 (115200 8N1)")
        String serial;

        @Option(names = "--ble", paramLabel = "MAC", description = "JK02 over Bluetooth LE (BlueZ)")
        String ble;
    }

    @Option(names = "--timeout", description = "how long to wait for the board (default 3s)", defaultValue = "3")
    int timeout_s;

    @Parameters(paramLabel = "ACTION", arity = "1..*", description = "info | status | settings | set NAME VALUE | switch NAME on|off | emergency on|off | "
            + "calibrate voltage|current VALUE | power-off | wake | factory-reset")
    List<String> action;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String act = action.get(0);
        java.util.Optional<DeviceCommand> command;
        try {
            checkArity(act);
            command = List.of("emergency", "calibrate", "power-off", "wake", "factory-reset").contains(act)
                    ? java.util.Optional.of(deviceCommand(act)) : java.util.Optional.empty();
            if (timeout_s < 1) {
                throw new IllegalArgumentException("--timeout must be at least 1 s");
            }
        } catch (IllegalArgumentException e) {
            err.println("client: " + e.getMessage());
            return 2;
        }
        BmsClient opened = null;
        try (BmsClient client = open()) {
            opened = client;
            switch (act) {
                case "info":
                    out.println(Json.MAPPER.writeValueAsString(client.info()));
                    break;
                case "status":
                    out.println(Json.MAPPER.writeValueAsString(client.status()));
                    break;
                case "settings":
                    out.println(Json.MAPPER.writeValueAsString(client.settings().toNamedValues()));
                    break;
                case "set":
                    set(client, action.get(1), action.get(2), out);
                    break;
                case "emergency": case "calibrate": case "power-off": case "wake": case "factory-reset":
                    DeviceCommand c = command.orElseThrow();
                    client.command(c);
                    out.println(BmsClient.describe(c) + ": confirmed");
                    break;
                default:
                    String sw = action.get(1).toLowerCase(Locale.ROOT);
                    if (!List.of("charge", "discharge", "balance").contains(sw)) {
                        err.println("client: switch charge, discharge or balance, not '" + sw + "'");
                        return 2;
                    }
                    set(client, sw + "_enabled", action.get(2), out);
            }
            return 0;
        } catch (InvalidSettingsException e) {
            e.violations().forEach(v -> err.println(v.line()));
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("client: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("client: " + e.getMessage());
            return 1;
        } finally {
            if (opened != null) {
                // Every run that reached the board ends with how the link did, failures included.
                try {
                    out.println("link: " + Json.MAPPER.writeValueAsString(opened.diagnostics()).replaceAll("\\s+", " "));
                } catch (java.io.IOException ignored) {
                    // diagnostics are best effort
                }
            }
            err.flush();
            out.flush();
        }
    }

    private void checkArity(String act) {
        int want;
        switch (act) {
            case "info": case "status": case "settings": case "power-off": case "wake": case "factory-reset": want = 1; break;
            case "emergency": want = 2; break;
            case "set": case "switch": case "calibrate": want = 3; break;
            default: throw new IllegalArgumentException("unknown action '" + act + "' (info, status, settings, set, "
                    + "switch, emergency, calibrate, power-off, wake, factory-reset)");
        }
        if (action.size() != want) {
            throw new IllegalArgumentException(act + " takes " + (want - 1) + " argument(s), got " + (action.size() - 1));
        }
    }

    /** The command an action names; checked before anything is sent. */
    private DeviceCommand deviceCommand(String act) {
        switch (act) {
            case "emergency":
                String on = action.get(1).toLowerCase(Locale.ROOT);
                if (!on.equals("on") && !on.equals("off")) {
                    throw new IllegalArgumentException("emergency on or off, not '" + action.get(1) + "'");
                }
                return new DeviceCommand.Emergency(on.equals("on"));
            case "calibrate":
                String what = action.get(1).toLowerCase(Locale.ROOT);
                int value;
                try {
                    value = Integer.parseInt(action.get(2));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("calibrate " + what + " takes the measured value as a whole "
                            + "number (mV or mA), not '" + action.get(2) + "'");
                }
                if (what.equals("voltage")) {
                    return new DeviceCommand.CalibratePackVoltage(value);
                } else if (what.equals("current")) {
                    return new DeviceCommand.CalibrateCurrent(value);
                }
                throw new IllegalArgumentException("calibrate voltage or current, not '" + action.get(1) + "'");
            case "power-off":
                return new DeviceCommand.PowerOff();
            case "wake":
                return new DeviceCommand.Wake();
            default:
                return new DeviceCommand.FactoryReset();
        }
    }

    private BmsClient open() throws IOException {
        Duration t = Duration.ofSeconds(timeout_s);
        if (endpoint.ble != null) {
            return BmsClient.open("jk02", new io.jkbms.link.ble.BleLink(io.jkbms.link.ble.BluezGatt.connect(endpoint.ble,
                    t.plusSeconds(5)), 50), t);
        }
        if (endpoint.serial != null) {
            return BmsClient.open("4e57", SerialLink.open(endpoint.serial, SerialLink.JK_BAUD, 50), t);
        }
        boolean jk02 = endpoint.tcp != null;
        InetSocketAddress a = TcpLink.parse(jk02 ? endpoint.tcp : endpoint.uartTcp);
        Link link = TcpLink.connect(a.getHostString(), a.getPort(), (int) t.toMillis(), 50);
        return BmsClient.open(jk02 ? "jk02" : "4e57", link, t);
    }

    /** Parses VALUE as the setting's kind (number, on/off/true/false, enum name), checks it, writes and confirms. */
    private void set(BmsClient client, String name, String value, PrintWriter out) throws IOException {
        SettingKey key = SettingKey.byJsonName(name).orElseThrow(() ->
                new IllegalArgumentException("unknown setting '" + name + "' (names as `jkbms presets --json` prints them)"));
        Object v;
        switch (key.kind()) {
            case BOOL:
                String b = value.toLowerCase(Locale.ROOT);
                v = b.equals("on") || b.equals("true") || b.equals("1") ? Boolean.TRUE
                        : b.equals("off") || b.equals("false") || b.equals("0") ? Boolean.FALSE : value;
                break;
            case ENUM:
                v = value;
                break;
            default:
                try {
                    v = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    v = value;
                }
        }
        SettingsPatch p = SettingsPatch.parse(Map.of(name, v));
        int stored = p.values().get(key);
        if (stored < key.min() || stored > key.max()) {
            throw new IllegalArgumentException(name + " = " + value + ": out of range [allowed: " + key.rangeText() + "]");
        }
        client.set(key, stored);
        out.println(name + " = " + key.toJsonValue(stored) + " (confirmed by read-back)");
    }
}
