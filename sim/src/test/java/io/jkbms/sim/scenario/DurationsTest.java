package io.jkbms.sim.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Durations as scenarios write them, in microseconds. */
class DurationsTest {

    @ParameterizedTest(name = "''{0}'' = {1} µs")
    @CsvSource(delimiter = '|', value = {
            "500ms    | 500000",
            "90s      | 90000000",
            "30min    | 1800000000",
            "30m      | 1800000000",
            "2h       | 7200000000",
            "7d       | 604800000000",
            "1h30min  | 5400000000",
            "1h 30min | 5400000000",
            "1.5h     | 5400000000",
            "1d2h     | 93600000000",
            "2min30s  | 150000000",
            "0.5s     | 500000",
            "1ms      | 1000",
            "0s       | 0",
            "2H       | 7200000000",
            "120      | 120000000",
            "0.25     | 250000",
            "' 45s '  | 45000000",
    })
    void parses(String text, long us) {
        assertThat(Durations.parse_us(text)).isEqualTo(us);
    }

    @Test
    void unitsAreConsistent() {
        assertThat(Durations.parse_us("1d")).isEqualTo(24 * Durations.parse_us("1h"));
        assertThat(Durations.parse_us("1h")).isEqualTo(60 * Durations.parse_us("1min"));
        assertThat(Durations.parse_us("1min")).isEqualTo(60 * Durations.parse_us("1s"));
        assertThat(Durations.parse_us("1s")).isEqualTo(1000 * Durations.parse_us("1ms"));
        assertThat(Durations.parse_us("90")).isEqualTo(Durations.parse_us("90s"));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", " ", "2 hours", "h", "5x", "-5s", "1h30", "abc", "1.5.5h", "s5", "1e3s", "5 s s", "ten s",
            "1,5h", "2hr"})
    void rejects(String text) {
        assertThatThrownBy(() -> Durations.parse_us(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a duration").hasMessageContaining("'" + text + "'")
                .hasMessageContaining("500ms");
    }

    @ParameterizedTest(name = "{0} µs -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0              | 0s",
            "500000         | 0.500s",
            "90000000       | 1min 30s",
            "5400000000     | 1h 30min",
            "93784500000    | 1d 2h 3min 4.500s",
            "604800000000   | 7d",
    })
    void formats(long us, String text) {
        assertThat(Durations.format(us)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1h 30min", "7d", "1d 2h 3min 4.500s", "0.500s", "45s"})
    void formatAndParseRoundTrip(String text) {
        assertThat(Durations.format(Durations.parse_us(text))).isEqualTo(text);
    }
}
