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

    private History(HistoryStore store, Recorder recorder) {
        this.store = store;
        this.recorder = recorder;
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
        return new History(store, new Recorder(store, device, board, config.interval_s()));
    }

    /**
     * When a twin recorded as {@code board} should start its clock: now, or just after its newest recorded reading
     * if an earlier run at speed got ahead of the wall clock, so its history never runs backwards.
     */
    public static long resumeTime_ms(HistoryStore store, String board, long now_ms) {
        long start_ms = now_ms;
        try {
            for (HistoryStore.Span s : store.spans(board).values()) {
                start_ms = Math.max(start_ms, s.newest_ms() + 1000);
            }
        } catch (StoreException e) {
            // unreadable now: the recorder reports it; the clock starts now
        }
        return start_ms;
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

    @Override
    public void close() {
        recorder.close();
        store.close();
    }
}
