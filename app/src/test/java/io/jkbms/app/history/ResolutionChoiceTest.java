package io.jkbms.app.history;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.jkbms.app.history.HistoryStore.resolutionFor;
import static org.assertj.core.api.Assertions.assertThat;

class ResolutionChoiceTest {
    private static final long H = 3_600_000L;
    private static final long D = 24 * H;
    private static final long NOW = 1_800_000_000_000L;

    @Test
    void aFewMinutesOfHistoryAreDrawnRawWhateverTheRangeAskedFor() {
        Map<Resolution, HistoryStore.Span> spans = Map.of(
                Resolution.RAW, new HistoryStore.Span(NOW - 600_000, NOW),
                Resolution.MINUTE, new HistoryStore.Span(NOW - 600_000 - 30_000, NOW - 60_000));
        assertThat(resolutionFor(spans, NOW - 6 * H, NOW, 4000)).isEqualTo(Resolution.RAW);
        assertThat(resolutionFor(spans, NOW - 365 * D, NOW, 4000)).isEqualTo(Resolution.RAW);
    }

    @Test
    void aLongHistoryIsDrawnAtTheFinestResolutionThatFitsAndReachesBack() {
        Map<Resolution, HistoryStore.Span> spans = Map.of(
                Resolution.RAW, new HistoryStore.Span(NOW - 30 * D, NOW),
                Resolution.MINUTE, new HistoryStore.Span(NOW - 365 * D, NOW - 60_000),
                Resolution.HOUR, new HistoryStore.Span(NOW - 400 * D, NOW - H));
        assertThat(resolutionFor(spans, NOW - H, NOW, 4000)).isEqualTo(Resolution.RAW);
        assertThat(resolutionFor(spans, NOW - D, NOW, 4000)).isEqualTo(Resolution.MINUTE);
        assertThat(resolutionFor(spans, NOW - 30 * D, NOW, 4000)).isEqualTo(Resolution.HOUR);
        assertThat(resolutionFor(spans, NOW - 30 * D, NOW, 50_000)).isEqualTo(Resolution.MINUTE);
        // an hour from two months ago: raw is gone, minutes hold it
        assertThat(resolutionFor(spans, NOW - 60 * D, NOW - 60 * D + H, 4000)).isEqualTo(Resolution.MINUTE);
        // an hour from a year and a month ago: only hours reach back that far
        assertThat(resolutionFor(spans, NOW - 395 * D, NOW - 395 * D + H, 4000)).isEqualTo(Resolution.HOUR);
    }

    @Test
    void theFirstSecondsOfHistoryBeforeAnyMinuteIsRolledUpAreDrawnRaw() {
        Map<Resolution, HistoryStore.Span> spans = Map.of(Resolution.RAW, new HistoryStore.Span(NOW - 5_000, NOW));
        assertThat(resolutionFor(spans, NOW - H, NOW, 4000)).isEqualTo(Resolution.RAW);
    }

    @Test
    void noHistoryAtAllIsAnEmptyHourlyChart() {
        assertThat(resolutionFor(Map.of(), NOW - H, NOW, 4000)).isEqualTo(Resolution.HOUR);
    }
}
