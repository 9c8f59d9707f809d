package io.jkbms.app.cli;

import io.jkbms.app.history.HistoryStore;
import io.jkbms.app.history.Instants;
import io.jkbms.app.history.Resolution;
import io.jkbms.app.history.Retention;
import io.jkbms.app.history.StoreException;
import io.jkbms.app.web.Serve;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code jkbms export}: a range of the history as CSV, the same as the web app's GET /api/history.csv. */
@Command(name = "export", description = {"Write a range of the recorded history as CSV: one row per reading (or per "
        + "minute / hour), a column per field, per sensor and per cell.", ""})
public final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "INSTANT", description = "start, ISO-8601 (2026-11-24T10:00:00Z) or epoch "
            + "ms (default: a day before --to)")
    String from;

    @Option(names = "--to", paramLabel = "INSTANT", description = "end, ISO-8601 or epoch ms (default: the newest reading)")
    String to;

    @Option(names = "--board", description = "which board's history (default: the twin, or the only board)")
    String board;

    @Option(names = "--resolution", defaultValue = "raw", description = "raw, minute or hour (default raw; raw "
            + "readings are kept --keep-raw-days)")
    String resolution;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE (default: standard output); "
            + "the file appears only when complete")
    Path output;

    @Option(names = "--data", description = "data folder holding history.db (default ./data)", defaultValue = "data")
    Path data;

    @Option(names = "--db", paramLabel = "JDBC-URL", description = "read the history from PostgreSQL instead")
    String db;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Resolution res;
        try {
            res = Resolution.valueOf(resolution.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("jkbms export: --resolution must be raw, minute or hour, was " + resolution);
            return JkbmsCommand.EXIT_INVALID;
        }
        if (db == null && !Files.exists(data.resolve("history.db"))) {
            err.println("jkbms export: no history in " + data.toAbsolutePath() + " (history.db is missing); run "
                    + "jkbms first, or name the folder with --data or the database with --db");
            return JkbmsCommand.EXIT_UNREADABLE;
        }
        try (HistoryStore store = db != null ? HistoryStore.open(db, Retention.DEFAULT)
                : HistoryStore.sqlite(data.resolve("history.db"), Retention.DEFAULT)) {
            List<String> boards = store.boards();
            String name = board != null ? board : boards.contains(Serve.TWIN_BOARD) || boards.size() != 1
                    ? Serve.TWIN_BOARD : boards.get(0);
            if (!boards.contains(name)) {
                err.println("jkbms export: no history of board '" + name + "'; the history holds "
                        + (boards.isEmpty() ? "no boards yet" : String.join(", ", boards)));
                return JkbmsCommand.EXIT_INVALID;
            }
            long end = to != null ? instant("--to", to)
                    : store.newest_ms(name).orElseGet(System::currentTimeMillis);
            long start = from != null ? instant("--from", from) : end - 86_400_000L;
            if (start > end) {
                err.println("jkbms export: --from is after --to");
                return JkbmsCommand.EXIT_INVALID;
            }
            long rows = output == null ? toStdout(store, name, res, start, end) : toFile(store, name, res, start, end);
            err.println("jkbms export: " + rows + " rows of " + name + ", " + Instant.ofEpochMilli(start) + " to "
                    + Instant.ofEpochMilli(end) + (output == null ? "" : ", in " + output));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("jkbms export: " + e.getMessage());
            return JkbmsCommand.EXIT_INVALID;
        } catch (StoreException e) {
            err.println("jkbms export: " + e.getMessage());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println("jkbms export: cannot write " + (output == null ? "the output" : output) + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            return 1;
        }
    }

    private long toStdout(HistoryStore store, String name, Resolution res, long start, long end)
            throws StoreException {
        Writer w = new BufferedWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), 65_536);
        long rows = store.exportCsv(name, res, start, end, w);
        try {
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Into a temporary file beside the target, moved into place only when complete. */
    private long toFile(HistoryStore store, String name, Resolution res, long start, long end)
            throws StoreException, IOException {
        Path target = output.toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
        try {
            long rows;
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                rows = store.exportCsv(name, res, start, end, w);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return rows;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static long instant(String option, String value) {
        return Instants.parse(option, value);
    }
}
