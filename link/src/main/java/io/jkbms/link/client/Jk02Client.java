package io.jkbms.link.client;

import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.telemetry.Alarm;
import io.jkbms.core.telemetry.SensorStatus;
import io.jkbms.core.telemetry.TemperatureReading;
import io.jkbms.link.Link;
import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.jk02.Jk02CellInfo;
import io.jkbms.protocol.jk02.Jk02Codec;
import io.jkbms.protocol.jk02.Jk02Command;
import io.jkbms.protocol.jk02.Jk02DeviceInfo;
import io.jkbms.protocol.jk02.Jk02ErrorBit;
import io.jkbms.protocol.jk02.Jk02Frame;
import io.jkbms.protocol.jk02.Jk02Layout;
import io.jkbms.protocol.jk02.Jk02LinkStats;
import io.jkbms.protocol.jk02.Jk02Mapping;
import io.jkbms.protocol.jk02.Jk02Reassembler;
import io.jkbms.protocol.jk02.Jk02Register;
import io.jkbms.protocol.jk02.Jk02Settings;
import io.jkbms.protocol.device.DeviceCommand;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The JK02 client (protocols.md §1.2): 0x97 for the device info (whose software version gives the frame layout),
 * 0x96 for the settings and the cell-info stream. A reader thread reassembles the notifications; requests wait on what
 * it has received. Writes are confirmed by asking for the settings again until the new value shows.
 */
public final class Jk02Client implements BmsClient {
    private final Link link;
    private final Duration timeout;
    // Commands too: the board's ACK is the only confirmation of a power-off or factory reset.
    private final Jk02Reassembler in = new Jk02Reassembler(Jk02Reassembler.Mode.FRAMES_AND_COMMANDS);
    private final Object lock = new Object();
    private final Thread reader;
    private volatile boolean closed;
    private IOException failure;
    private Jk02Layout layout;
    private Jk02DeviceInfo deviceInfo;
    private Jk02Settings settings;
    private long settingsSeq;
    private Jk02CellInfo cells;
    private long cellsAt_ms;
    private long cellsSeq;
    private long acks;
    private long timeouts;

    private Jk02Client(Link link, Duration timeout) {
        this.link = link;
        this.timeout = timeout;
        this.reader = new Thread(this::read, "jkbms-jk02-client " + link.describe());
        reader.setDaemon(true);
    }

