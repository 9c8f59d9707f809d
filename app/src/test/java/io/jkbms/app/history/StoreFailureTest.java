package io.jkbms.app.history;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A full disk and a read-only volume, for real: recording reports it in words, keeps the readings in memory, loses
 * nothing already written, and catches up by itself once space is freed or writing is allowed again.
 */
class StoreFailureTest {
    @TempDir
    Path dir;

    private static String integrity(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db + "?open_mode=1");
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            r.next();
            return r.getString(1);
        }
    }

    @Test
    void aFullDiskIsReportedAndRecordingCatchesUpWhenSpaceIsFreed() throws Exception {
        Assumptions.assumeTrue(SmallVolume.possible(dir), "mounting a small tmpfs needs root (CI runs as root)");
        try (SmallVolume vol = SmallVolume.mount(dir.resolve("vol"), 4096);
             HistoryStore store = HistoryStore.sqlite(vol.dir.resolve("history.db"), Retention.DEFAULT);
             TwinRecording rec = new TwinRecording(store, 50)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> rec.raw().size() >= 100);

            Path filler = vol.fill();
            await().atMost(Duration.ofSeconds(20)).until(() -> !rec.recorder.status().ok());
            RecorderStatus failing = rec.recorder.status();
            assertThat(failing.errorKind()).isEqualTo("DISK_FULL");
            assertThat(failing.error()).startsWith("disk full").contains("history.db");
            long pendingThen = failing.pending();
            await().atMost(Duration.ofSeconds(10)).until(() -> rec.recorder.status().pending() > pendingThen + 50);
            // what was written before is intact and readable while the disk is full
            List<Sample> before = rec.raw();
            assertThat(before.size()).isGreaterThanOrEqualTo(100);
            assertThat(TwinRecording.contiguous(before)).isTrue();

            Files.delete(filler);
            await().atMost(Duration.ofSeconds(40)).until(() -> rec.recorder.status().ok());
            await().atMost(Duration.ofSeconds(10)).until(() -> rec.recorder.status().pending() < 200);
            List<Sample> after = rec.raw();
            assertThat(after.size()).isGreaterThan(before.size() + 50);
            assertThat(TwinRecording.contiguous(after)).as("nothing lost while the disk was full").isTrue();
            assertThat(after.subList(0, before.size())).isEqualTo(before);
            rec.close();
            assertThat(integrity(vol.dir.resolve("history.db"))).isEqualTo("ok");
        }
    }

    @Test
    void aReadOnlyVolumeIsReportedAndRecordingStartsWhenItIsWritable() throws Exception {
        Assumptions.assumeTrue(SmallVolume.possible(dir), "mounting a small tmpfs needs root (CI runs as root)");
        try (SmallVolume vol = SmallVolume.mount(dir.resolve("vol"), 8192)) {
            Path db = vol.dir.resolve("history.db");
            int earlier;
            long resume_ms;
            try (HistoryStore store = HistoryStore.sqlite(db, Retention.DEFAULT);
                 TwinRecording rec = new TwinRecording(store, 50)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> rec.raw().size() >= 50);
                rec.close();
                earlier = rec.raw().size();
                resume_ms = History.resumeTime_ms(store, "twin", System.currentTimeMillis());
            }
            // A volume that comes back read-only (as the kernel does after I/O errors, or a write-protected card):
            vol.readOnly(true);
            try (HistoryStore store = HistoryStore.sqlite(db, Retention.DEFAULT);
                 TwinRecording rec = new TwinRecording(store, 50, resume_ms)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> !rec.recorder.status().ok());
                assertThat(rec.recorder.status().errorKind()).isEqualTo("READ_ONLY");
                assertThat(rec.recorder.status().error()).startsWith("read-only").contains("read-only volume");

                vol.readOnly(false);
                await().atMost(Duration.ofSeconds(40)).until(() -> rec.recorder.status().ok());
                await().atMost(Duration.ofSeconds(10)).until(() -> rec.raw().size() > earlier + 50);
                rec.close();
                List<Sample> after = rec.raw();
                assertThat(TwinRecording.contiguous(after.subList(0, earlier))).as("the earlier history intact")
                        .isTrue();
                assertThat(TwinRecording.contiguous(after.subList(earlier, after.size())))
                        .as("nothing lost while read-only").isTrue();
            }
            assertThat(integrity(db)).isEqualTo("ok");
        }
    }
}
