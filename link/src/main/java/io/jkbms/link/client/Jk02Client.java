package io.jkbms.link.client;

import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.telemetry.Alarm;
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
import io.jkbms.protocol.jk02.Jk02Settings;

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
    private final Jk02Reassembler in = Jk02Reassembler.frames();
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
                    accept(r.bytes());
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
                }
            } catch (CodecException e) {
                return; // counted by the reassembler's checksum statistics when it is a checksum problem
            }
            lock.notifyAll();
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
        Jk02Layout l;
        synchronized (lock) {
            at = cellsAt_ms;
            l = layout;
        }
        int n = Math.max(0, Long.bitCount(c.enabledCellMask()));
        List<Integer> cellV = new ArrayList<>(c.cell_mV().subList(0, Math.min(n, c.cell_mV().size())));
        List<Integer> temps = new ArrayList<>();
        for (int s = 1; s <= 5; s++) {
            c.temperature_dC(s).ifPresent(temps::add);
        }
        Set<Alarm> alarms = Jk02ErrorBit.alarms(c.errors(), l);
        return new BoardStatus(at, (int) c.packVoltage_mV(), c.current_mA(), c.soc_pct(), cellV, c.mosTemperature_dC(),
                temps, c.chargeMosOn(), c.dischargeMosOn(), c.balancing() != 0, c.balanceCurrent_mA(), alarms);
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
