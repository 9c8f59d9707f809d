package io.jkbms.app.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jkbms.app.cli.Json;
import io.jkbms.app.history.ChartData;
import io.jkbms.app.history.HistoryStore;
import io.jkbms.app.history.HistoryStore.Batch;
import io.jkbms.app.history.Retention;
import io.jkbms.app.history.Sample;
import io.jkbms.app.history.StoreException;
import io.jkbms.app.history.StoredEvent;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IntSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * {@code jkbms history-bench}: the history store's speed and size on SQLite and PostgreSQL (docs/benchmarks.md,
 * "History store"). Everything goes through {@link HistoryStore} as the recorder uses it: one board's readings in
 * time order, a batch per {@link HistoryStore#write write}, so the roll-ups and pruning each write does are in the
 * cost. Readings are synthetic ({@link SyntheticBoard}) but vary like a real pack's.
 */
@Command(name = "history-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark the history store: ingest rate (bulk backfill, and one-reading transactions from "
                + "many boards at once), chart query time over 30 days of 1 s readings of one board (30 d / 7 d / "
                + "1 d / 1 h at maxPoints 2000), streaming one day of raw readings (the CSV export), bytes on disk, "
                + "and with --year a year of 1 s readings with the default retention.",
                "SQLite in a temporary folder and PostgreSQL in a scratch database that is created and dropped; "
                        + "nothing of the app's own history is touched."})
public final class HistoryBenchCommand implements Callable<Integer> {
    static final long DAY_ms = 86_400_000L;
    static final long HOUR_ms = 3_600_000L;
    /** 2025-01-01T00:00:00Z: the data set's first reading. */
    static final long T0 = 1_735_689_600_000L;
    static final String BOARD = "bench";
    static final String MODEL = "JK-BD4A24S-12P";
    static final int MAX_POINTS = 2000;
    private static final int WARMUP = 10;
    private static final long[] CHART_RANGES = {30 * DAY_ms, 7 * DAY_ms, DAY_ms, HOUR_ms};
    private static final long[] YEAR_CHART_RANGES = {365 * DAY_ms, 30 * DAY_ms, DAY_ms};

    @Spec
    CommandSpec spec;

    @Option(names = "--db", paramLabel = "sqlite|postgres|both", description = "which databases (default both)",
            defaultValue = "both")
    String db;

