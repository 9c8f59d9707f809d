package io.jkbms.app.link;

import io.jkbms.app.twin.TwinBackend;
import io.jkbms.core.board.BoardModel;
import io.jkbms.core.board.Chemistry;
import io.jkbms.core.settings.Presets;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.link.DeviceEndpoint;
import io.jkbms.link.can.CanBroadcastEndpoint;
import io.jkbms.link.can.SocketCanBus;
import io.jkbms.link.serial.SerialLink;
import io.jkbms.link.tcp.TcpDeviceServer;
import io.jkbms.protocol.jk02.Jk02DeviceSession;
import io.jkbms.protocol.uart.UartDeviceSession;
import io.jkbms.sim.scenario.DefaultScenario;
import io.jkbms.sim.scenario.Scenario;
import io.jkbms.sim.scenario.ScenarioException;
import io.jkbms.sim.scenario.ScenarioParser;
import io.jkbms.sim.twin.Twin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.Closeable;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code jkbms twin}: a twin in real time (or faster) exposing the board's ports: the JK02 byte stream on TCP (as a
 * BLE-TCP bridge carries it), 4E57 on TCP (as RS485-Ethernet gateways do) and 4E57 on a serial device; on C models CAN
 * broadcasts on an slcan adapter or a SocketCAN interface.
 */
@Command(name = "twin", mixinStandardHelpOptions = true,
        description = {"Run a twin of the board in real time (or --speed X) and expose its ports, without the web app.",
                "Without --scenario the twin is the built-in home pack (16S LFP 280 Ah on solar with a daily load), or a "
                        + "pack of --chemistry and --cells on --model with the same kind of day."})
