package io.jkbms.app.history;

import io.jkbms.app.device.Device;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The main job's history: the store and the recorder of its board. Closing stops recording (writing what waits)
 * and closes the store.
 */
public final class History implements AutoCloseable {
    private final HistoryStore store;
    private final Recorder recorder;
    private final AnalyticsFeed analytics;

    private History(HistoryStore store, Recorder recorder, AnalyticsFeed analytics) {
        this.store = store;
        this.recorder = recorder;
        this.analytics = analytics;
        recorder.onWritten(analytics::written);
    }

    /** Where and how the history is kept: {@code --db} (else SQLite in the data folder), retention, interval. */
    public record Config(Optional<String> db, Retention retention, int interval_s) {
        public static final Config DEFAULT = new Config(Optional.empty(), Retention.DEFAULT, 1);

        public Config {
            if (interval_s < 1 || interval_s > 3600) {
                throw new IllegalArgumentException("--record-every must be 1 to 3600 s, was " + interval_s);
            }
        }

        /** Opens the store this names (the data folder's {@code history.db} unless --db names another). */
        public HistoryStore open(Path data) throws StoreException {
            return db.isPresent() ? HistoryStore.open(db.get(), retention)
                    : HistoryStore.sqlite(data.resolve("history.db"), retention);
        }
    }

    /** Starts recording {@code device} under {@code board} into {@code store} (which this then owns). */
    public static History record(HistoryStore store, Device device, String board, Config config) {
        return new History(store, new Recorder(store, device, board, config.interval_s()),
                new AnalyticsFeed(store, device, board));
    }

    /**
     * When a twin recorded as {@code board} should start its clock: now, or just after its newest recorded reading
     * if an earlier run at speed got ahead of the wall clock, so its history never runs backwards.
     */
    public static long resumeTime_ms(HistoryStore store, String board, long now_ms) {
        try {
            return store.newest_ms(board).map(t -> Math.max(now_ms, t + 1000)).orElse(now_ms);
        } catch (StoreException e) {
            return now_ms; // unreadable now: the recorder reports it; the clock starts now
        }
    }

    public HistoryStore store() {
        return store;
    }

    public Recorder recorder() {
        return recorder;
    }

    public String board() {
        return recorder.board();
    }

    public AnalyticsFeed analytics() {
        return analytics;
    }

    @Override
    public void close() {
        analytics.close();
        recorder.close();
        store.close();
    }
}