    @Option(names = "--postgres", paramLabel = "URL", description = "PostgreSQL admin URL; a scratch database "
            + "jkbms_bench_… is created there and dropped afterwards (default ${DEFAULT-VALUE})",
            defaultValue = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres")
    String postgres;

    @Option(names = "--dir", paramLabel = "DIR", description = "folder for the SQLite files (default a temporary "
            + "folder); the files are deleted afterwards unless --keep")
    Path dir;

    @Option(names = "--days", description = "days of 1 s readings in the chart data set (default 30; 0 = skip it, "
            + "e.g. with --year)", defaultValue = "30")
    int days;

    @Option(names = "--hours", hidden = true, description = "the data set in hours instead of days (tests)")
    Integer hours;

    @Option(names = "--solar-a", paramLabel = "A", description = "the synthetic pack's charging current at noon, "
            + "amps (default 32, as the figures in docs/benchmarks.md were measured)", defaultValue = "32")
    double solar_A;

    @Option(names = "--batch", paramLabel = "N", description = "readings per write in the bulk backfill (default "
            + "3600: what the recorder writes in one transaction when it catches up after an hour without the "
            + "database; it holds up to a day, 86400)", defaultValue = "3600")
    int batch;

    @Option(names = "--boards", split = ",", paramLabel = "N", description = "board counts for the one-second "
            + "ingest: N boards (a thread each) write one reading per transaction, back to back (default 1,10)",
            defaultValue = "1,10")
    List<Integer> boards;

    @Option(names = "--live-seconds", paramLabel = "S", description = "seconds per board count (default 10)",
            defaultValue = "10")
    double liveSeconds;

    @Option(names = "--repeat", description = "timed runs of each chart query, after 10 untimed of every range and 2 "
            + "of its own (default 20)",
            defaultValue = "20")
    int repeat;

    @Option(names = "--year", description = "also ingest a year of 1 s readings into a fresh store with the default "
            + "retention (raw 30 d, minutes 365 d, hours for good) and measure its size; takes long")
    boolean year;

    @Option(names = "--year-hours", hidden = true, description = "the --year data set in hours (tests)")
    Integer yearHours;

    @Option(names = "--keep", description = "keep the SQLite files and PostgreSQL databases (their names are "
            + "printed) to inspect them")
    boolean keep;

    @Option(names = "--no-progress", description = "no progress bar even on a terminal (progress lines to stderr "
            + "every 30 s instead)")
    boolean noProgress;

    @Option(names = "--no-vacuum", description = "PostgreSQL with autovacuum off: do not stand in for it (by default "
            + "the benchmark runs VACUUM / ANALYZE on the history tables whenever a default autovacuum would)")
    boolean noVacuum;

    private PrintWriter out;

    private int solarPeak_mA() {
        return (int) Math.round(solar_A * 1000);
    }
    private PrintWriter err;
    private final Map<String, Double> chart30dP95 = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        List<String> dbs = switch (db.toLowerCase(Locale.ROOT)) {
            case "sqlite" -> List.of("sqlite");
            case "postgres", "postgresql" -> List.of("postgres");
            case "both" -> List.of("sqlite", "postgres");
            default -> List.of();
        };
        if (dbs.isEmpty()) {
            err.println("history-bench: --db must be sqlite, postgres or both");
            return 2;
        }
        long dataSet_ms = hours != null ? hours * HOUR_ms : days * DAY_ms;
        if (dataSet_ms < 0 || dataSet_ms == 0 && !year || batch < 1 || repeat < 1 || !(liveSeconds >= 0)
                || boards.stream().anyMatch(n -> n < 1) || days > 3650 || !(solar_A > 0 && solar_A <= 1000)) {
            err.println("history-bench: --days must be 1 to 3650 (or 0 with --year), --batch and --repeat >= 1, "
                    + "--boards positive, --live-seconds >= 0, --solar-a 0 to 1000");
            return 2;
        }
        long year_ms = yearHours != null ? yearHours * HOUR_ms : 365 * DAY_ms;
        Path tmp = null;
        if (dbs.contains("sqlite")) {
            if (dir == null) {
                tmp = Files.createTempDirectory("jkbms-history-bench");
            } else {
                Files.createDirectories(dir);
            }
        }
        out.printf(Locale.ROOT, "history-bench %s | %s %s | %d cores | %s%n",
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS),
                System.getProperty("java.vm.name"), Runtime.version(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        out.printf(Locale.ROOT, "readings: synthetic 16S LFP 280 Ah on solar (%s A at noon), 16 cells, 3 sensors, one "
                + "per second from %s; written through HistoryStore.write like the recorder (time order, roll-ups "
                + "and pruning included)%n", fmt(solar_A), Instant.ofEpochMilli(T0));
        out.flush();
        try {
            for (String d : dbs) {
                if (dataSet_ms > 0) {
                    try (Target t = target(d, tmp, "history-bench")) {
                        dataSet(t, dataSet_ms);
                    }
                }
                if (year) {
                    try (Target t = target(d, tmp, "history-bench-year")) {
                        year(t, year_ms);
                    }
                }
            }
            if (!chart30dP95.isEmpty()) {
                StringBuilder s = new StringBuilder();
                chart30dP95.forEach((name, p95) -> s.append(s.length() == 0 ? "" : ", ").append(name).append(' ')
                        .append(ms(p95)).append(" ms"));
                boolean met = chart30dP95.values().stream().allMatch(v -> v < 200);
                out.printf(Locale.ROOT, "goal: 30-day chart of one board under 200 ms: %s (p95 %s)%n",
                        met ? "met" : "NOT met", s);
            }
        } finally {
            if (tmp != null && !keep) {
                deleteTree(tmp);
            }
        }
        out.flush();
        return 0;
    }

    // ---- the data set: ingest, size, charts, export, one-second ingest

    private void dataSet(Target t, long span_ms) throws Exception {
        long readings = span_ms / 1000;
        out.printf(Locale.ROOT, "%n== %s: data set %s of 1 s readings, one board (%s readings) | %s%n", t.name(),
                duration(span_ms), group(readings), t.where());
        out.flush();
        long newest;
        try (HistoryStore store = t.open(Retention.DEFAULT)) {
            Ingest in = bulk(store, t, t.name() + ": ingest", BOARD, readings);
            newest = T0 + (readings - 1) * 1000;
            out.printf(Locale.ROOT, "ingest, bulk backfill (%d readings per write): %s readings in %s s = %s "
                    + "readings/s (%s µs per reading; %d writes, %s ms per write)%n", batch, group(in.readings()),
                    sec(in.write_ns()), group(in.perSecond()), us(in.write_ns() / (double) in.readings() / 1e3),
                    in.writes(), ms(in.write_ns() / 1e6 / in.writes()));
            maintenance(t, in);
            out.flush();
            size(t);
            charts(store, newest, CHART_RANGES, true, t.name());
            export(store, newest);
            for (int n : boards) {
                if (liveSeconds > 0) {
                    live(store, t.name(), n);
                }
            }
        }
        if (keep) {
            out.println("kept: " + t.where());
        }
        out.flush();
    }

    /** A year of readings into a fresh store with the default retention. */
    private void year(Target t, long span_ms) throws Exception {
        long readings = span_ms / 1000;
        out.printf(Locale.ROOT, "%n== %s: a year: %s of 1 s readings, one board (%s readings), default retention "
                        + "(raw %d d, minutes %d d, hours for good) | %s%n", t.name(), duration(span_ms),
                group(readings), Retention.DEFAULT.rawDays(), Retention.DEFAULT.minuteDays(), t.where());
        out.flush();
        long started = System.nanoTime();
        try (HistoryStore store = t.open(Retention.DEFAULT)) {
            Ingest in = bulk(store, t, t.name() + ": year", BOARD, readings);
            out.printf(Locale.ROOT, "year ingest (%d readings per write): %s readings in %s s = %s readings/s "
                            + "(wall %s s)%n", batch, group(in.readings()), sec(in.write_ns()),
                    group(in.perSecond()), sec(System.nanoTime() - started));
            maintenance(t, in);
            out.flush();
            size(t);
            charts(store, T0 + (readings - 1) * 1000, YEAR_CHART_RANGES, false, t.name());
        }
        if (keep) {
            out.println("kept: " + t.where());
        }
        out.flush();
    }

    private void maintenance(Target t, Ingest in) {
        if (!t.maintenance().isEmpty()) {
            out.printf(Locale.ROOT, "  %s: %d VACUUM (ANALYZE), %d ANALYZE, %s s, not in the ingest time%n",
                    t.maintenance(), in.vacuums(), in.analyzes(), sec(in.maintenance_ns()));
        }
    }

    record Ingest(long readings, long writes, long write_ns, long events, long vacuums, long analyzes,
                  long maintenance_ns) {
        long perSecond() {
            return write_ns == 0 ? 0 : Math.round(readings / (write_ns / 1e9));
        }
    }

    /** Writes {@code readings} from T0 in batches of {@link #batch}; times only the store's writes. */
    private Ingest bulk(HistoryStore store, Target target, String task, String board, long readings)
            throws StoreException, SQLException {
        SyntheticBoard gen = new SyntheticBoard(42, T0, solarPeak_mA());
        long writes = 0;
        long write_ns = 0;
        long events = 0;
        long done = 0;
        long[] maintenance = new long[3];
        try (Progress p = new Progress(task, readings)) {
            while (done < readings) {
                int n = (int) Math.min(batch, readings - done);
                List<Sample> samples = new ArrayList<>(n);
                List<StoredEvent> ev = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    samples.add(gen.next(ev));
                }
                List<HistoryStore.Snapshot> snaps = done == 0
                        ? List.of(new HistoryStore.Snapshot(T0, "", settings())) : List.of();
                Batch b = new Batch(board, MODEL, samples, ev, snaps);
                long t0 = System.nanoTime();
                try {
                    store.write(b);
                } catch (StoreException e) {
                    IntSummaryStatistics current = samples.stream().mapToInt(Sample::current_mA).summaryStatistics();
                    throw new StoreException(e.kind(), String.format(Locale.ROOT, "%s: the write of %d readings from "
                            + "%s (current %d to %d mA) failed: %s", task, n, Instant.ofEpochMilli(
                            samples.get(0).time_ms()), current.getMin(), current.getMax(), e.getMessage()), e);
                }
                write_ns += System.nanoTime() - t0;
                writes++;
                events += ev.size();
                done += n;
                target.maintain(maintenance);
                p.stepTo(done, write_ns);
            }
        }
        return new Ingest(done, writes, write_ns, events, maintenance[0], maintenance[1], maintenance[2]);
    }

