package io.jkbms.app.history;

import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RecorderTest {
    @TempDir
    Path dir;

    private HistoryStore store;
    private TwinRecording rec;

    @BeforeEach
    void start() throws Exception {
        store = HistoryStore.sqlite(dir.resolve("history.db"), Retention.DEFAULT);
        rec = new TwinRecording(store, 100);
    }

    @AfterEach
    void stop() {
        rec.close();
        store.close();
    }

    @Test
    void theTwinIsRecordedOnceASecondOfItsTimeWhateverItsSpeed() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> rec.raw().size() >= 300);
        List<Sample> raw = rec.raw();
        assertThat(TwinRecording.contiguous(raw)).as("a reading every 1000 ms of the twin's time").isTrue();
        assertThat(raw.get(0).cells()).isEqualTo(16);
        assertThat(raw.get(0).packVoltage_mV()).isBetween(40_000, 60_000);
        assertThat(rec.recorder.status().ok()).isTrue();
        assertThat(rec.recorder.status().written()).isGreaterThanOrEqualTo(300);
    }

    @Test
    void aSettingsChangeIsRecordedAsAnEventAndADiffWithWhoMadeIt() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> !store.settingsHistory("twin", 0, Long.MAX_VALUE / 2)
                .isEmpty());
        int before = rec.device.currentSettings().get(SettingKey.CELL_OVP_mV);
        rec.device.apply(SettingsPatch.of(SettingKey.CELL_OVP_mV, before - 50), "web 127.0.0.1");

        await().atMost(Duration.ofSeconds(10)).until(() -> store.settingsHistory("twin", 0, Long.MAX_VALUE / 2)
                .size() == 2);
        SettingsChange change = store.settingsHistory("twin", 0, Long.MAX_VALUE / 2).get(0);
        assertThat(change.who()).isEqualTo("web 127.0.0.1");
        assertThat(change.changes()).containsExactly(new SettingsChange.Diff(SettingKey.CELL_OVP_mV.jsonName(),
                before, before - 50));
        List<StoredEvent> events = store.events("twin", 0, Long.MAX_VALUE / 2, Set.of("settings"), 10);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).who()).isEqualTo("web 127.0.0.1");
        assertThat(events.get(0).text()).contains(String.valueOf(before)).contains(String.valueOf(before - 50));
    }
}
