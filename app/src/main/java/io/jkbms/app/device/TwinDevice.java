package io.jkbms.app.device;

import io.jkbms.app.twin.TwinBackend;
import io.jkbms.core.board.BoardModel;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.telemetry.Telemetry;
import io.jkbms.protocol.device.DeviceCommand;
import io.jkbms.protocol.device.DeviceIdentity;
import io.jkbms.protocol.jk02.Jk02Layout;
import io.jkbms.sim.SimEvent;
import io.jkbms.sim.Simulation;
import io.jkbms.sim.SimulationListener;
import io.jkbms.sim.twin.Twin;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The twin in this process as a {@link Device}. The firmware samples every {@link #SAMPLE_us} of simulated time (the
 * rate the real board streams cell info over BLE); each sample is published at once, thinned to one per
 * {@link #MIN_PUBLISH_INTERVAL_ms} of wall time when the twin runs fast. Listeners run on a publishing thread of
 * their own, so a slow browser never holds the twin's lock.
 */
public final class TwinDevice implements Device {
    public static final long SAMPLE_us = 500_000;
    public static final long MIN_PUBLISH_INTERVAL_ms = 100;

    private final Twin twin;
    private final TwinBackend backend;
    private final TwinPanel panel;
    private final LongSupplier wallMillis;
    private final List<DeviceListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService publisher;
    private volatile StatusView latest;
    private long lastPublished_ms = Long.MIN_VALUE / 2;
    /** The board's clock as epoch ms is this plus the simulated time: the twin's time starts at the wall clock's. */
    private final long epoch_ms;

    public TwinDevice(Twin twin, TwinBackend backend) {
        this(twin, backend, System.currentTimeMillis());
    }

    /** A twin whose clock reads {@code start_ms} (epoch ms) at its current simulated time. */
    public TwinDevice(Twin twin, TwinBackend backend, long start_ms) {
        this(twin, backend, System::currentTimeMillis, start_ms);
    }

    TwinDevice(Twin twin, TwinBackend backend, LongSupplier wallMillis) {
        this(twin, backend, wallMillis, wallMillis.getAsLong());
    }

    private TwinDevice(Twin twin, TwinBackend backend, LongSupplier wallMillis, long start_ms) {
        this.twin = twin;
        this.backend = backend;
        this.panel = new TwinPanel(twin);
        this.wallMillis = wallMillis;
        this.epoch_ms = start_ms - twin.call(sim -> sim.now_us() / 1000);
        this.publisher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jkbms-twin-publisher");
            t.setDaemon(true);
            return t;
        });
        twin.call(sim -> {
            sim.setSampleInterval_us(SAMPLE_us);
            latest = read(sim, wallMillis.getAsLong());
            return null;
        });
        twin.addListener(new SimulationListener() {
            @Override
            public void onSample(Simulation sim) {
                sampled(sim);
            }

            @Override
            public void onEvent(SimEvent e) {
                EventView v = new EventView("event", epoch_ms + e.t_us() / 1000, e.event(), e.phase(), e.cell(),
                        text(e));
                publish(l -> l.onEvent(v));
            }
        });
    }

    /**
     * Under the twin's lock, on its thread: take the reading now (its time is the sample's), send it elsewhere. Every
     * reading goes to recording; screens get them thinned.
     */
    private void sampled(Simulation sim) {
        long now = wallMillis.getAsLong();
        boolean screens = now - lastPublished_ms >= MIN_PUBLISH_INTERVAL_ms;
        if (!screens && listeners.isEmpty()) {
            return;
        }
        StatusView s = read(sim, now);
        if (!screens) {
            publish(l -> l.onReading(s));
            return;
        }
        lastPublished_ms = now;
        latest = s;
        publish(l -> {
            l.onStatus(s);
            l.onReading(s);
        });
    }

    private StatusView read(Simulation sim, long wall_ms) {
        return StatusView.of(sim.bms().telemetry(), source(), wall_ms, epoch_ms + sim.now_us() / 1000);
    }

    private void publish(java.util.function.Consumer<DeviceListener> call) {
        if (listeners.isEmpty() || publisher.isShutdown()) {
            return;
        }
        try {
            publisher.execute(() -> {
                for (DeviceListener l : listeners) {
                    try {
                        call.accept(l);
                    } catch (RuntimeException ignored) {
                        // one listener's failure must not starve the others
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException ignored) {
            // closing
        }
    }

    static String text(SimEvent e) {
        StringBuilder sb = new StringBuilder(e.event().toLowerCase(Locale.ROOT).replace('_', ' '));
        if (!e.phase().isEmpty()) {
            sb.append(' ').append(e.phase());
        }
        if (e.cell() != 0) {
            sb.append(", cell ").append(e.cell());
        }
        if (!e.unit().isEmpty()) {
            sb.append(", ").append(e.value()).append(' ').append(e.unit());
        }
        if (!e.detail().isEmpty()) {
            sb.append(" — ").append(e.detail());
        }
        return sb.toString();
    }

    public Twin twinRunner() {
        return twin;
    }

    @Override
    public String source() {
        return "twin";
    }

    @Override
    public StatusView status() {
        StatusView s = latest;
        if (s.received_ms() + 2 * SAMPLE_us / 1000 < wallMillis.getAsLong() && twin.speed() <= 1) {
            // Between samples (or before the runner started): read it now rather than serve an old value.
            return twin.call(sim -> read(sim, wallMillis.getAsLong()));
        }
        return s;
    }

    @Override
    public DeviceView device() {
        DeviceIdentity id = backend.identity();
        return new DeviceView(source(), true, "", id.model(), id.hardwareVersion(), id.softwareVersion(), id.serial(),
                "twin", Jk02Layout.forSoftwareVersion(id.softwareVersion()).name(), id.uptime_s(), id.powerOnCount(),
                DeviceView.functionsOf(model()),
                new DeviceView.Link("in-process twin", 0, 0, 0, 0, 1));
    }

    @Override
    public BoardModel model() {
        return backend.model();
    }

    @Override
    public Map<String, Object> settings() {
        return backend.settings().toNamedValues();
    }

    @Override
    public Settings currentSettings() {
        return backend.settings();
    }

    @Override
    public Set<SettingKey> writable() {
        BoardModel model = model();
        Set<SettingKey> keys = EnumSet.noneOf(SettingKey.class);
        for (SettingKey k : SettingKey.values()) {
            if (DeviceView.fits(k, model)) {
                keys.add(k);
            }
        }
        return keys;
    }

    @Override
    public Map<SettingKey, Integer> apply(SettingsPatch patch, String who) {
        Settings after = backend.applySettings(patch, who);
        Map<SettingKey, Integer> readBack = new LinkedHashMap<>();
        for (SettingKey k : patch.values().keySet()) {
            readBack.put(k, after.get(k));
        }
        return readBack;
    }

    @Override
    public void command(DeviceCommand command, String who) throws DeviceException {
        try {
            backend.command(command, who);
        } catch (IllegalStateException e) {
            throw new DeviceException(DeviceException.Kind.REFUSED, e.getMessage(), e);
        }
    }

    @Override
    public void addListener(DeviceListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(DeviceListener listener) {
        listeners.remove(listener);
    }

    @Override
    public Optional<TwinPanel> twin() {
        return Optional.of(panel);
    }

    /** The latest telemetry, read now (tests). */
    public Telemetry telemetry() {
        return backend.telemetry();
    }

    @Override
    public void close() {
        publisher.shutdown();
        try {
            publisher.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        twin.close();
    }
}
