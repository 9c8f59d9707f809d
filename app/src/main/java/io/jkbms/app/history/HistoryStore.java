package io.jkbms.app.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The history: raw readings, their minute and hour roll-ups, events and settings snapshots of every board, in SQLite
 * (a file in the data folder) or PostgreSQL. A {@link #write batch} is one transaction, so a killed process or a
 * failed write leaves what was committed intact and nothing half-written. Roll-ups are computed by the database from
 * the committed raw rows as minutes and hours complete (so a crash cannot lose them: the next write catches up), and
 * old rows are pruned by {@link Retention}. Thread-safe; writes are expected from one recorder thread per board.
 */
public final class HistoryStore implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HistoryStore.class);
    private static final long MINUTE_ms = 60_000;
    private static final long HOUR_ms = 3_600_000;
    private static final long PRUNE_EVERY_ms = HOUR_ms;
    /** Markers a chart carries at most (the newest); the chart says when there were more. */
    public static final int MAX_CHART_EVENTS = 1000;

    private final String url;
    private final Dialect dialect;
    private final Retention retention;
    private final HikariDataSource pool;
    private final ObjectMapper json = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private final Object migrateLock = new Object();
    private volatile boolean migrated;
    /**
     * Per board id: [minute rolled up to, hour rolled up to, last pruned at, raw pruned to, minutes pruned to];
     * advanced only after a commit.
     */
    private final Map<Integer, long[]> progress = new HashMap<>();
    private final Map<String, Integer> boardIds = new HashMap<>();

    /** A batch for one board: readings in time order, events, settings snapshots. */
    public record Batch(String board, String model, List<Sample> samples, List<StoredEvent> events,
                        List<Snapshot> snapshots) {
        public Batch {
            samples = List.copyOf(samples);
            events = List.copyOf(events);
            snapshots = List.copyOf(snapshots);
        }

        public boolean isEmpty() {
            return samples.isEmpty() && events.isEmpty() && snapshots.isEmpty();
        }
    }

    /** The board's settings by JSON name at a moment, and who changed them (empty when unknown). */
    public record Snapshot(long time_ms, String who, Map<String, Object> settings) {
        public Snapshot {
            settings = new TreeMap<>(settings);
        }
    }

    /** The time span one resolution holds for a board. */
    public record Span(long oldest_ms, long newest_ms) {
    }

    private HistoryStore(String url, Retention retention, HikariDataSource pool) {
        this.url = url;
        this.dialect = Dialect.of(url);
        this.retention = retention;
        this.pool = pool;
    }

    /** The embedded default: {@code history.db} in the data folder (created if missing). */
    public static HistoryStore sqlite(Path file, Retention retention) throws StoreException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new StoreException(StoreException.Kind.READ_ONLY, "cannot create the folder for " + file + ": "
                    + e.getMessage(), e);
        }
        return open("jdbc:sqlite:" + file.toAbsolutePath(), retention);
    }

    /**
     * A store at a JDBC URL ({@code jdbc:postgresql://…} or {@code jdbc:sqlite:…}). The schema is migrated now if
     * the database can be written; if not (away, disk full, read-only) the store still opens and every call reports
     * why until it works (recording resumes by itself).
     *
     * @throws StoreException only for a URL that names no supported database
     */
    public static HistoryStore open(String jdbcUrl, Retention retention) throws StoreException {
        Dialect dialect;
        try {
            dialect = Dialect.of(jdbcUrl);
        } catch (IllegalArgumentException e) {
            throw new StoreException(StoreException.Kind.OTHER, e.getMessage(), e);
        }
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(jdbcUrl);
        c.setPoolName("jkbms-history");
        // Start even when the database is away: recording keeps readings in memory until it answers.
        c.setInitializationFailTimeout(-1);
        c.setConnectionTimeout(3_000);
        c.setValidationTimeout(1_000);
        if (dialect == Dialect.SQLITE) {
            c.setMaximumPoolSize(4);
            // WAL: readers never wait for the writer, and a commit is durable once it returns (a killed process
            // loses nothing committed; only a power cut may lose the last commits with synchronous=NORMAL).
            c.addDataSourceProperty("journal_mode", "WAL");
            c.addDataSourceProperty("synchronous", "NORMAL");
            c.addDataSourceProperty("busy_timeout", "10000");
        } else {
            c.setMaximumPoolSize(6);
            c.addDataSourceProperty("connectTimeout", "3");
            c.addDataSourceProperty("socketTimeout", "30");
            c.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        HistoryStore store = new HistoryStore(jdbcUrl, retention, new HikariDataSource(c));
        try {
            store.migrate();
        } catch (StoreException e) {
            // Away, full, read-only: the app runs on, the recorder reports it and every write tries again.
            LOG.warn("history: {}", e.getMessage());
        }
        return store;
    }

    /** Where the history is, for messages: the SQLite file, or the PostgreSQL URL without credentials. */
    public String describe() {
        if (dialect == Dialect.SQLITE) {
            return "sqlite: " + url.substring("jdbc:sqlite:".length());
        }
        int q = url.indexOf('?');
        return "postgresql: " + (q < 0 ? url : url.substring(0, q)).substring("jdbc:".length());
    }

    public Dialect dialect() {
        return dialect;
    }

    public Retention retention() {
        return retention;
    }

    private void migrate() throws StoreException {
        if (migrated) {
            return;
        }
        synchronized (migrateLock) {
            if (migrated) {
                return;
            }
            try {
                Flyway.configure(HistoryStore.class.getClassLoader())
                        .dataSource(pool)
                        .locations("classpath:io/jkbms/app/history/migration")
                        .javaMigrations(new Schema.V1__History(dialect))
                        .failOnMissingLocations(false)
                        .load()
                        .migrate();
                migrated = true;
            } catch (RuntimeException e) {
                throw classify("prepare the history", e);
            }
        }
    }

    // ---- writing

    /** Writes the batch in one transaction, rolls up completed minutes and hours, and prunes old rows hourly. */
    public void write(Batch b) throws StoreException {
        if (b.isEmpty()) {
            return;
        }
        migrate();
        try (Connection c = pool.getConnection()) {
            // The board's row first, in its own short transaction: a batch transaction that began by reading would
            // fail at once with SQLITE_BUSY (no busy wait on a read-to-write upgrade) while another board writes.
            int board = boardId(c, b.board(), b.model(), b.samples().isEmpty() ? 0 : b.samples().get(0).time_ms());
            c.setAutoCommit(false);
            try {
                insertSamples(c, board, b.samples());
                insertEvents(c, board, b.events());
                insertSnapshots(c, board, b.snapshots());
                long[] before;
                synchronized (progress) {
                    before = progress.get(board);
                }
                long[] after = before == null ? loadProgress(c, board) : before.clone();
                if (!b.samples().isEmpty()) {
                    long newest = b.samples().get(b.samples().size() - 1).time_ms();
                    rollUp(c, board, newest, after);
                    if (newest - after[2] >= PRUNE_EVERY_ms) {
                        prune(c, board, newest, after);
                        after[2] = newest;
                    }
                }
                c.commit();
                synchronized (progress) {
                    progress.put(board, after);
                }
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                // A connection that failed mid-write may keep the failure (SQLite's pager stays in its error state
                // after SQLITE_FULL until the connection closes): the next try gets a fresh one.
                pool.evictConnection(c);
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            throw classify("write the history", e);
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the transaction went with it
        }
    }

    private int boardId(Connection c, String name, String model, long first_ms) throws SQLException {
        synchronized (boardIds) {
            Integer id = boardIds.get(name);
            if (id != null) {
                return id;
            }
        }
        Optional<Integer> found = findBoard(c, name);
        int id;
        if (found.isPresent()) {
            id = found.get();
            try (PreparedStatement p = c.prepareStatement("UPDATE board SET model = ? WHERE id = ?")) {
                p.setString(1, model);
                p.setInt(2, id);
                p.executeUpdate();
            }
        } else {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO board (name, model, created_ms) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
                p.setString(1, name);
                p.setString(2, model);
                p.setLong(3, first_ms);
                p.executeUpdate();
            }
            id = findBoard(c, name).orElseThrow(() -> new SQLException("board " + name + " vanished on insert"));
        }
        synchronized (boardIds) {
            boardIds.put(name, id); // committed: the connection is in autocommit here
        }
        return id;
    }

    private static Optional<Integer> findBoard(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM board WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getInt(1)) : Optional.empty();
            }
        }
    }

    private static final String INSERT_SAMPLE;

    static {
        StringBuilder sql = new StringBuilder("INSERT INTO sample (board, t_ms");
        StringBuilder values = new StringBuilder("?, ?");
        for (String col : Schema.RAW_COLUMNS) {
            sql.append(", ").append(col);
            values.append(", ?");
        }
        INSERT_SAMPLE = sql.append(") VALUES (").append(values).append(") ON CONFLICT DO NOTHING").toString();
    }

    private static void insertSamples(Connection c, int board, List<Sample> samples) throws SQLException {
        if (samples.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement(INSERT_SAMPLE)) {
            for (Sample s : samples) {
                int i = 1;
                p.setInt(i++, board);
                p.setLong(i++, s.time_ms());
                p.setInt(i++, s.packVoltage_mV());
                p.setInt(i++, s.current_mA());
                p.setInt(i++, s.soc_pct());
                p.setInt(i++, s.balanceCurrent_mA());
                p.setInt(i++, s.spread_mV());
                int[] temps = s.temperature_dC();
                for (int t = 0; t < Schema.MAX_SENSORS; t++) {
                    if (t < temps.length && temps[t] != Sample.NO_READING) {
                        p.setInt(i++, temps[t]);
                    } else {
                        p.setNull(i++, Types.SMALLINT);
                    }
                }
                int[] cells = s.cell_mV();
                for (int k = 0; k < Schema.MAX_CELLS; k++) {
                    if (k < cells.length) {
                        p.setInt(i++, cells[k]);
                    } else {
                        p.setNull(i++, Types.SMALLINT);
                    }
                }
                p.setInt(i++, s.remaining_mAh());
                p.setInt(i++, s.fullCapacity_mAh());
                p.setInt(i++, s.cycles());
                p.setInt(i++, s.balanceSource());
                p.setInt(i++, s.balanceDestination());
                p.setInt(i++, s.flags());
                p.setLong(i++, s.alarms());
                p.setInt(i++, cells.length);
                p.setInt(i, temps.length);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private static void insertEvents(Connection c, int board, List<StoredEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO event (board, t_ms, category, event, phase, cell, "
                + "text, who) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (StoredEvent e : events) {
                p.setInt(1, board);
                p.setLong(2, e.time_ms());
                p.setString(3, e.category());
                p.setString(4, e.event());
                p.setString(5, e.phase());
                p.setInt(6, e.cell());
                p.setString(7, e.text());
                p.setString(8, e.who());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private void insertSnapshots(Connection c, int board, List<Snapshot> snapshots) throws SQLException {
        if (snapshots.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO settings_snapshot (board, t_ms, who, settings) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (Snapshot s : snapshots) {
                p.setInt(1, board);
                p.setLong(2, s.time_ms());
                p.setString(3, s.who());
                try {
                    p.setString(4, json.writeValueAsString(s.settings()));
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException("settings cannot be written as JSON: " + e.getMessage(), e);
                }
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    // ---- roll-ups and retention

    private static final String ROLL_MINUTE;
    private static final String ROLL_HOUR;

    static {
        StringBuilder cols = new StringBuilder("board, t_ms, n, cells, sensors, remaining_mah, cycles");
        StringBuilder fromRaw = new StringBuilder("board, (t_ms / 60000) * 60000, COUNT(*), MAX(cells), MAX(sensors), "
                + "CAST(ROUND(AVG(remaining_mah)) AS INTEGER), MAX(cycles)");
        StringBuilder fromMinute = new StringBuilder("board, (t_ms / 3600000) * 3600000, SUM(n), MAX(cells), "
                + "MAX(sensors), CAST(ROUND(AVG(remaining_mah)) AS INTEGER), MAX(cycles)");
        for (String m : Schema.METRICS) {
            cols.append(", ").append(m).append("_min, ").append(m).append("_avg, ").append(m).append("_max");
            fromRaw.append(", MIN(").append(m).append("), CAST(ROUND(AVG(").append(m).append(")) AS INTEGER), MAX(")
                    .append(m).append(')');
            fromMinute.append(", MIN(").append(m).append("_min), CAST(ROUND(SUM(").append(m)
                    .append("_avg * 1.0 * n) / NULLIF(SUM(CASE WHEN ").append(m)
                    .append("_avg IS NULL THEN 0 ELSE n END), 0)) AS INTEGER), MAX(").append(m).append("_max)");
        }
        for (int i = 0; i < Schema.SHARES.size(); i++) {
            String s = Schema.SHARES.get(i);
            cols.append(", ").append(s);
            fromRaw.append(", AVG(CASE WHEN (flags & ").append(Schema.SHARE_FLAGS[i])
                    .append(") <> 0 THEN 1.0 ELSE 0.0 END)");
            fromMinute.append(", SUM(").append(s).append(" * n) / SUM(n)");
        }
        ROLL_MINUTE = "INSERT INTO sample_minute (" + cols + ") SELECT " + fromRaw
                + " FROM sample WHERE board = ? AND t_ms >= ? AND t_ms < ? GROUP BY board, t_ms / 60000"
                + " ON CONFLICT DO NOTHING";
        ROLL_HOUR = "INSERT INTO sample_hour (" + cols + ") SELECT " + fromMinute
                + " FROM sample_minute WHERE board = ? AND t_ms >= ? AND t_ms < ? GROUP BY board, t_ms / 3600000"
                + " ON CONFLICT DO NOTHING";
    }

    /** Where the roll-ups stand for a board: after the newest rolled-up row (or from its oldest raw reading). */
    private static long[] loadProgress(Connection c, int board) throws SQLException {
        Optional<Long> lastMinute = newest(c, "sample_minute", board);
        long minute = lastMinute.isPresent() ? lastMinute.get() + MINUTE_ms : oldestOrStart(c, "sample", board);
        Optional<Long> lastHour = newest(c, "sample_hour", board);
        long hour = lastHour.isPresent() ? lastHour.get() + HOUR_ms : oldestOrStart(c, "sample_minute", board);
        return new long[]{floor(minute, MINUTE_ms), floor(hour, HOUR_ms), Long.MIN_VALUE / 2, Long.MIN_VALUE / 2,
                Long.MIN_VALUE / 2};
    }

    private static long oldestOrStart(Connection c, String table, int board) throws SQLException {
        return oldest(c, table, board).orElse(Long.MIN_VALUE / 2);
    }

    private static long floor(long t, long step) {
        return Math.floorDiv(t, step) * step;
    }

    /** Rolls up every minute (and hour) that is complete, i.e. older than the minute of the newest reading. */
    private static void rollUp(Connection c, int board, long newest_ms, long[] progress) throws SQLException {
        long minuteDone = floor(newest_ms, MINUTE_ms);
        if (minuteDone > progress[0]) {
            try (PreparedStatement p = c.prepareStatement(ROLL_MINUTE)) {
                p.setInt(1, board);
                p.setLong(2, progress[0]);
                p.setLong(3, minuteDone);
                p.executeUpdate();
            }
            progress[0] = minuteDone;
        }
        long hourDone = floor(minuteDone, HOUR_ms);
        if (hourDone > progress[1]) {
            try (PreparedStatement p = c.prepareStatement(ROLL_HOUR)) {
                p.setInt(1, board);
                p.setLong(2, progress[1]);
                p.setLong(3, hourDone);
                p.executeUpdate();
            }
            progress[1] = hourDone;
        }
    }

    /**
     * Deletes what retention no longer keeps. Each delete starts at the previous cut (after a start, at the
     * beginning): an unbounded range would walk every dead index entry earlier prunes left (PostgreSQL, until a
     * vacuum), which made a year's pruning ten times slower in the benchmark.
     */
    private void prune(Connection c, int board, long newest_ms, long[] progress) throws SQLException {
        // Never drop raw rows that are not yet rolled up, whatever the retention says.
        long rawBefore = Math.min(newest_ms - retention.raw_ms(), progress[0]);
        long minuteBefore = Math.min(newest_ms - retention.minute_ms(), progress[1]);
        try (PreparedStatement p = c.prepareStatement("DELETE FROM sample WHERE board = ? AND t_ms >= ? AND t_ms < ?");
             PreparedStatement q = c.prepareStatement(
                     "DELETE FROM sample_minute WHERE board = ? AND t_ms >= ? AND t_ms < ?")) {
            p.setInt(1, board);
            p.setLong(2, progress[3]);
            p.setLong(3, rawBefore);
            p.executeUpdate();
            q.setInt(1, board);
            q.setLong(2, progress[4]);
            q.setLong(3, minuteBefore);
            q.executeUpdate();
        }
        progress[3] = Math.max(progress[3], rawBefore);
        progress[4] = Math.max(progress[4], minuteBefore);
    }

    // ---- reading

    /** The boards with history, by name. */
    public List<String> boards() throws StoreException {
        return query("list the boards", c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT name FROM board ORDER BY id")) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        });
    }

    /** What each resolution holds for the board (absent: none). */
    public Map<Resolution, Span> spans(String board) throws StoreException {
        return query("read the history's extent", c -> {
            Map<Resolution, Span> out = new LinkedHashMap<>();
            Optional<Integer> id = findBoard(c, board);
            if (id.isEmpty()) {
                return out;
            }
            for (Resolution r : Resolution.values()) {
                Optional<Long> oldest = oldest(c, r.table, id.get());
                Optional<Long> newest = newest(c, r.table, id.get());
                if (oldest.isPresent() && newest.isPresent()) {
                    out.put(r, new Span(oldest.get(), newest.get()));
                }
            }
            return out;
        });
    }

    /** The board's newest recorded time at any resolution (empty: nothing recorded). */
    public Optional<Long> newest_ms(String board) throws StoreException {
        return spans(board).values().stream().map(Span::newest_ms).max(Long::compare);
    }

    private static Optional<Long> oldest(Connection c, String table, int board) throws SQLException {
        return oneLong(c, "SELECT t_ms FROM " + table + " WHERE board = ? ORDER BY t_ms ASC LIMIT 1", board);
    }

    private static Optional<Long> newest(Connection c, String table, int board) throws SQLException {
        return oneLong(c, "SELECT t_ms FROM " + table + " WHERE board = ? ORDER BY t_ms DESC LIMIT 1", board);
    }

    private static Optional<Long> oneLong(Connection c, String sql, int board) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setInt(1, board);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        }
    }

    /**
     * The finest resolution that draws {@code from..to} in at most {@code maxPoints} points and holds the range's
     * start: raw readings are pruned first, then minutes, so a resolution holds it unless the next coarser one
     * reaches further back than it does (by more than that one's step, its first bucket's start) within the range.
     * Points are counted over the part of the range the history covers (six hours asked of ten minutes' history are
     * ten minutes of points).
     */
    public static Resolution resolutionFor(Map<Resolution, Span> spans, long from_ms, long to_ms, int maxPoints) {
        Resolution[] all = Resolution.values();
        for (int i = 0; i < all.length - 1; i++) {
            Resolution r = all[i];
            Span s = spans.get(r);
            if (s == null) {
                continue;
            }
            long covered = Math.max(1, Math.min(to_ms, s.newest_ms()) - Math.max(from_ms, s.oldest_ms()));
            if (covered / r.step_ms > maxPoints) {
                continue;
            }
            // Roll-ups come only from finer rows: with no coarser rows yet, this resolution holds all there is.
            Span coarser = spans.get(all[i + 1]);
            if (coarser == null || s.oldest_ms() <= Math.max(from_ms, coarser.oldest_ms()) + all[i + 1].step_ms) {
                return r;
            }
        }
        return Resolution.HOUR;
    }

    /**
     * A chart of {@code from..to} at the resolution that fits {@code maxPoints}, with the events in the range. A range
     * longer than {@code maxPoints} hours is drawn from the hours merged into longer buckets ({@code step_ms} says).
     */
    public ChartData chart(String board, long from_ms, long to_ms, int maxPoints) throws StoreException {
        Map<Resolution, Span> spans = spans(board);
        Resolution res = resolutionFor(spans, from_ms, to_ms, maxPoints);
        List<StoredEvent> events = events(board, from_ms, to_ms, StoredEvent.CATEGORIES, MAX_CHART_EVENTS + 1);
        boolean truncated = events.size() > MAX_CHART_EVENTS;
        List<StoredEvent> shown = truncated ? events.subList(0, MAX_CHART_EVENTS) : events;
        return query("read the chart", c -> ChartReader.read(c, findBoard(c, board), res, from_ms, to_ms, maxPoints,
                shown, truncated));
    }

    /** Raw readings of {@code from..to} (inclusive) in time order, streamed without holding them all. */
    public void forEachSample(String board, long from_ms, long to_ms, Consumer<Sample> each) throws StoreException {
        query("read the raw history", c -> {
            Optional<Integer> id = findBoard(c, board);
            if (id.isEmpty()) {
                return null;
            }
            boolean cursor = streamInTransaction(c);
            StringBuilder sql = new StringBuilder("SELECT t_ms");
            for (String col : Schema.RAW_COLUMNS) {
                sql.append(", ").append(col);
            }
            sql.append(" FROM sample WHERE board = ? AND t_ms >= ? AND t_ms <= ? ORDER BY t_ms");
            try (PreparedStatement p = c.prepareStatement(sql.toString())) {
                p.setFetchSize(2000);
                p.setInt(1, id.get());
                p.setLong(2, from_ms);
                p.setLong(3, to_ms);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        each.accept(rawRow(r));
                    }
                }
            } finally {
                endStream(c, cursor);
            }
            return null;
        });
    }

    /**
     * PostgreSQL streams rows with a cursor (instead of reading them all into memory) only inside a transaction;
     * SQLite streams anyway and a read needs no transaction (which could not even begin on a full disk).
     */
    private boolean streamInTransaction(Connection c) throws SQLException {
        if (dialect != Dialect.POSTGRES) {
            return false;
        }
        c.setAutoCommit(false);
        return true;
    }

    private static void endStream(Connection c, boolean cursor) throws SQLException {
        if (cursor) {
            c.commit();
            c.setAutoCommit(true);
        }
    }

    /** One raw row (t_ms first, then {@link Schema#RAW_COLUMNS}) as a sample. */
    static Sample rawRow(ResultSet r) throws SQLException {
        int base = 2;
        int metrics = Schema.METRICS.size();
        int extra = base + metrics;
        int cells = r.getInt(extra + 7);
        int sensors = r.getInt(extra + 8);
        int[] temps = new int[sensors];
        for (int t = 0; t < sensors; t++) {
            int v = r.getInt(base + 5 + t);
            temps[t] = r.wasNull() ? Sample.NO_READING : v;
        }
        int[] cell = new int[cells];
        for (int k = 0; k < cells; k++) {
            cell[k] = r.getInt(base + 5 + Schema.MAX_SENSORS + k);
        }
        return new Sample(r.getLong(1), r.getInt(base), r.getInt(base + 1), r.getInt(base + 2), r.getInt(extra),
                r.getInt(extra + 1), r.getInt(extra + 2), cell, temps, r.getInt(base + 3), r.getInt(extra + 3),
                r.getInt(extra + 4), r.getInt(extra + 5), r.getLong(extra + 6));
    }

    /**
     * Writes {@code from..to} as CSV (see {@link CsvExport}) at {@code resolution}.
     *
     * @return the rows written
     * @throws java.io.UncheckedIOException when {@code out} fails (the reader went away, the disk filled)
     */
    public long exportCsv(String board, Resolution resolution, long from_ms, long to_ms, Appendable out)
            throws StoreException {
        return query("export the history", c -> {
            Optional<Integer> id = findBoard(c, board);
            if (id.isEmpty()) {
                throw new IllegalArgumentException("no history of a board called " + board);
            }
            boolean cursor = streamInTransaction(c);
            try {
                return CsvExport.write(c, id.get(), resolution, from_ms, to_ms, out);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                endStream(c, cursor);
            }
        });
    }

    /** Events of {@code from..to} in the given categories, newest first. */
    public List<StoredEvent> events(String board, long from_ms, long to_ms, Collection<String> categories, int limit)
            throws StoreException {
        return query("read the events", c -> {
            List<StoredEvent> out = new ArrayList<>();
            Optional<Integer> id = findBoard(c, board);
            if (id.isEmpty() || categories.isEmpty()) {
                return out;
            }
            StringBuilder in = new StringBuilder();
            for (int i = 0; i < categories.size(); i++) {
                in.append(i == 0 ? "?" : ", ?");
            }
            try (PreparedStatement p = c.prepareStatement("SELECT t_ms, category, event, phase, cell, text, who "
                    + "FROM event WHERE board = ? AND t_ms >= ? AND t_ms <= ? AND category IN (" + in + ") "
                    + "ORDER BY t_ms DESC, id DESC LIMIT ?")) {
                int i = 1;
                p.setInt(i++, id.get());
                p.setLong(i++, from_ms);
                p.setLong(i++, to_ms);
                for (String cat : categories) {
                    p.setString(i++, cat);
                }
                p.setInt(i, limit);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new StoredEvent(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                                r.getInt(5), r.getString(6), r.getString(7)));
                    }
                }
            }
            return out;
        });
    }

    /** The settings snapshot in force at {@code time_ms} (the latest at or before it). */
    public Optional<Snapshot> settingsAt(String board, long time_ms) throws StoreException {
        return query("read the settings history", c -> {
            Optional<Integer> id = findBoard(c, board);
            if (id.isEmpty()) {
                return Optional.<Snapshot>empty();
            }
            try (PreparedStatement p = c.prepareStatement("SELECT t_ms, who, settings FROM settings_snapshot "
                    + "WHERE board = ? AND t_ms <= ? ORDER BY t_ms DESC LIMIT 1")) {
                p.setInt(1, id.get());
                p.setLong(2, time_ms);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(snapshot(r)) : Optional.<Snapshot>empty();
                }
            }
        });
    }

    /** How the settings changed in {@code from..to}, newest first, each against the snapshot before it. */
    public List<SettingsChange> settingsHistory(String board, long from_ms, long to_ms) throws StoreException {
        return query("read the settings history", c -> {
            List<SettingsChange> out = new ArrayList<>();
            Optional<Integer> id = findBoard(c, board);
            if (id.isEmpty()) {
                return out;
            }
            List<Snapshot> snaps = new ArrayList<>();
            try (PreparedStatement before = c.prepareStatement("SELECT t_ms, who, settings FROM settings_snapshot "
                    + "WHERE board = ? AND t_ms < ? ORDER BY t_ms DESC LIMIT 1");
                 PreparedStatement in = c.prepareStatement("SELECT t_ms, who, settings FROM settings_snapshot "
                         + "WHERE board = ? AND t_ms >= ? AND t_ms <= ? ORDER BY t_ms")) {
                before.setInt(1, id.get());
                before.setLong(2, from_ms);
                try (ResultSet r = before.executeQuery()) {
                    if (r.next()) {
                        snaps.add(snapshot(r));
                    }
                }
                boolean hasBaseline = !snaps.isEmpty();
                in.setInt(1, id.get());
                in.setLong(2, from_ms);
                in.setLong(3, to_ms);
                try (ResultSet r = in.executeQuery()) {
                    while (r.next()) {
                        snaps.add(snapshot(r));
                    }
                }
                Map<String, Object> prev = hasBaseline ? snaps.get(0).settings() : Map.of();
                for (int i = hasBaseline ? 1 : 0; i < snaps.size(); i++) {
                    Snapshot s = snaps.get(i);
                    List<SettingsChange.Diff> diffs = new ArrayList<>();
                    for (Map.Entry<String, Object> e : s.settings().entrySet()) {
                        Object old = prev.get(e.getKey());
                        if (!e.getValue().equals(old)) {
                            diffs.add(new SettingsChange.Diff(e.getKey(), old, e.getValue()));
                        }
                    }
                    if (!diffs.isEmpty()) {
                        out.add(0, new SettingsChange(s.time_ms(), s.who(), diffs));
                    }
                    prev = s.settings();
                }
            }
            return out;
        });
    }

    private Snapshot snapshot(ResultSet r) throws SQLException {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = json.readValue(r.getString(3), Map.class);
            return new Snapshot(r.getLong(1), r.getString(2), m);
        } catch (JsonProcessingException e) {
            throw new SQLException("a stored settings snapshot is not JSON: " + e.getMessage(), e);
        }
    }

    // ---- plumbing

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T query(String what, Work<T> work) throws StoreException {
        StoreException notMigrated = null;
        try {
            migrate();
        } catch (StoreException e) {
            notMigrated = e; // a read-only history written earlier can still be read: try
        }
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw e; // the caller's mistake or the caller's output, not the store's
        } catch (SQLException | RuntimeException e) {
            throw notMigrated != null ? notMigrated : classify(what, e);
        }
    }

    /** Turns a database failure into words a user can act on. */
    StoreException classify(String what, Throwable e) {
        Throwable root = e;
        SQLException sql = e instanceof SQLException s ? s : null;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (sql == null && root instanceof SQLException s) {
                sql = s;
            }
        }
        String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        String where = describe();
        if (dialect == Dialect.SQLITE && sql != null) {
            int code = sql.getErrorCode() & 0xff;
            String lower = detail.toLowerCase(Locale.ROOT);
            if (code == 8 || code == 10 || code == 14) {
                // "cannot open" or "I/O error" says little: ask the file system what is wrong with the folder
                Optional<StoreException> fs = fileSystemProblem(what, e);
                if (fs.isPresent()) {
                    return fs.get();
                }
            }
            if (code == 13 || lower.contains("disk is full") || lower.contains("no space")) {
                return new StoreException(StoreException.Kind.DISK_FULL, "disk full: cannot " + what + " in "
                        + where + " (" + detail + ")", e);
            }
            if (code == 8 || lower.contains("readonly") || lower.contains("read-only")) {
                return new StoreException(StoreException.Kind.READ_ONLY, "read-only: cannot " + what + " in "
                        + where + " (" + detail + ")", e);
            }
            if (code == 11 || code == 26) {
                return new StoreException(StoreException.Kind.CORRUPT, "not a usable history file: " + where
                        + " (" + detail + ")", e);
            }
            if (code == 14) {
                return new StoreException(StoreException.Kind.READ_ONLY, "cannot open " + where + " (" + detail
                        + ")", e);
            }
        }
        if (dialect == Dialect.POSTGRES) {
            String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
            if (state.startsWith("08") || state.equals("57P01") || state.equals("57P03")
                    || e instanceof SQLTransientConnectionException || root instanceof java.net.ConnectException
                    || root instanceof java.net.SocketException || root instanceof java.io.EOFException) {
                return new StoreException(StoreException.Kind.UNREACHABLE, "database unreachable: cannot " + what
                        + " at " + where + " (" + detail + ")", e);
            }
            if (state.equals("53100")) {
                return new StoreException(StoreException.Kind.DISK_FULL, "disk full on the database server: cannot "
                        + what + " at " + where + " (" + detail + ")", e);
            }
            if (state.equals("25006")) {
                return new StoreException(StoreException.Kind.READ_ONLY, "the database is read-only: cannot " + what
                        + " at " + where + " (" + detail + ")", e);
            }
        }
        if (e instanceof SQLTransientConnectionException) {
            return new StoreException(StoreException.Kind.UNREACHABLE, "database unreachable: cannot " + what
                    + " at " + where + " (" + detail + ")", e);
        }
        return new StoreException(StoreException.Kind.OTHER, "cannot " + what + " in " + where + ": " + detail, e);
    }

    private Optional<StoreException> fileSystemProblem(String what, Throwable e) {
        try {
            Path folder = Path.of(url.substring("jdbc:sqlite:".length())).toAbsolutePath().getParent();
            java.nio.file.FileStore fs = Files.getFileStore(folder);
            if (fs.isReadOnly()) {
                return Optional.of(new StoreException(StoreException.Kind.READ_ONLY, "read-only: cannot " + what
                        + ": " + folder + " is on a read-only volume", e));
            }
            if (fs.getUsableSpace() < 64 * 1024) {
                return Optional.of(new StoreException(StoreException.Kind.DISK_FULL, "disk full: cannot " + what
                        + ": no space left where " + folder + " is", e));
            }
            if (!Files.isWritable(folder)) {
                return Optional.of(new StoreException(StoreException.Kind.READ_ONLY, "read-only: cannot " + what
                        + ": no permission to write in " + folder, e));
            }
        } catch (java.io.IOException | RuntimeException ignored) {
            // the folder itself is gone or unreadable: the database's own message says so
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        pool.close();
    }
}
