package io.jkbms.app.bench;

import io.jkbms.app.cli.JkbmsCommand;
import io.jkbms.app.history.Sample;
import io.jkbms.app.history.StoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark runs and names every figure; no timing is asserted (speed is docs/benchmarks.md's business). */
class HistoryBenchCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = JkbmsCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void aTinyDataSetOnSqliteReportsEveryFigureAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
        int exit = run("history-bench", "--db", "sqlite", "--dir", dir.toString(), "--hours", "2", "--year",
                "--year-hours", "1", "--boards", "1,2", "--live-seconds", "0.3", "--repeat", "2", "--no-progress");

        assertThat(exit).as(err.toString()).isZero();
        String report = out.toString();
        assertThat(report).contains("cores", "== sqlite: data set 2 h of 1 s readings, one board (7 200 readings)",
                "ingest, bulk backfill (3600 readings per write): 7 200 readings in", "readings/s",
                "on disk:", "bytes per raw reading kept", "after checkpointed",
                "tables (with their indexes): sample ", "7 200 rows", "sample_minute", "sample_hour", "B/row",
                "chart of the last RANGE before the newest reading, maxPoints 2000, 2 timed runs after 10 untimed",
                "range", "resolution", "points", "p50", "p95", "max", "JSON kB",
                "of which (every chart call runs both) spans(): p50", "events() of the 30 d: p50",
                "export (forEachSample, raw readings of the last day): 7 200 readings, p50",
                "ingest, one-second batches", "write p50", "p99", "errors",
                "== sqlite: a year: 1 h of 1 s readings, one board (3 600 readings), default retention",
                "year ingest (3600 readings per write): 3 600 readings in",
                "goal: 30-day chart of one board under 200 ms:");
        for (String range : new String[]{"30 d", "7 d", "1 d", "1 h", "365 d"}) {
            assertThat(report).containsPattern("\\n  " + range + " +(raw|minute|hour) +\\d+ +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9 ]+\\n");
        }
        assertThat(report).containsPattern("\\n +1 +[0-9 ]+ +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+ +\\d+\\n");
        assertThat(report).containsPattern("\\n +2 +[0-9 ]+ +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+ +\\d+\\n");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("the SQLite files are deleted").isEmpty();
        }
    }

    @Test
    void anUnknownDatabaseIsRefused() {
        assertThat(run("history-bench", "--db", "oracle")).isEqualTo(2);
        assertThat(err.toString()).contains("--db must be sqlite, postgres or both");
    }

    @Test
    void syntheticReadingsVaryLikeAPacksAndAreRepeatable() {
        SyntheticBoard a = new SyntheticBoard(7, HistoryBenchCommand.T0, 32_000);
        SyntheticBoard b = new SyntheticBoard(7, HistoryBenchCommand.T0, 32_000);
        List<StoredEvent> events = new ArrayList<>();
        int minSoc = 100;
        int maxSoc = 0;
        int balancing = 0;
        int minCurrent = 0;
        int maxCurrent = 0;
        int minCell = Integer.MAX_VALUE;
        int maxCell = 0;
        for (int i = 0; i < 3 * 86_400; i++) {
            Sample s = a.next(events);
            assertThat(s).isEqualTo(b.next(new ArrayList<>()));
            assertThat(s.time_ms()).isEqualTo(HistoryBenchCommand.T0 + i * 1000L);
            assertThat(s.cells()).isEqualTo(16);
            assertThat(s.temperature_dC()).hasSize(3);
            minSoc = Math.min(minSoc, s.soc_pct());
            maxSoc = Math.max(maxSoc, s.soc_pct());
            minCurrent = Math.min(minCurrent, s.current_mA());
            maxCurrent = Math.max(maxCurrent, s.current_mA());
            minCell = Math.min(minCell, s.cell_mV()[0]);
            maxCell = Math.max(maxCell, s.cell_mV()[0]);
            balancing += s.has(Sample.BALANCING) ? 1 : 0;
        }
        assertThat(minSoc).isBetween(8, 60);
        assertThat(maxSoc).isEqualTo(100);
        // within what the PostgreSQL schema's current column holds (SMALLINT: docs/benchmarks.md)
        assertThat(minCurrent).isBetween(-32_767, -10_000);
        assertThat(maxCurrent).isBetween(20_000, 32_767);
        assertThat(minCell).isBetween(3_200, 3_300);
        assertThat(maxCell).isBetween(3_380, 3_500);
        assertThat(balancing).isPositive().isLessThan(86_400);
        assertThat(events).isNotEmpty().allMatch(e -> e.category().equals("balance"));
    }

    @Test
    void figuresAreFormattedForTheReport() {
        assertThat(HistoryBenchCommand.group(2_592_000)).isEqualTo("2 592 000");
        assertThat(HistoryBenchCommand.duration(30 * HistoryBenchCommand.DAY_ms)).isEqualTo("30 d");
        assertThat(HistoryBenchCommand.duration(HistoryBenchCommand.HOUR_ms)).isEqualTo("1 h");
        assertThat(HistoryBenchCommand.pct(new double[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
                18, 19, 20}, 95)).isEqualTo(19);
        assertThat(HistoryBenchCommand.ms(1.234)).isEqualTo("1.23");
        assertThat(HistoryBenchCommand.ms(123.4)).isEqualTo("123");
    }
}