    /** A settings snapshot of the size the recorder stores (about 60 settings). */
    private static Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            s.put("setting" + i, 3000 + 7 * i);
        }
        return s;
    }

    // ---- charts and export

    private void charts(HistoryStore store, long newest, long[] ranges, boolean isDataSet, String name)
            throws StoreException {
        out.printf(Locale.ROOT, "chart of the last RANGE before the newest reading, maxPoints %d, %d timed runs "
                + "after 10 untimed rounds of all ranges (ms; JSON = the chart's size as the web app would send it):%n", MAX_POINTS, repeat);
        out.printf("  %-6s %-10s %7s %9s %9s %9s %9s%n", "range", "resolution", "points", "p50", "p95", "max",
                "JSON kB");
        // Warm up every range first: timed in a cold JVM, the first range measured paid for the JIT (on PostgreSQL
        // the 30-day chart came out 3x slower than once warm)
        for (int w = 0; w < WARMUP; w++) {
            for (long range : ranges) {
                store.chart(BOARD, newest - range, newest, MAX_POINTS);
            }
        }
        for (long range : ranges) {
            double[] t = new double[repeat];
            ChartData last = null;
            for (int i = -2; i < repeat; i++) {
                long t0 = System.nanoTime();
                last = store.chart(BOARD, newest - range, newest, MAX_POINTS);
                double took = (System.nanoTime() - t0) / 1e6;
                if (i >= 0) {
                    t[i] = took;
                }
            }
            Arrays.sort(t);
            out.printf(Locale.ROOT, "  %-6s %-10s %7d %9s %9s %9s %9s%n", duration(range), last.resolution(),
                    last.time_ms().length, ms(pct(t, 50)), ms(pct(t, 95)), ms(t[t.length - 1]), group(Math.round(
                            jsonBytes(last) / 1e3)));
            if (isDataSet && range == 30 * DAY_ms) {
                chart30dP95.put(name, pct(t, 95));
            }
        }
        // chart() = spans() + events() of the longest range + the resolution's rows: the first two on their own
        double[] t = new double[repeat];
        double[] e = new double[repeat];
        for (int i = -2; i < repeat; i++) {
            long t0 = System.nanoTime();
            store.spans(BOARD);
            long t1 = System.nanoTime();
            store.events(BOARD, newest - ranges[0], newest, StoredEvent.CATEGORIES, 1000);
            if (i >= 0) {
                t[i] = (t1 - t0) / 1e6;
                e[i] = (System.nanoTime() - t1) / 1e6;
            }
        }
        Arrays.sort(t);
        Arrays.sort(e);
        out.printf(Locale.ROOT, "  of which (every chart call runs both) spans(): p50 %s, p95 %s, max %s ms; events() "
                        + "of the %s: p50 %s, p95 %s, max %s ms%n", ms(pct(t, 50)), ms(pct(t, 95)),
                ms(t[t.length - 1]), duration(ranges[0]), ms(pct(e, 50)), ms(pct(e, 95)), ms(e[e.length - 1]));
        out.flush();
    }

    /** The chart as the web app's JSON (not timed: the store's part is what the goal is about). */
    private static long jsonBytes(ChartData chart) {
        try {
            return Json.MAPPER.writeValueAsBytes(chart).length;
        } catch (JsonProcessingException e) {
            return -1;
        }
    }

    /** The raw readings of the last day through forEachSample, as the CSV export reads them. */
    private void export(HistoryStore store, long newest) throws StoreException {
        int runs = 3;
        double[] t = new double[runs];
        long[] count = new long[1];
        long[] sum = new long[1];
        for (int i = 0; i < runs; i++) {
            count[0] = 0;
            long t0 = System.nanoTime();
            store.forEachSample(BOARD, newest - DAY_ms + 1000, newest, s -> {
                count[0]++;
                sum[0] += s.cell_mV()[0];
            });
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        out.printf(Locale.ROOT, "export (forEachSample, raw readings of the last day): %s readings, p50 %s ms, "
                        + "max %s ms of %d runs = %s readings/s%n", group(count[0]), ms(pct(t, 50)),
                ms(t[t.length - 1]), runs, group(Math.round(count[0] / (pct(t, 50) / 1e3))));
        out.flush();
    }

    // ---- one-second batches from many boards

    private void live(HistoryStore store, String name, int n) throws InterruptedException {
        long[][] lat = new long[n][];
        int[] counts = new int[n];
        long[] errors = new long[n];
        long[] laterErrors = new long[n];
        String[] firstError = new String[n];
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        List<Thread> threads = new ArrayList<>();
        String prefix = "live" + n + "-";
        for (int k = 0; k < n; k++) {
            int idx = k;
            Thread th = new Thread(() -> {
                SyntheticBoard gen = new SyntheticBoard(1000 + idx, T0, solarPeak_mA());
                long[] l = new long[4096];
                int c = 0;
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long end = window[1];
                List<StoredEvent> ev = new ArrayList<>();
                Batch b = null;
                while (System.nanoTime() < end) {
                    if (b == null) {
                        ev.clear();
                        b = new Batch(prefix + idx, MODEL, List.of(gen.next(ev)), ev, List.of());
                    }
                    long t0 = System.nanoTime();
                    try {
                        store.write(b);
                        b = null;
                    } catch (StoreException e) {
                        // like the recorder: the reading waits and is written again (here at once, no pause)
                        errors[idx]++;
                        if (c > 0) {
                            laterErrors[idx]++;
                        }
                        if (firstError[idx] == null) {
                            firstError[idx] = e.getMessage();
                        }
                        continue;
                    }
                    if (c == l.length) {
                        l = Arrays.copyOf(l, 2 * c);
                    }
                    l[c++] = System.nanoTime() - t0;
                }
                lat[idx] = l;
                counts[idx] = c;
            }, "history-bench-board-" + k);
            threads.add(th);
            th.start();
        }
        ready.await();
        window[0] = System.nanoTime();
        window[1] = window[0] + (long) (liveSeconds * 1e9);
        go.countDown();
        for (Thread th : threads) {
            th.join();
        }
        double elapsed_s = (System.nanoTime() - window[0]) / 1e9;
        int total = Arrays.stream(counts).sum();
        double[] all = new double[total];
        int at = 0;
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < counts[k]; i++) {
                all[at++] = lat[k][i] / 1e6;
            }
        }
        Arrays.sort(all);
        long errs = Arrays.stream(errors).sum();
        if (boards.indexOf(n) == 0) {
            out.printf(Locale.ROOT, "ingest, one-second batches (N boards, a thread each, one reading per write, "
                    + "back to back for %s s; readings/s = how many boards recorded at 1 s the store keeps up "
                    + "with):%n", fmt(liveSeconds));
            out.printf("  %6s %12s %10s %10s %10s %10s %7s%n", "boards", "readings/s", "write p50", "p95", "p99",
                    "max (ms)", "errors");
        }
        out.printf(Locale.ROOT, "  %6d %12s %10s %10s %10s %10s %7d%n", n, group(Math.round(total / elapsed_s)),
                total == 0 ? "-" : ms(pct(all, 50)), total == 0 ? "-" : ms(pct(all, 95)),
                total == 0 ? "-" : ms(pct(all, 99)), total == 0 ? "-" : ms(all[total - 1]), errs);
        if (errs > 0) {
            long later = Arrays.stream(laterErrors).sum();
            out.printf(Locale.ROOT, "    %d failed writes (retried), %d of them after the board's first successful "
                    + "write; first: %s%n", errs, later, Arrays.stream(firstError).filter(e -> e != null)
                    .findFirst().orElse(""));
        }
        out.flush();
    }

    // ---- size on disk

    private void size(Target t) throws Exception {
        Size s = t.size();
        long raw = s.rows().getOrDefault("sample", 0L);
        out.printf(Locale.ROOT, "on disk: %s (%s) = %s bytes per raw reading kept%n", bytes(s.total()), s.how(),
                raw == 0 ? "-" : group(Math.round(s.total() / (double) raw)));
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Long> e : s.tables().entrySet()) {
            Long rows = s.rows().get(e.getKey());
            b.append(b.length() == 0 ? "" : "; ").append(e.getKey()).append(' ').append(bytes(e.getValue()));
            if (rows != null) {
                b.append(", ").append(group(rows)).append(" rows");
                if (rows > 0) {
                    b.append(", ").append(group(Math.round(e.getValue() / (double) rows))).append(" B/row");
                }
            }
        }
        out.println("  tables (with their indexes): " + b);
        if (!s.note().isEmpty()) {
            out.println("  " + s.note());
        }
        out.flush();
    }

    record Size(long total, String how, Map<String, Long> tables, Map<String, Long> rows, String note) {
    }

    private Target target(String which, Path tmp, String base) throws Exception {
        if (which.equals("sqlite")) {
            Path folder = tmp != null ? tmp : dir;
            Path file = folder.resolve(base + ".db");
            if (Files.exists(file)) {
                throw new IOException(file + " exists already; remove it or choose another --dir");
            }
            return new SqliteTarget(file, keep || tmp != null);
        }
        return new PostgresTarget(postgres, keep, noVacuum);
    }

    private interface Target extends AutoCloseable {
        String name();

        String where();

        HistoryStore open(Retention r) throws StoreException;

        Size size() throws SQLException, IOException;

        /**
         * What stands in for the database's own maintenance during the bulk ingest ("" = nothing: SQLite needs none,
         * PostgreSQL with autovacuum on does its own).
         */
        default String maintenance() {
            return "";
        }

        /** Between two writes: the maintenance due, counted in {vacuums, analyzes, ns}. */
        default void maintain(long[] counts) throws SQLException {
        }

        @Override
        void close() throws Exception;
    }

    static final List<String> TABLES = List.of("sample", "sample_minute", "sample_hour", "event",
            "settings_snapshot");

    private static Map<String, Long> rowCounts(Connection c) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Statement st = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet r = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    r.next();
                    rows.put(table, r.getLong(1));
                }
            }
        }
        return rows;
    }

    private static final class SqliteTarget implements Target {
        private final Path file;
        /** Leave deleting to the caller (a temporary folder) or keep the files (--keep). */
        private final boolean leave;

        SqliteTarget(Path file, boolean leave) {
            this.file = file;
            this.leave = leave;
        }

        @Override
        public String name() {
            return "sqlite";
        }

        @Override
        public String where() {
            return file.toString();
        }

        @Override
        public HistoryStore open(Retention r) throws StoreException {
            return HistoryStore.sqlite(file, r);
        }

        @Override
        public Size size() throws SQLException, IOException {
            Map<String, Long> tables = new LinkedHashMap<>();
            Map<String, Long> rows;
            String checkpoint;
            long pageSize;
            long free;
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                 Statement st = c.createStatement()) {
                try (ResultSet r = st.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                    r.next();
                    checkpoint = r.getInt(1) == 0 ? "checkpointed" : "checkpoint BUSY";
                }
                pageSize = pragma(st, "page_size");
                free = pragma(st, "freelist_count") * pageSize;
                rows = rowCounts(c);
                try (ResultSet r = st.executeQuery("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name")) {
                    Map<String, Long> all = new LinkedHashMap<>();
                    while (r.next()) {
                        all.put(r.getString(1), r.getLong(2));
                    }
                    for (String table : TABLES) {
                        long b = all.getOrDefault(table, 0L);
                        // an index of a table (event_by_time, sqlite_autoindex_…) counts with it
                        for (Map.Entry<String, Long> e : all.entrySet()) {
                            if (e.getKey().equals("event_by_time") && table.equals("event")
                                    || e.getKey().startsWith("sqlite_autoindex_" + table + "_")) {
                                b += e.getValue();
                            }
                        }
                        tables.put(table, b);
                    }
                } catch (SQLException e) {
                    // no dbstat in this SQLite build: the total only
                }
            }
            long db = Files.size(file);
            Path walFile = Path.of(file + "-wal");
            long wal = Files.exists(walFile) ? Files.size(walFile) : 0;
            return new Size(db + wal, String.format(Locale.ROOT, "file %s + wal %s after %s, page %d B",
                    bytes(db), bytes(wal), checkpoint, pageSize), tables, rows,
                    free > 0 ? "free pages inside the file (left by pruning, reused by later writes): " + bytes(free)
                            : "");
        }

        private static long pragma(Statement st, String name) throws SQLException {
            try (ResultSet r = st.executeQuery("PRAGMA " + name)) {
                r.next();
                return r.getLong(1);
            }
        }

        @Override
        public void close() throws IOException {
            if (!leave) {
                for (String suffix : new String[]{"", "-wal", "-shm"}) {
                    Files.deleteIfExists(Path.of(file + suffix));
                }
            }
        }
    }

    private static final class PostgresTarget implements Target {
        private final String admin;
        private final String name;
        private final String url;
        private final boolean keep;

        PostgresTarget(String admin, boolean keep, boolean noVacuum) throws SQLException {
            this.admin = admin;
            this.keep = keep;
            this.name = "jkbms_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            int q = admin.indexOf('?');
            String base = admin.substring(0, admin.lastIndexOf('/', q < 0 ? admin.length() : q) + 1);
            this.url = base + name + (q < 0 ? "" : admin.substring(q));
            String autovacuum;
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SHOW autovacuum")) {
                r.next();
                autovacuum = r.getString(1);
            }
            this.standIn = autovacuum.equals("off") && !noVacuum;
            this.maintenance = !autovacuum.equals("off") ? ""
                    : noVacuum ? "autovacuum is OFF on this server and nothing stands in for it (--no-vacuum)"
                    : "autovacuum is off on this server: the benchmark stood in for a default one (VACUUM when "
                    + "dead rows > 50 + 20 % or rows inserted since > 1000 + 20 % of the table, ANALYZE when "
                    + "changes > 50 + 10 %), checked after every write";
        }

        private final boolean standIn;
        private final String maintenance;
        private Connection maint;

        @Override
        public String name() {
            return "postgres";
        }

        @Override
        public String maintenance() {
            return maintenance;
        }

        /** PostgreSQL 15's autovacuum rules with the default settings, table by table. */
        @Override
        public void maintain(long[] counts) throws SQLException {
            if (!standIn) {
                return;
            }
            if (maint == null) {
                maint = DriverManager.getConnection(url);
            }
            long t0 = System.nanoTime();
            List<String[]> due = new ArrayList<>();
            try (Statement st = maint.createStatement();
                 ResultSet r = st.executeQuery("SELECT s.relname, GREATEST(c.reltuples, 0), s.n_dead_tup, "
                         + "s.n_ins_since_vacuum, s.n_mod_since_analyze FROM pg_stat_user_tables s "
                         + "JOIN pg_class c ON c.oid = s.relid WHERE s.relname IN ('sample', 'sample_minute', "
                         + "'sample_hour', 'event')")) {
                while (r.next()) {
                    double rows = r.getDouble(2);
                    boolean vacuum = r.getLong(3) > 50 + 0.2 * rows || r.getLong(4) > 1000 + 0.2 * rows;
                    boolean analyze = r.getLong(5) > 50 + 0.1 * rows;
                    if (vacuum || analyze) {
                        due.add(new String[]{r.getString(1), vacuum ? "VACUUM (ANALYZE) " : "ANALYZE "});
                    }
                }
            }
            try (Statement st = maint.createStatement()) {
                for (String[] d : due) {
                    st.execute(d[1] + d[0]);
                    counts[d[1].startsWith("VACUUM") ? 0 : 1]++;
                }
            }
            counts[2] += System.nanoTime() - t0;
        }

        @Override
        public String where() {
            int q = url.indexOf('?');
            return (q < 0 ? url : url.substring(0, q)).substring("jdbc:".length());
        }

        @Override
        public HistoryStore open(Retention r) throws StoreException {
            return HistoryStore.open(url, r);
        }

        @Override
        public Size size() throws SQLException {
            Map<String, Long> tables = new LinkedHashMap<>();
            Map<String, Long> rows;
            long total;
            StringBuilder dead = new StringBuilder();
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                rows = rowCounts(c);
                long indexes = 0;
                for (String table : TABLES) {
                    try (ResultSet r = st.executeQuery("SELECT pg_total_relation_size('" + table + "'), "
                            + "pg_indexes_size('" + table + "')")) {
                        r.next();
                        tables.put(table, r.getLong(1));
                        indexes += r.getLong(2);
                    }
                }
                dead.append("indexes ").append(bytes(indexes)).append(" of it");
                try (ResultSet r = st.executeQuery("SELECT SUM(pg_total_relation_size(c.oid)) FROM pg_class c "
                        + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' "
                        + "AND c.relkind = 'r'")) {
                    r.next();
                    total = r.getLong(1);
                }
                try (ResultSet r = st.executeQuery("SELECT relname, n_dead_tup, last_autovacuum IS NOT NULL "
                        + "OR last_vacuum IS NOT NULL FROM pg_stat_user_tables WHERE relname IN ('sample', "
                        + "'sample_minute') ORDER BY relname")) {
                    while (r.next()) {
                        dead.append("; ").append(r.getString(1)).append(' ')
                                .append(group(r.getLong(2))).append(" dead rows (")
                                .append(r.getBoolean(3) ? "vacuumed" : "not vacuumed yet").append(')');
                    }
                }
            }
            return new Size(total, "pg_total_relation_size of the tables", tables, rows,
                    dead.toString());
        }

        @Override
        public void close() throws SQLException {
            if (maint != null) {
                maint.close();
            }
            if (!keep) {
                try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }
            }
        }
    }

    // ---- progress

    /** A progress bar on a terminal, otherwise a line to stderr every 30 s. */
    private final class Progress implements AutoCloseable {
        private final String task;
        private final long max;
        private final ProgressBar bar;
        private final long start = System.nanoTime();
        private long lastLine = start;

        Progress(String task, long max) {
            this.task = task;
            this.max = max;
            this.bar = !noProgress && System.console() != null
                    ? new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUnit(" readings", 1)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed().build()
                    : null;
        }

        void stepTo(long done, long write_ns) {
            if (bar != null) {
                bar.stepTo(done);
                return;
            }
            long now = System.nanoTime();
            if (now - lastLine >= 30_000_000_000L) {
                lastLine = now;
                err.printf(Locale.ROOT, "history-bench: %s: %s / %s readings (%.0f %%), %s s, %s readings/s%n",
                        task, group(done), group(max), 100.0 * done / max, sec(now - start),
                        group(Math.round(done / (write_ns / 1e9))));
                err.flush();
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }

    // ---- formatting

    /** Nearest-rank percentile of sorted values. */
    static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static String group(long v) {
        return String.format(Locale.ROOT, "%,d", v).replace(',', ' ');
    }

    static String bytes(long b) {
        return group(b) + " B (" + String.format(Locale.ROOT, "%.1f MB", b / 1e6) + ")";
    }

    static String ms(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String us(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String sec(long ns) {
        return String.format(Locale.ROOT, "%.1f", ns / 1e9);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String duration(long ms) {
        if (ms % DAY_ms == 0) {
            return ms / DAY_ms + " d";
        }
        if (ms % HOUR_ms == 0) {
            return ms / HOUR_ms + " h";
        }
        return fmt(ms / 1000.0) + " s";
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
