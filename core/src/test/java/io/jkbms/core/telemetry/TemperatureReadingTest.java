package io.jkbms.core.telemetry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class TemperatureReadingTest {

    @Test
    void absentReadsNA() {
        assertThat(TemperatureReading.ABSENT.text()).isEqualTo("NA");
        assertThat(TemperatureReading.ABSENT.status()).isEqualTo(SensorStatus.ABSENT);
        assertThat(TemperatureReading.ABSENT.valid()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"234, 23.4 \u00b0C", "0, 0.0 \u00b0C", "-55, -5.5 \u00b0C", "-200, -20.0 \u00b0C", "1000, 100.0 \u00b0C", "5, 0.5 \u00b0C"})
    void okReadsTenthsOfADegree(int dC, String text) {
        TemperatureReading t = new TemperatureReading(SensorStatus.OK, dC);
        assertThat(t.text()).isEqualTo(text);
        assertThat(t.valid()).isTrue();
    }

    @Test
    void textDoesNotDependOnTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(new TemperatureReading(SensorStatus.OK, 234).text()).isEqualTo("23.4 \u00b0C");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void faultsReadAsWordsAndAreNotValid() {
        assertThat(new TemperatureReading(SensorStatus.OPEN, 0).text()).isEqualTo("open");
        assertThat(new TemperatureReading(SensorStatus.SHORTED, 0).text()).isEqualTo("shorted");
        assertThat(new TemperatureReading(SensorStatus.OPEN, -1000).valid()).isFalse();
        assertThat(new TemperatureReading(SensorStatus.SHORTED, 3000).valid()).isFalse();
    }

    @Test
    void valueEquality() {
        assertThat(new TemperatureReading(SensorStatus.OK, 234)).isEqualTo(new TemperatureReading(SensorStatus.OK, 234))
                .isNotEqualTo(new TemperatureReading(SensorStatus.OK, 235));
        assertThat(new TemperatureReading(SensorStatus.ABSENT, 0)).isEqualTo(TemperatureReading.ABSENT);
    }
}
