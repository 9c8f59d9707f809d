package io.jkbms.app.history;

import io.jkbms.app.device.Device;
import io.jkbms.app.device.DeviceException;
import io.jkbms.app.device.DeviceListener;
import io.jkbms.app.device.EventView;
import io.jkbms.app.device.StatusView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Records one board into the history: a reading every {@code interval_s} of the board's time, every event, and the
 * settings whenever they change. Readings wait in memory and are written once a second in one transaction, so a
 * killed process loses at most the last second. When the store cannot be written (disk full, read-only, database
 * away) the reason is kept for the page, readings keep waiting (up to {@link #MAX_PENDING}, then the oldest go), and
 * writing is retried with a growing pause until it works again.
 */
public final class Recorder implements DeviceListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
    /** A day of readings at 1 s: about 25 MB held while the store is away. */
    public static final int MAX_PENDING = 86_400;
    private static final int MAX_PENDING_EVENTS = 10_000;
    private static final long FLUSH_ms = 1_000;
    private static final long MAX_RETRY_ms = 30_000;
    /** A real board's settings may change without us (the phone app): look every so often. */
    private static final long SETTINGS_CHECK_ms = 10 * 60_000;

    private final HistoryStore store;
    private final Device device;
    private final String board;
    private final long interval_ms;
    private final LongSupplier wall;
    private final Thread writer;

    private final Object lock = new Object();
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private final ArrayDeque<StoredEvent> events = new ArrayDeque<>();
    private long lastTaken_ms = Long.MIN_VALUE;
    private long newestBoardTime_ms = Long.MIN_VALUE;
    private boolean wasOnline = true;
    private String snapshotWho;
    private boolean snapshotDue = true;
    private long dropped;
    private long written;
    private long lastWrite_ms;
    private String error = "";
    private String errorKind = "";
    private long errorSince_ms;
    private boolean closed;

    private Map<String, Object> lastSettings;
    private long lastSettingsCheck_ms;
    private long lastSnapshot_ms = Long.MIN_VALUE / 2;

    /**
     * Starts recording {@code device} as {@code board} (the name its history is kept under).
     *
     * @param interval_s seconds of the board's time between recorded readings
     */
    public Recorder(HistoryStore store, Device device, String board, int interval_s) {
        this(store, device, board, interval_s, System::currentTimeMillis);
    }

    Recorder(HistoryStore store, Device device, String board, int interval_s, LongSupplier wall) {
        if (interval_s < 1 || interval_s > 3600) {
            throw new IllegalArgumentException("the recording interval must be 1 to 3600 s, was " + interval_s);
        }
        this.store = store;
        this.device = device;
        this.board = board;
        this.interval_ms = interval_s * 1000L;
        this.wall = wall;
        this.writer = new Thread(this::run, "jkbms-recorder-" + board);
        writer.setDaemon(true);
        writer.start();
        device.addListener(this);
    }

    public String board() {
        return board;
    }

    // ---- from the device (its publishing thread)

    @Override
    public void onStatus(StatusView status) {
        if (status.online() == wasOnline) {
            return;
        }
        wasOnline = status.online();
        long t = status.online() ? status.time_ms() : Math.max(wall.getAsLong(), newestBoardTime_ms);
        String text = status.online() ? "link restored" : "link lost: " + status.reason();
        enqueue(new StoredEvent(t, "link", "LINK", status.online() ? "RESTORED" : "LOST", 0, text, ""));
    }

    @Override
    public void onReading(StatusView reading) {
        // A reading a little early still counts (the twin samples every 500 ms; a board's poll jitters).
        if (!reading.online() || reading.time_ms() < lastTaken_ms + interval_ms - interval_ms / 4) {
            return;
        }
        lastTaken_ms = reading.time_ms();
        Sample s = Sample.of(reading);
        synchronized (lock) {
            if (samples.size() >= MAX_PENDING) {
                samples.pollFirst();
                dropped++;
            }
            samples.addLast(s);
            newestBoardTime_ms = Math.max(newestBoardTime_ms, s.time_ms());
        }
    }

    @Override
    public void onEvent(EventView event) {
        StoredEvent e = StoredEvent.of(event);
        enqueue(e);
        if (e.category().equals("settings") || e.category().equals("switch")) {
            synchronized (lock) {
                snapshotDue = true;
                snapshotWho = e.who();
            }
        }
    }

    private void enqueue(StoredEvent e) {
        synchronized (lock) {
            if (events.size() >= MAX_PENDING_EVENTS) {
                events.pollFirst();
                dropped++;
            }
            events.addLast(e);
            lock.notifyAll();
        }
    }

    // ---- the writer

    private void run() {
        long pause_ms = FLUSH_ms;
        while (true) {
            synchronized (lock) {
                long until = wall.getAsLong() + pause_ms;
                while (!closed) {
                    long left = until - wall.getAsLong();
                    if (left <= 0) {
                        break;
                    }
                    try {
                        lock.wait(left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        closed = true;
                    }
                }
            }
            boolean ok = flush();
            synchronized (lock) {
                if (closed) {
                    return;
                }
            }
            pause_ms = ok ? FLUSH_ms : Math.min(MAX_RETRY_ms, Math.max(2 * pause_ms, 2_000));
        }
    }

    /** Writes what waits; true when the store took it (or nothing waited). */
    boolean flush() {
        List<Sample> s;
        List<StoredEvent> e;
        boolean wantSnapshot;
        String who;
        synchronized (lock) {
            s = new ArrayList<>(samples);
            e = new ArrayList<>(events);
            long now = wall.getAsLong();
            wantSnapshot = snapshotDue || now - lastSettingsCheck_ms >= SETTINGS_CHECK_ms;
            who = snapshotWho;
        }
        List<HistoryStore.Snapshot> snaps = new ArrayList<>();
        Map<String, Object> settings = null;
        if (wantSnapshot) {
            try {
                settings = new TreeMap<>(device.settings());
                if (!settings.equals(lastSettings)) {
                    // one snapshot per ms of board time: a second change in the same ms is stamped a ms later
                    long t = Math.max(newestTime(s, e), lastSnapshot_ms + 1);
                    snaps.add(new HistoryStore.Snapshot(t, who == null ? "" : who, settings));
                }
            } catch (DeviceException ex) {
                settings = null; // offline: look again next time
            }
        }
        HistoryStore.Batch batch = new HistoryStore.Batch(board, device.model().name(), s, e, snaps);
        try {
            store.write(batch);
        } catch (StoreException ex) {
            synchronized (lock) {
                if (error.isEmpty()) {
                    errorSince_ms = wall.getAsLong();
                    LOG.warn("history: {}; readings wait in memory and are written when it works again",
                            ex.getMessage());
                }
                error = ex.getMessage();
                errorKind = ex.kind().name();
            }
            return false;
        }
        synchronized (lock) {
            for (int i = 0; i < s.size() && !samples.isEmpty(); i++) {
                samples.pollFirst();
            }
            for (int i = 0; i < e.size() && !events.isEmpty(); i++) {
                events.pollFirst();
            }
            written += s.size();
            if (!batch.isEmpty()) {
                lastWrite_ms = wall.getAsLong();
            }
            if (!error.isEmpty()) {
                LOG.info("history: writing again ({} readings caught up)", s.size());
            }
            error = "";
            errorKind = "";
            if (!snaps.isEmpty()) {
                lastSnapshot_ms = snaps.get(0).time_ms();
            }
            if (wantSnapshot && settings != null) {
                lastSettings = settings;
                lastSettingsCheck_ms = wall.getAsLong();
                if (Objects.equals(who, snapshotWho)) {
                    snapshotDue = false;
                    snapshotWho = null;
                }
            }
        }
        return true;
    }

    /** A snapshot is stamped with the board's time: the newest thing it was taken with. */
    private long newestTime(List<Sample> s, List<StoredEvent> e) {
        long t = newestBoardTime_ms;
        for (StoredEvent ev : e) {
            t = Math.max(t, ev.time_ms());
        }
        if (!s.isEmpty()) {
            t = Math.max(t, s.get(s.size() - 1).time_ms());
        }
        return t == Long.MIN_VALUE ? device.status().time_ms() : t;
    }

    public RecorderStatus status() {
        synchronized (lock) {
            return new RecorderStatus(store.describe(), board, !closed, error.isEmpty(), error, errorKind,
                    error.isEmpty() ? 0 : errorSince_ms, samples.size() + events.size(), dropped, written,
                    lastWrite_ms, (int) (interval_ms / 1000), store.retention().rawDays(),
                    store.retention().minuteDays());
        }
    }

    /** Stops listening and writes what waits (one last try). */
    @Override
    public void close() {
        device.removeListener(this);
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
