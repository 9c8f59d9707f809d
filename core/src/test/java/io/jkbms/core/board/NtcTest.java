package io.jkbms.core.board;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NtcTest {

    @Test
    void twentyFiveDegreesIsHalfScale() {
        // 10 kOhm NTC at 25 degC against a 10 kOhm pull-up: half of 4095.
        assertThat(Ntc.toCounts(25.0)).isBetween(2047, 2048);
        assertThat(Ntc.toDeciCelsius(2048)).isBetween(249, 251);
        assertThat(Ntc.toDeciCelsius(2047)).isBetween(249, 251);
    }

    @Test
    void betaModelPoints() {
        // B = 3435 K: R(0 degC) = 10k * exp(3435 * (1/273.15 - 1/298.15)) ~= 28.7 kOhm -> 4095 * 28.7 / 38.7 ~= 3037
        assertThat(Ntc.toCounts(0.0)).isBetween(3030, 3045);
        // R(50 degC) ~= 4.1 kOhm -> 4095 * 4.1 / 14.1 ~= 1193
        assertThat(Ntc.toCounts(50.0)).isBetween(1180, 1205);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-40, -30, -20, -10, 0, 10, 25, 40, 55, 70, 85, 100, 110, 120})
    void roundTripWithinTwoTenths(double t) {
        int dC = Ntc.toDeciCelsius(Ntc.toCounts(t));
        assertThat(dC / 10.0).isCloseTo(t, within(0.2));
    }

    @Test
    void roundTripWithinTwoTenthsEveryTenthFromMinus40To120() {
        for (int tenth = -400; tenth <= 1200; tenth++) {
            double t = tenth / 10.0;
            assertThat(Ntc.toDeciCelsius(Ntc.toCounts(t)) / 10.0).as("at %.1f degC", t).isCloseTo(t, within(0.2));
        }
    }

    @Test
    void countsFallAsTemperatureRises() {
        int previous = Integer.MAX_VALUE;
        for (int t = -50; t <= 150; t++) {
            int c = Ntc.toCounts(t);
            assertThat(c).as("counts at %d degC", t).isLessThan(previous);
            previous = c;
        }
    }

    @Test
    void temperatureNeverRisesWithCounts() {
        for (int c = 0; c < Ntc.ADC_FULL_SCALE; c++) {
            assertThat(Ntc.toDeciCelsius(c + 1)).as("counts %d", c + 1).isLessThanOrEqualTo(Ntc.toDeciCelsius(c));
        }
    }

    @Test
    void openSensorReadsFullScaleAndColderThanMinus50() {
        assertThat(Ntc.toDeciCelsius(Ntc.ADC_FULL_SCALE)).isLessThan(-500).isEqualTo(Ntc.MIN_dC);
        assertThat(Ntc.toDeciCelsius(Ntc.ADC_FULL_SCALE - 1)).isLessThan(-500);
        assertThat(Ntc.toDeciCelsius(Ntc.ADC_FULL_SCALE + 100)).isEqualTo(Ntc.MIN_dC);
    }

    @Test
    void shortedSensorReadsZeroAndHotterThan150() {
        assertThat(Ntc.toDeciCelsius(0)).isGreaterThan(1500).isEqualTo(Ntc.MAX_dC);
        assertThat(Ntc.toDeciCelsius(-5)).isEqualTo(Ntc.MAX_dC);
    }

    @Test
    void toCountsStaysInsideTheOpenAndShortedCodes() {
        assertThat(Ntc.toCounts(-200)).isEqualTo(Ntc.ADC_FULL_SCALE - 1);
        assertThat(Ntc.toCounts(1000)).isEqualTo(1);
        for (int t = -60; t <= 160; t += 5) {
            assertThat(Ntc.toCounts(t)).isBetween(1, Ntc.ADC_FULL_SCALE - 1);
        }
    }

    @Test
    void conversionsAreClampedToTheDeclaredRange() {
        for (int c = -10; c <= Ntc.ADC_FULL_SCALE + 10; c++) {
            assertThat(Ntc.toDeciCelsius(c)).isBetween(Ntc.MIN_dC, Ntc.MAX_dC);
        }
    }
}
