package io.jkbms.app.history;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The same contract against a real PostgreSQL server (a fresh database per test). */
class PostgresHistoryStoreTest extends HistoryStoreContract {
    private TestDatabases.Postgres db;

    @BeforeEach
    @Override
    void setUp() throws Exception {
        db = TestDatabases.postgres();
        super.setUp();
    }

    @AfterEach
    @Override
    void tearDown() {
        super.tearDown();
        try {
            db.close();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    HistoryStore open(Retention retention) throws Exception {
        return HistoryStore.open(db.url(), retention);
    }
}
