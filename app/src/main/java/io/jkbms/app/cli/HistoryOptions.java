package io.jkbms.app.cli;

import io.jkbms.app.history.History;
import io.jkbms.app.history.Retention;
import picocli.CommandLine.Option;

import java.util.Optional;

/** Where the history is kept and for how long (the main job and {@code jkbms export}). */
public final class HistoryOptions {
    @Option(names = "--db", paramLabel = "JDBC-URL", description = {"keep the history in PostgreSQL: "
            + "jdbc:postgresql://HOST[:PORT]/DATABASE[?user=…&password=…] (default: SQLite, <data>/history.db)"})
    String db;

    @Option(names = "--keep-raw-days", paramLabel = "DAYS", defaultValue = "30",
            description = "keep every reading this many days, then only per-minute and per-hour min/avg/max "
                    + "(default 30)")
    int rawDays;

    @Option(names = "--keep-minute-days", paramLabel = "DAYS", defaultValue = "365",
            description = "keep per-minute min/avg/max this many days; per-hour ones are kept for good (default 365)")
    int minuteDays;

    @Option(names = "--record-every", paramLabel = "SECONDS", defaultValue = "1",
            description = "record a reading every this many seconds of the board's time (default 1)")
    int interval_s;

    /** @throws IllegalArgumentException naming the option that is out of range */
    History.Config config() {
        return new History.Config(Optional.ofNullable(db), new Retention(rawDays, minuteDays), interval_s);
    }
}
