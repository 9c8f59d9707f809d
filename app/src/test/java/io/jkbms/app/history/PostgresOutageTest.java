package io.jkbms.app.history;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL going away and coming back, for real (a proxy between the store and the server is cut): recording
 * reports the database unreachable, keeps readings in memory, and writes them all when it answers again; the app
 * also starts while the database is away.
 */
class PostgresOutageTest {
    @Test
    void anUnreachableDatabaseIsReportedAndRecordingCatchesUpWhenItAnswers() throws Exception {
        try (TestDatabases.Postgres db = TestDatabases.postgres(); TcpProxy proxy = new TcpProxy(5432)) {
            proxy.cut(); // away from the start
            try (HistoryStore store = HistoryStore.open(TestDatabases.viaPort(db.url(), proxy.port()),
                    Retention.DEFAULT); TwinRecording rec = new TwinRecording(store, 50)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> !rec.recorder.status().ok());
                assertThat(rec.recorder.status().errorKind()).isEqualTo("UNREACHABLE");
                assertThat(rec.recorder.status().error()).startsWith("database unreachable")
                        .contains("127.0.0.1:" + proxy.port());

                proxy.restore();
                await().atMost(Duration.ofSeconds(40)).until(() -> rec.recorder.status().ok()
                        && rec.raw().size() > 100);
                int before = rec.raw().size();

                proxy.cut(); // and away again while recording
                await().atMost(Duration.ofSeconds(20)).until(() -> !rec.recorder.status().ok());
                long pending = rec.recorder.status().pending();
                await().atMost(Duration.ofSeconds(10)).until(() -> rec.recorder.status().pending() > pending + 50);

                proxy.restore();
                await().atMost(Duration.ofSeconds(40)).until(() -> rec.recorder.status().ok()
                        && rec.recorder.status().pending() < 200);
                rec.close();
                List<Sample> all = rec.raw();
                assertThat(all.size()).isGreaterThan(before + 50);
                assertThat(TwinRecording.contiguous(all)).as("nothing lost while the database was away").isTrue();
            }
        }
    }
}
