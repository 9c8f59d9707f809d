package io.jkbms.app.history;

import io.jkbms.app.analytics.AnalyticsReport;
import io.jkbms.app.analytics.Analyzer;
import io.jkbms.app.device.Device;
import io.jkbms.app.device.DeviceException;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The board's analytics kept current: at start an {@link Analyzer} reads the raw history there is (in the
 * background: a month of readings takes a while), then every reading the recorder commits. The page asks for the
 * report at any time and gets it at once. An arbitrary range is {@link #analyse analysed} on demand instead.
 */
public final class AnalyticsFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsFeed.class);

    private final HistoryStore store;
    private final Device device;
    private final String board;
    private final Object lock = new Object();
    private final List<Sample> waiting = new ArrayList<>();
    private final Thread loader;
    private Analyzer analyzer;
    private boolean loaded;
    private volatile String problem = "";

    AnalyticsFeed(HistoryStore store, Device device, String board) {
        this.store = store;
        this.device = device;
        this.board = board;
        this.loader = new Thread(this::load, "jkbms-analytics-" + board);
        loader.setDaemon(true);
        loader.start();
    }

    /** An analyzer for this board's chemistry and nominal capacity, as its settings say now. */
    public Optional<Analyzer> newAnalyzer() {
        try {
            Settings s = device.currentSettings();
            return Optional.of(new Analyzer(s.chemistry(), s.get(SettingKey.CAPACITY_mAh)));
        } catch (DeviceException e) {
            return Optional.empty();
        }
    }

    private void load() {
        // A real board may not have answered yet: wait for its settings (chemistry, capacity).
        Optional<Analyzer> a = newAnalyzer();
        while (a.isEmpty()) {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                return;
            }
            a = newAnalyzer();
        }
        Analyzer fresh = a.get();
        try {
            store.forEachSample(board, 0, Long.MAX_VALUE / 2, fresh::accept);
        } catch (StoreException e) {
            problem = "the analytics could not read the history (" + e.getMessage() + "); they cover only what "
                    + "was recorded since";
            LOG.warn("history: {}", problem);
        }
        synchronized (lock) {
            for (Sample s : waiting) {
                fresh.accept(s); // a reading already read from the store is ignored (not later than the previous)
            }
            waiting.clear();
            analyzer = fresh;
            loaded = true;
        }
    }

    /** Readings the recorder has just committed. */
    void written(List<Sample> samples) {
        synchronized (lock) {
            if (loaded) {
                for (Sample s : samples) {
                    analyzer.accept(s);
                }
            } else if (waiting.size() < Recorder.MAX_PENDING) {
                waiting.addAll(samples);
            }
        }
    }

    /** The report over the whole recorded history; empty until the history has been read. */
    public Optional<AnalyticsReport> report() {
        synchronized (lock) {
            return loaded ? Optional.of(analyzer.report()) : Optional.empty();
        }
    }

    /** Why the report may be incomplete (empty when it is not). */
    public String problem() {
        return problem;
    }

    /** The report over {@code from..to}, read from the store now. */
    public AnalyticsReport analyse(long from_ms, long to_ms) throws StoreException, DeviceException {
        Analyzer a = newAnalyzer().orElseThrow(() -> new DeviceException(DeviceException.Kind.OFFLINE,
                "the board's chemistry and capacity are needed for the analytics; it has not answered yet"));
        store.forEachSample(board, from_ms, to_ms, a::accept);
        return a.report();
    }

    @Override
    public void close() {
        loader.interrupt();
    }
}
