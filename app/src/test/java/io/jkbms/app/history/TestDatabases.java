package io.jkbms.app.history;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh PostgreSQL database per test class, on the server CI runs (127.0.0.1:5432, trust auth; .ci/run starts
 * one). {@code JKBMS_TEST_POSTGRES} overrides the admin URL. The database is dropped on close.
 */
final class TestDatabases {
    static final String ADMIN_URL = System.getenv().getOrDefault("JKBMS_TEST_POSTGRES",
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

    private TestDatabases() {
    }

    record Postgres(String name, String url) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            try (Connection c = DriverManager.getConnection(ADMIN_URL); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    /** Creates an empty database; its URL connects as the admin user. */
    static Postgres postgres() throws SQLException {
        String name = "jkbms_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(ADMIN_URL); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        int q = ADMIN_URL.indexOf('?');
        String base = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/', q < 0 ? ADMIN_URL.length() : q) + 1);
        return new Postgres(name, base + name + (q < 0 ? "" : ADMIN_URL.substring(q)));
    }

    /** The same URL reaching the server through another port (a proxy the test controls). */
    static String viaPort(String url, int port) {
        return url.replace("127.0.0.1:5432", "127.0.0.1:" + port);
    }
}