    /** Connects: reads the device info (and so the layout) and starts the cell-info stream. */
    public static Jk02Client connect(Link link, Duration timeout) throws IOException {
        Jk02Client c = new Jk02Client(link, timeout);
        c.reader.start();
        try {
            c.info();
            c.settings();
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void read() {
        byte[] buf = new byte[512];
        try {
            while (!closed) {
                int n = link.read(buf);
                if (n < 0) {
                    throw new IOException(link.describe() + " closed by the board");
                }
                if (n == 0) {
                    continue;
                }
                byte[] chunk = java.util.Arrays.copyOf(buf, n);
                List<Jk02Reassembler.Received> got;
                synchronized (lock) {
                    got = in.feed(chunk);
                }
                for (Jk02Reassembler.Received r : got) {
                    if (r.isFrame()) {
                        accept(r.bytes());
                    } else {
                        acceptCommand(r.bytes());
                    }
                }
            }
        } catch (IOException e) {
            synchronized (lock) {
                if (!closed) {
                    failure = e;
                }
                lock.notifyAll();
            }
        }
    }

    private void accept(byte[] frame) {
        synchronized (lock) {
            try {
                if ((frame[4] & 0xFF) == 0x03) {
                    layout = Jk02Codec.layoutOf(frame);
                }
                if (layout == null) {
                    return; // nothing can be decoded before the device info says which layout
                }
                Jk02Frame f = Jk02Codec.decode(frame, layout);
                if (f instanceof Jk02DeviceInfo d) {
                    deviceInfo = d;
                } else if (f instanceof Jk02Settings s) {
                    settings = s;
                    settingsSeq++;
                } else if (f instanceof Jk02CellInfo c) {
                    cells = c;
                    cellsAt_ms = System.currentTimeMillis();
                    cellsSeq++;
                }
            } catch (CodecException e) {
                return; // counted by the reassembler's checksum statistics when it is a checksum problem
            }
            lock.notifyAll();
        }
    }

    private void acceptCommand(byte[] bytes) {
        try {
            if (Jk02Command.parse(bytes).isAck()) {
                synchronized (lock) {
                    acks++;
                    lock.notifyAll();
                }
            }
        } catch (CodecException e) {
            // an echo or noise that looked like a command: not ours to act on
        }
    }

    private void send(Jk02Command c) throws IOException {
        try {
            link.write(c.encode());
        } catch (IOException e) {
            synchronized (lock) {
                failure = e; // a link that cannot be written to is gone: every later call says so at once
                lock.notifyAll();
            }
            throw new IOException(link.describe() + ": " + e.getMessage(), e);
        }
    }

    private <T> T await(String what, java.util.function.Supplier<T> ready) throws IOException {
        return await(what, timeout, ready);
    }

    private <T> T await(String what, Duration wait, java.util.function.Supplier<T> ready) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (lock) {
            while (true) {
                if (failure != null) {
                    throw new IOException(link.describe() + ": " + failure.getMessage(), failure);
                }
                T t = ready.get();
                if (t != null) {
                    return t;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    timeouts++;
                    throw new IOException(link.describe() + ": no " + what + " from the board within "
                            + wait.toMillis() + " ms");
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for " + what);
                }
            }
        }
    }

    @Override
    public BoardInfo info() throws IOException {
        synchronized (lock) {
            deviceInfo = null;
        }
        send(Jk02Command.readDeviceInfo());
        Jk02DeviceInfo d = await("device info (0x03)", () -> deviceInfo);
        return new BoardInfo("jk02", d.model(), d.hardwareVersion(), d.softwareVersion(), d.serialNumber(),
                d.layout().name());
    }

    private Jk02Settings freshSettings() throws IOException {
        return freshSettings(timeout);
    }

    private Jk02Settings freshSettings(Duration wait) throws IOException {
        long seq;
        synchronized (lock) {
            seq = settingsSeq;
        }
        send(Jk02Command.readSettings());
        return await("settings frame (0x01)", wait, () -> settingsSeq > seq ? settings : null);
    }

    @Override
    public SettingsPatch settings() throws IOException {
        return Jk02Mapping.patch(freshSettings());
    }

    @Override
    public BoardStatus status() throws IOException {
        Jk02CellInfo c = await("cell info (0x02)", () -> cells);
        long at;
        synchronized (lock) {
            at = cellsAt_ms;
        }
        return status(c, at);
    }

    /** A cell-info frame as a status (field by field as {@link BoardStatus} documents). */
    static BoardStatus status(Jk02CellInfo c, long received_ms) {
        int n = c.enabledCells();
        List<Integer> cellV = new ArrayList<>(c.cell_mV().subList(0, Math.min(n, c.cell_mV().size())));
        List<TemperatureReading> temps = new ArrayList<>();
        for (int s = 1; s <= 4; s++) {
            temps.add(reading(c.temperature_dC(s)));
        }
        c.temperature_dC(5).ifPresent(t -> temps.add(reading(Optional.of(t))));
        Set<Alarm> alarms = Jk02ErrorBit.alarms(c.errors(), c.layout());
        Optional<Jk02CellInfo.Extra32S> x = c.only32S();
        return new BoardStatus(received_ms, (int) Math.min(Integer.MAX_VALUE, c.packVoltage_mV()), c.current_mA(),
                c.soc_pct(), cellV, reading(c.temperature_dC(0)), temps, c.chargeMosOn(), c.dischargeMosOn(),
                c.balancing() != 0, c.balanceCurrent_mA(), alarms, c.remaining_mAh(), c.nominalCapacity_mAh(),
                c.cycles(), c.runtime_s(), x.map(e -> e.heating() != 0).orElse(false),
                x.map(e -> e.emergencyCountdown_s() > 0).orElse(false),
                c.precharge() != 0 || x.map(e -> e.precharging() != 0).orElse(false));
    }

    private static TemperatureReading reading(Optional<Integer> dC) {
        return dC.map(v -> new TemperatureReading(SensorStatus.OK, v)).orElse(TemperatureReading.ABSENT);
    }

    @Override
    public void set(SettingKey key, int value) throws IOException {
        Jk02Layout l;
        synchronized (lock) {
            l = layout;
        }
        Optional<Jk02Command> cmd = Jk02Mapping.writeCommand(key, value, l);
        if (cmd.isEmpty()) {
            throw new IllegalArgumentException(key.jsonName() + " cannot be written over JK02 on " + l);
        }
        send(cmd.get());
        long deadline = System.nanoTime() + timeout.toNanos();
        Integer seen = null;
        while (System.nanoTime() < deadline) {
            SettingsPatch p;
            try {
                // Ask again if a settings frame is lost (corrupted on the link): up to the deadline.
                p = Jk02Mapping.patch(freshSettings(Duration.ofMillis(600)));
            } catch (IOException e) {
                synchronized (lock) {
                    if (failure != null) {
                        throw new IOException(link.describe() + ": the link failed while confirming " + key.jsonName()
                                + ": " + failure.getMessage(), failure);
                    }
                }
                sleep(50);
                continue;
            }
            seen = p.values().get(key);
            if (seen != null && seen == value) {
                return;
            }
            sleep(200);
        }
        throw new ConfirmationException("the board did not confirm " + key.jsonName() + " = " + value + " within "
                + timeout.toMillis() + " ms" + (seen == null ? " (no settings frame came back)"
                : " (it still reports " + seen + "; it probably refused the value)"));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * JK02 carries: emergency on/off (32S register 0x6B; 1 starts, 0 stops), power off (32S 0x65), factory reset
     * (32S 0x9D), pack-voltage calibration (24S 0x21 / 32S 0x64) and current calibration (24S 0x24 / 32S 0x67). Not
     * wake: JK02 has no such command (4E57's activate is one). Confirmed by the next cell-info frames showing the
     * emergency flag or a pack voltage / current {@linkplain BmsClient#near near} the measured value; power off and
     * factory reset by the board's ACK (a board that powers off stops reporting, and a reset's values are the
     * board's own).
     */
    @Override
    public void command(DeviceCommand command) throws IOException {
        Jk02Layout l = layout();
        String name = BmsClient.describe(command);
        Jk02Register r = register(command, name);
        if (!r.existsOn(l)) {
            throw new IllegalArgumentException(name + " cannot be sent over JK02 on " + l + ": register " + r
                    + " exists on JK02_32S only");
        }
        Jk02Command c;
        if (command instanceof DeviceCommand.Emergency e) {
            c = Jk02Command.write(r, l, e.on() ? 1 : 0);
        } else if (command instanceof DeviceCommand.CalibratePackVoltage v) {
            c = Jk02Command.write(r, l, wire(r, v.measured_mV(), name));
        } else if (command instanceof DeviceCommand.CalibrateCurrent i) {
            c = Jk02Command.write(r, l, wire(r, i.measured_mA(), name));
        } else {
            c = Jk02Command.action(r, l);
        }
        long seq;
        long ackSeq;
        synchronized (lock) {
            seq = cellsSeq;
            ackSeq = acks;
        }
        send(c);
        if (command instanceof DeviceCommand.Emergency e) {
            confirm(name, seq, s -> s.emergency() == e.on(), s -> "emergency " + (s.emergency() ? "on" : "off"));
        } else if (command instanceof DeviceCommand.CalibratePackVoltage v) {
            confirm(name, seq, s -> BmsClient.near(s.packVoltage_mV(), v.measured_mV()),
                    s -> s.packVoltage_mV() + " mV");
        } else if (command instanceof DeviceCommand.CalibrateCurrent i) {
            confirm(name, seq, s -> BmsClient.near(s.current_mA(), i.measured_mA()), s -> s.current_mA() + " mA");
        } else {
            try {
                await("ACK of " + name, () -> acks > ackSeq ? Boolean.TRUE : null);
            } catch (IOException e) {
                throw confirmationFailure(name, e);
            }
        }
    }

    private static Jk02Register register(DeviceCommand command, String name) {
        if (command instanceof DeviceCommand.Emergency) {
            return Jk02Register.EMERGENCY;
        } else if (command instanceof DeviceCommand.PowerOff) {
            return Jk02Register.SHUTDOWN;
        } else if (command instanceof DeviceCommand.FactoryReset) {
            return Jk02Register.FACTORY_RESET;
        } else if (command instanceof DeviceCommand.CalibratePackVoltage) {
            return Jk02Register.VOLTAGE_CALIBRATION;
        } else if (command instanceof DeviceCommand.CalibrateCurrent) {
            return Jk02Register.CURRENT_CALIBRATION;
        }
        throw new IllegalArgumentException(name + " cannot be sent over JK02: the protocol has no such command "
                + "(4E57's activate wakes a board)");
    }

    private static long wire(Jk02Register r, int value, String name) {
        try {
            return r.toWire(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " cannot be sent over JK02: " + e.getMessage(), e);
        }
    }

    /** Waits for a cell-info frame received after {@code seq} that satisfies {@code ok}. */
    private void confirm(String name, long seq, java.util.function.Predicate<BoardStatus> ok,
                         java.util.function.Function<BoardStatus, String> shown) throws IOException {
        long[] seen = {seq};
        BoardStatus[] last = {null};
        try {
            await(name + " confirmed in a cell-info frame", () -> {
                if (cellsSeq == seen[0]) {
                    return null;
                }
                seen[0] = cellsSeq;
                last[0] = status(cells, cellsAt_ms);
                return ok.test(last[0]) ? last[0] : null;
            });
        } catch (IOException e) {
            if (last[0] == null) {
                throw confirmationFailure(name, e);
            }
            throw new ConfirmationException("the board did not confirm " + name + " within " + timeout.toMillis()
                    + " ms (it reports " + shown.apply(last[0]) + "; it probably refused it)");
        }
    }

    private IOException confirmationFailure(String name, IOException e) {
        synchronized (lock) {
            if (failure != null) {
                return e; // the link is gone: say that, not "refused"
            }
        }
        return new ConfirmationException("the board did not confirm " + name + " within " + timeout.toMillis()
                + " ms (" + e.getMessage() + ")");
    }

    public Jk02Layout layout() {
        synchronized (lock) {
            return layout;
        }
    }

    @Override
    public LinkDiagnostics diagnostics() {
        synchronized (lock) {
            Jk02LinkStats s = in.stats();
            return new LinkDiagnostics(link.describe(), s.frames(), s.checksumErrors(), s.bytesSkipped(), timeouts);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        link.close();
    }
}
