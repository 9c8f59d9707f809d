package io.jkbms.app.history;

import io.jkbms.app.history.HistoryStore.Batch;
import io.jkbms.app.history.HistoryStore.Snapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the store must do on either database; {@link SqliteHistoryStoreTest} and {@link PostgresHistoryStoreTest}. */
abstract class HistoryStoreContract {
    static final long T0 = 1_700_000_000_000L - Math.floorMod(1_700_000_000_000L, 3_600_000L); // on the hour

    HistoryStore store;

    abstract HistoryStore open(Retention retention) throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        store = open(Retention.DEFAULT);
    }

    @AfterEach
    void tearDown() {
        if (store != null) {
            store.close();
        }
    }

    static List<Sample> seconds(long from_ms, int count, long step_ms) {
        List<Sample> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(Samples.at(from_ms + i * step_ms));
        }
        return out;
    }

    static Batch samples(List<Sample> s) {
        return new Batch("twin", "JK-BD4A24S-12P", s, List.of(), List.of());
    }

    private List<Sample> raw(long from, long to) throws StoreException {
        List<Sample> out = new ArrayList<>();
        store.forEachSample("twin", from, to, out::add);
        return out;
    }

    @Test
    void rawReadingsComeBackAsWritten() throws Exception {
        List<Sample> written = seconds(T0, 120, 1000);
        store.write(samples(written));

        assertThat(raw(T0, T0 + 200_000)).containsExactlyElementsOf(written);
        assertThat(store.boards()).containsExactly("twin");
        // the absent sensor stays absent, not 0 °C
        assertThat(raw(T0, T0).get(0).temperature_dC()).containsExactly(250, Sample.NO_READING, 200);
    }

    @Test
    void fullScaleValuesFitTheirColumns() throws Exception {
        Sample base = Samples.at(T0);
        int[] cells = new int[24];
        java.util.Arrays.fill(cells, 4_250);
        Sample big = new Sample(T0, 102_000, -240_000, 100, 1_000_000, 1_000_000, 9_999, cells,
                new int[]{1_200, -400, 800, 0, 0, 0}, -2_000, 24, 1, base.flags(), (1L << 32) | 1);
        Sample charging = new Sample(T0 + 1000, 102_000, 150_000, 100, 1_000_000, 1_000_000, 9_999, cells,
                new int[]{1_200, -400, 800, 0, 0, 0}, 2_000, 1, 24, base.flags(), 0);
        store.write(samples(List.of(big, charging)));
        assertThat(raw(T0, T0 + 1000)).containsExactly(big, charging);
    }

    @Test
    void aReadingWrittenTwiceIsKeptOnce() throws Exception {
        store.write(samples(seconds(T0, 10, 1000)));
        store.write(samples(seconds(T0 + 5000, 10, 1000)));
        assertThat(raw(T0, T0 + 60_000)).hasSize(15);
    }

    @Test
    void completedMinutesAndHoursAreRolledUpWithMinAvgMax() throws Exception {
        // two hours and a minute, written in batches of a minute like the recorder does
        for (int m = 0; m < 121; m++) {
            store.write(samples(seconds(T0 + m * 60_000L, 60, 1000)));
        }
        store.write(samples(seconds(T0 + 121 * 60_000L, 1, 1000)));
        Map<Resolution, HistoryStore.Span> spans = store.spans("twin");
        assertThat(spans.get(Resolution.MINUTE)).isEqualTo(new HistoryStore.Span(T0, T0 + 120 * 60_000L));
        assertThat(spans.get(Resolution.HOUR)).isEqualTo(new HistoryStore.Span(T0, T0 + 3_600_000L));

        ChartData minute = store.chart("twin", T0, T0 + 121 * 60_000L - 1, 200);
        assertThat(minute.resolution()).isEqualTo("minute");
        assertThat(minute.time_ms()).hasSize(121);
        ChartData.Band cell1 = ((List<ChartData.Band>) minute.series().get("cell_mV")).get(0);
        // cell 1 is 3300 + sec over a minute: 3300..3359, average 3329.5 (rounded either way by the database)
        assertThat(cell1.min()[0]).isEqualTo(3300);
        assertThat(cell1.max()[0]).isEqualTo(3359);
        assertThat(cell1.avg()[0]).isBetween(3329, 3330);
        ChartData.Band current = (ChartData.Band) minute.series().get("current_mA");
        assertThat(current.min()[5]).isZero();
        assertThat(current.max()[5]).isEqualTo(5900);
        // MOS, T1 (absent: no value at all), T2
        assertThat(minute.sensors()).containsExactly("MOS", "T1", "T2");
        List<ChartData.Band> temps = (List<ChartData.Band>) minute.series().get("temperature_dC");
        assertThat(temps.get(1).avg()[0]).isNull();
        assertThat(temps.get(2).max()[0]).isEqualTo(259);

        // two hours asked in one point: the hours merged into one two-hour bucket
        ChartData hour = store.chart("twin", T0, T0 + 2 * 3_600_000L - 1, 1);
        assertThat(hour.resolution()).isEqualTo("hour");
        assertThat(hour.step_ms()).isEqualTo(2 * 3_600_000L);
        assertThat(hour.time_ms()).containsExactly(T0);
        ChartData.Band hourCell16 = ((List<ChartData.Band>) hour.series().get("cell_mV")).get(15);
        assertThat(hourCell16.min()[0]).isEqualTo(3315);
        assertThat(hourCell16.max()[0]).isEqualTo(3374);
        assertThat(hourCell16.avg()[0]).isBetween(3344, 3345);
    }

    @Test
    void rollUpsCatchUpAfterAReopenWithoutLosingMinutes() throws Exception {
        store.write(samples(seconds(T0, 150, 1000)));
        store.close();
        store = open(Retention.DEFAULT);
        store.write(samples(seconds(T0 + 150_000, 100, 1000)));
        assertThat(store.spans("twin").get(Resolution.MINUTE))
                .isEqualTo(new HistoryStore.Span(T0, T0 + 3 * 60_000L));
    }

    @Test
    void aChartPicksTheResolutionThatFitsTheRangeAndBreaksLinesAtGaps() throws Exception {
        store.write(samples(seconds(T0, 600, 1000)));
        store.write(samples(seconds(T0 + 900_000, 600, 1000))); // 5 minutes away
        ChartData raw = store.chart("twin", T0, T0 + 1_500_000, 2000);
        assertThat(raw.resolution()).isEqualTo("raw");
        assertThat(raw.time_ms()).hasSize(1201); // 1200 readings and one break
        ChartData.Band pack = (ChartData.Band) raw.series().get("packVoltage_mV");
        assertThat(pack.min()).isNull();
        assertThat(pack.avg()[600]).isNull();
        assertThat(raw.time_ms()[600]).isEqualTo(T0 + 600_000);

        assertThat(store.chart("twin", T0, T0 + 1_500_000, 100).resolution()).isEqualTo("minute");
    }

    @Test
    void oldRawReadingsArePrunedOnlyOnceRolledUp() throws Exception {
        store.close();
        store = open(new Retention(1, 2));
        // three days at one reading a minute, in hourly batches
        for (int h = 0; h < 72; h++) {
            store.write(samples(seconds(T0 + h * 3_600_000L, 60, 60_000)));
        }
        Map<Resolution, HistoryStore.Span> spans = store.spans("twin");
        long newest = T0 + 72 * 3_600_000L - 60_000;
        assertThat(spans.get(Resolution.RAW).newest_ms()).isEqualTo(newest);
        assertThat(spans.get(Resolution.RAW).oldest_ms()).isGreaterThanOrEqualTo(newest - 86_400_000L - 3_600_000L);
        assertThat(spans.get(Resolution.MINUTE).oldest_ms()).isGreaterThanOrEqualTo(newest - 2 * 86_400_000L
                - 3_600_000L);
        assertThat(spans.get(Resolution.HOUR).oldest_ms()).isEqualTo(T0);
        // a week's chart now comes from the hours, which reach back to the start
        ChartData week = store.chart("twin", T0, T0 + 7 * 86_400_000L, 2000);
        assertThat(week.resolution()).isEqualTo("hour");
        assertThat(week.time_ms()[0]).isEqualTo(T0);
        // a range older than the raw readings reads the minutes, even though raw would fit
        assertThat(store.chart("twin", T0 + 30 * 3_600_000L, T0 + 31 * 3_600_000L, 5000).resolution())
                .isEqualTo("minute");
    }

    @Test
    void eventsAreFilteredByCategoryNewestFirst() throws Exception {
        List<StoredEvent> events = List.of(
                new StoredEvent(T0 + 1000, "protection", "CELL_OVP", "TRIP", 3, "cell ovp trip, cell 3", ""),
                new StoredEvent(T0 + 2000, "settings", "SETTINGS", "CHANGE", 0, "cellOvp_mV: 3650 -> 3600 (by web 127.0.0.1)", "web 127.0.0.1"),
                new StoredEvent(T0 + 3000, "protection", "CELL_OVP", "RECOVER", 3, "cell ovp recover", ""));
        store.write(new Batch("twin", "JK-BD4A24S-12P", List.of(), events, List.of()));

        assertThat(store.events("twin", T0, T0 + 10_000, Set.of("protection"), 10))
                .extracting(StoredEvent::phase).containsExactly("RECOVER", "TRIP");
        assertThat(store.events("twin", T0, T0 + 10_000, StoredEvent.CATEGORIES, 1))
                .extracting(StoredEvent::time_ms).containsExactly(T0 + 3000);
        assertThat(store.events("twin", T0, T0 + 10_000, Set.of("settings"), 10).get(0).who())
                .isEqualTo("web 127.0.0.1");
        assertThat(store.events("nobody", T0, T0 + 10_000, StoredEvent.CATEGORIES, 10)).isEmpty();
    }

    @Test
    void settingsHistoryIsTheDiffOfConsecutiveSnapshots() throws Exception {
        store.write(new Batch("twin", "m", List.of(), List.of(), List.of(
                new Snapshot(T0, "", Map.of("cellOvp_mV", 3650, "cellUvp_mV", 2600)),
                new Snapshot(T0 + 1000, "web 127.0.0.1", Map.of("cellOvp_mV", 3600, "cellUvp_mV", 2600)),
                new Snapshot(T0 + 2000, "jk02", Map.of("cellOvp_mV", 3600, "cellUvp_mV", 2700)))));

        List<SettingsChange> all = store.settingsHistory("twin", T0, T0 + 5000);
        assertThat(all).extracting(SettingsChange::who).containsExactly("jk02", "web 127.0.0.1", "");
        assertThat(all.get(0).changes()).containsExactly(new SettingsChange.Diff("cellUvp_mV", 2600, 2700));
        assertThat(all.get(1).changes()).containsExactly(new SettingsChange.Diff("cellOvp_mV", 3650, 3600));
        assertThat(all.get(2).changes()).hasSize(2).allMatch(d -> d.old() == null);
        // a range that starts later diffs against the snapshot before it
        assertThat(store.settingsHistory("twin", T0 + 1500, T0 + 5000)).hasSize(1);
        assertThat(store.settingsAt("twin", T0 + 1500).orElseThrow().settings()).containsEntry("cellOvp_mV", 3600);
    }

    @Test
    void aFailedBatchWritesNothingOfIt() throws Exception {
        StoredEvent broken = new StoredEvent(T0, "other", "X", "", 0, null, "");
        assertThatThrownBy(() -> store.write(new Batch("twin", "m", seconds(T0, 10, 1000), List.of(broken),
                List.of()))).isInstanceOf(StoreException.class);
        assertThat(raw(T0, T0 + 60_000)).isEmpty();
        store.write(samples(seconds(T0, 10, 1000)));
        assertThat(raw(T0, T0 + 60_000)).hasSize(10);
    }
}
