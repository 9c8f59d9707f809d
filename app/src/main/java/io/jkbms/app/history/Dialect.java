package io.jkbms.app.history;

/** The two databases the history runs on: SQLite in the data folder, PostgreSQL at scale. */
public enum Dialect {
    SQLITE, POSTGRES;

    static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRES;
        }
        throw new IllegalArgumentException("--db must be jdbc:postgresql://HOST[:PORT]/DATABASE (or jdbc:sqlite:FILE), "
                + "was " + jdbcUrl);
    }
}
