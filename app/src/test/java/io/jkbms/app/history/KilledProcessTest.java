package io.jkbms.app.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 in the middle of recording: the history file is intact, holds everything up to about the last second,
 * and the next run goes on writing (roll-ups catch up).
 */
class KilledProcessTest {
    @TempDir
    Path dir;

    /** The child: records the twin in real time into the file named by args[0] until killed. */
    public static void main(String[] args) throws Exception {
        HistoryStore store = HistoryStore.sqlite(Path.of(args[0]), Retention.DEFAULT);
        TwinRecording rec = new TwinRecording(store, 1);
        while (rec.recorder.status().written() == 0) {
            Thread.sleep(50);
        }
        System.out.println("recording");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    @Test
    void aKilledProcessLosesAtMostTheLastSecondAndCorruptsNothing() throws Exception {
        Path db = dir.resolve("history.db");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledProcessTest.class.getName(), db.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("recording");
        }
        Thread.sleep(3_500);
        long killed_ms = System.currentTimeMillis();
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no last flush
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo("ok");
        }
        try (HistoryStore store = HistoryStore.sqlite(db, Retention.DEFAULT)) {
            List<Sample> before = new java.util.ArrayList<>();
            store.forEachSample("twin", 0, Long.MAX_VALUE / 2, before::add);
            assertThat(TwinRecording.contiguous(before)).isTrue();
            // Readings are taken each second and committed each second: the newest committed one is at most two
            // readings behind the kill (one not yet committed, one not yet taken), plus the machine's slack.
            assertThat(before.get(before.size() - 1).time_ms()).isGreaterThan(killed_ms - 2_500);

            try (TwinRecording rec = new TwinRecording(store, 100)) {
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                        .until(() -> rec.raw().size() > before.size() + 120);
            }
            List<Sample> after = new java.util.ArrayList<>();
            store.forEachSample("twin", 0, Long.MAX_VALUE / 2, after::add);
            assertThat(after.subList(0, before.size())).isEqualTo(before);
            assertThat(store.spans("twin")).containsKey(Resolution.MINUTE);
        }
    }
}