public final class TwinCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", description = "board model, e.g. JK-BD4A24S-12PHCR (default JK-BD4A24S-12P)")
    String model;

    @Option(names = "--chemistry", description = "LFP, NCM or LTO")
    String chemistry;

    @Option(names = "--cells", description = "cells in series")
    Integer cells;

    @Option(names = "--capacity", description = "capacity in Ah (default 280)")
    Integer capacity_Ah;

    @Option(names = "--scenario", description = "a scenario file (its 'until' is ignored: a twin runs until stopped)")
    Path scenario;

    @Option(names = "--jk02-tcp", description = "TCP port for the JK02 (BLE) byte stream (default 7000)", defaultValue = "7000")
    int jk02Port;

    @Option(names = "--uart-tcp", description = "TCP port for the 4E57 (RS485) protocol (default 7001)", defaultValue = "7001")
    int uartPort;

    @Option(names = "--serial", description = "also serve 4E57 on this serial device (e.g. one end of a socat pty pair)")
    String serial;

    @Option(names = "--can-slcan", description = "broadcast CAN on this slcan serial device (C models with the port "
            + "in CAN mode: comm_port_mode CAN; frame set by can_protocol)")
    String canSlcan;

    @Option(names = "--can", paramLabel = "IFACE", description = "broadcast CAN on this SocketCAN interface, e.g. can0 "
            + "(Linux; C models with the port in CAN mode; the interface must be up at the set's bitrate: 250000 JK "
            + "native, 500000 Pylontech)")
    String canIface;

    @Option(names = "--listen", description = "address to listen on (default 127.0.0.1)", defaultValue = "127.0.0.1")
    String listen;

    @Option(names = "--speed", description = "time speed, 1 = real time (default 1)", defaultValue = "1")
    double speed;

    @Option(names = "--layout", description = "JK02 layout the twin speaks: 32S (firmware 11.x, default) or 24S", defaultValue = "32S")
    String layout;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario s;
        try {
            s = scenario();
        } catch (ScenarioException | IllegalArgumentException e) {
            err.println("twin: " + e.getMessage());
            return 2;
        }
        if (!layout.equalsIgnoreCase("32S") && !layout.equalsIgnoreCase("24S")) {
            err.println("twin: --layout must be 32S or 24S");
            return 2;
        }
        if ((canSlcan != null || canIface != null) && !s.model().has(io.jkbms.core.board.BoardFunction.CAN)) {
            err.println("twin: " + (canIface != null ? "--can" : "--can-slcan")
                    + " needs a model with CAN (the C suffix), e.g. JK-BD4A24S-12PC");
            return 2;
        }
        if (!(speed > 0) || speed > 100_000) {
            err.println("twin: --speed must be in (0, 100000]");
            return 2;
        }
        InetAddress bind;
        try {
            bind = InetAddress.getByName(listen);
        } catch (java.net.UnknownHostException e) {
            err.println("twin: --listen " + listen + ": not an address of this machine");
            return 2;
        }
        if (!bind.isLoopbackAddress()) {
            err.println("twin: WARNING: listening on " + listen + ": anyone who can reach it can change the settings");
        }
        List<Closeable> open = new ArrayList<>();
        Twin twin = new Twin(s).start();
        twin.setSpeed(speed);
        TwinBackend board = new TwinBackend(twin, layout.equalsIgnoreCase("32S"));
        // One board, one set of 4E57-only parameters, whichever port a write came in on.
        var uartDevice = UartDeviceSession.deviceState(board);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch cleaned = new CountDownLatch(1);
        try {
            TcpDeviceServer jk02 = new TcpDeviceServer(bind, jk02Port, o -> new Jk02DeviceSession(board, o), System::currentTimeMillis);
            open.add(jk02);
            TcpDeviceServer uart = new TcpDeviceServer(bind, uartPort, o -> new UartDeviceSession(board, uartDevice, o),
                    System::currentTimeMillis);
            open.add(uart);
            out.printf(Locale.ROOT, "twin: %s, %dS %s %.0f Ah, speed %sx%n", s.model().name(), s.pack().cells(),
                    s.pack().chemistry(), s.pack().capacity_Ah(), speed);
            out.printf("  JK02 (BLE byte stream) on tcp://%s:%d   (jkbms client --tcp %s:%d status)%n", listen, jk02.port(), listen, jk02.port());
            out.printf("  4E57 (RS485)           on tcp://%s:%d   (jkbms client --uart-tcp %s:%d status)%n", listen, uart.port(), listen, uart.port());
            if (serial != null) {
                DeviceEndpoint e = new DeviceEndpoint(SerialLink.open(serial, SerialLink.JK_BAUD, 20),
                        o -> new UartDeviceSession(board, uartDevice, o), System::currentTimeMillis).start();
                open.add(e::close);
                out.printf("  4E57 (RS485)           on serial:%s%n", serial);
            }
            if (canSlcan != null) {
                DeviceEndpoint e = new DeviceEndpoint(SerialLink.open(canSlcan, SerialLink.JK_BAUD, 20),
                        o -> new io.jkbms.protocol.can.SlcanDeviceSession(board, o), System::currentTimeMillis).start();
                open.add(e::close);
                out.printf("  CAN (slcan)            on serial:%s (while comm_port_mode is CAN)%n", canSlcan);
            }
            if (canIface != null) {
                CanBroadcastEndpoint e = new CanBroadcastEndpoint(SocketCanBus.open(canIface), board,
                        System::currentTimeMillis).start();
                open.add(e::close);
                out.printf("  CAN (SocketCAN)        on %s (while comm_port_mode is CAN; bus at 250000 bit/s for JK "
                        + "native, 500000 for Pylontech)%n", canIface);
            }
            out.println("  Ctrl-C stops it.");
            out.flush();
            // Ctrl-C: let the cleanup below close the ports before the JVM goes.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.countDown();
                try {
                    cleaned.await(3, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    // exiting anyway
                }
            }));
            stop.await();
            return 0;
        } catch (java.io.IOException e) {
            err.println("twin: " + e.getMessage());
            return 1;
        } finally {
            for (Closeable c : open) {
                try {
                    c.close();
                } catch (java.io.IOException ignored) {
                    // shutting down
                }
            }
            twin.close();
            cleaned.countDown();
        }
    }

    private Scenario scenario() {
        if (scenario != null) {
            if (model != null || chemistry != null || cells != null || capacity_Ah != null) {
                throw new IllegalArgumentException("--scenario describes the board and pack; do not combine it with "
                        + "--model, --chemistry, --cells or --capacity");
            }
            return ScenarioParser.parse(scenario);
        }
        if (model == null && chemistry == null && cells == null && capacity_Ah == null) {
            return DefaultScenario.load();
        }
        return ScenarioParser.parse("twin", generated(), Path.of("."));
    }

    /** A twin of the given board and pack with the built-in kind of day (solar by day, a household load). */
    String generated() {
        BoardModel m = BoardModel.parse(model == null ? "JK-BD4A24S-12P" : model);
        Chemistry c = chemistry == null ? Chemistry.LFP : Chemistry.parse(chemistry);
        int n = cells == null ? Presets.forChemistry(c).get(SettingKey.CELL_COUNT) : cells;
        int ah = capacity_Ah == null ? 280 : capacity_Ah;
        // Charge to a little below the requested charge voltage, kind to the cells; load scaled to the pack's energy.
        double cv = n * (Presets.forChemistry(c).get(SettingKey.RCV_mV) - 50) / 1000.0;
        double energy_kWh = n * 3.2 * ah / 1000.0;
        double base = Math.max(20, energy_kWh * 13);
        return String.format(Locale.ROOT, """
                board: %s
                chemistry: %s
                cells: %d
                capacity_Ah: %d
                pack: {soc_pct: 60, soc_spread_pct: 0.5, capacity_spread_pct: 2, resistance_spread_pct: 10, seed: 42}
                ambient: {min_C: 14, max_C: 27}
                until: 365d
                timeline:
                  - at: 0s
                    solar: {peak_A: %.1f, voltage_V: %.2f, sunrise_h: 6.5, sunset_h: 19}
                    profile:
                      column: power_W
                      repeat: true
                      table: [[0, %.0f], [21600, %.0f], [23400, %.0f], [28800, %.0f], [64800, %.0f], [79200, %.0f], [86400, %.0f]]
                """, m.name(), c.name(), n, ah, ah * 0.25, cv, base, base, base * 5, base * 2, base * 7, base * 2, base);
    }
}
