package io.jkbms.core.board;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NtcPropertiesTest {

    @Property(tries = 500)
    void temperatureToCountsAndBack(@ForAll @DoubleRange(min = -40.0, max = 120.0) double t) {
        assertThat(Ntc.toDeciCelsius(Ntc.toCounts(t)) / 10.0).isCloseTo(t, within(0.2));
    }

    /** Counts read by the firmware, converted to a temperature the simulated board then reproduces. */
    @Property(tries = 500)
    void countsToTemperatureAndBack(@ForAll @IntRange(min = 240, max = 3930) int counts) {
        int dC = Ntc.toDeciCelsius(counts);
        int again = Ntc.toDeciCelsius(Ntc.toCounts(dC / 10.0));
        assertThat(again).isBetween(dC - 1, dC + 1);
    }

    @Property(tries = 500)
    void warmerMeansFewerCounts(@ForAll @DoubleRange(min = -50.0, max = 150.0) double t,
                                @ForAll @DoubleRange(min = 0.0, max = 20.0) double rise) {
        assertThat(Ntc.toCounts(t + rise)).isLessThanOrEqualTo(Ntc.toCounts(t));
    }
}
