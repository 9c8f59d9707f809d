package io.jkbms.app.history;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqliteHistoryStoreTest extends HistoryStoreContract {
    @TempDir
    Path dir;

    @Override
    HistoryStore open(Retention retention) throws Exception {
        return HistoryStore.sqlite(dir.resolve("history.db"), retention);
    }
}
