package io.jkbms.core.board;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OcvCurveTest {

    private static final int[] SOC = {0, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 100};

    @ParameterizedTest(name = "{0} at {1} % = {2} mV")
    @CsvSource({
            "LFP, 0, 2833", "LFP, 10, 3177", "LFP, 50, 3265", "LFP, 95, 3314", "LFP, 100, 3392",
            "NCM, 0, 2800", "NCM, 5, 3588", "NCM, 50, 3838", "NCM, 90, 4089", "NCM, 100, 4198",
            "LTO, 0, 2000", "LTO, 20, 2154", "LTO, 50, 2224", "LTO, 95, 2513", "LTO, 100, 2800",
    })
    void tablePointsAreExact(Chemistry c, int soc, int mV) {
        assertThat(OcvCurve.ocv_mV(c, soc)).isEqualTo(mV);
        assertThat(OcvCurve.soc_pct(c, mV)).isCloseTo(soc, within(1e-9));
    }

    @Test
    void linearBetweenTablePoints() {
        // LFP 40 % = 3262, 50 % = 3265: 42 % -> 3262.6 -> 3263 (rounded), 48 % -> 3264.4 -> 3264
        assertThat(OcvCurve.ocv_mV(Chemistry.LFP, 42)).isEqualTo(3263);
        assertThat(OcvCurve.ocv_mV(Chemistry.LFP, 48)).isEqualTo(3264);
        // NCM 0 % = 2800, 5 % = 3588: 2.5 % -> 3194
        assertThat(OcvCurve.ocv_mV(Chemistry.NCM, 2.5)).isEqualTo(3194);
        // LTO 95 % = 2513, 100 % = 2800: 2656.5 mV -> 97.5 %
        assertThat(OcvCurve.soc_pct(Chemistry.LTO, 2657)).isCloseTo(95 + 5 * 144.0 / 287, within(1e-9));
    }

    @ParameterizedTest
    @EnumSource(Chemistry.class)
    void strictlyIncreasingAtTablePointsAndMonotonicEverywhere(Chemistry c) {
        for (int i = 1; i < SOC.length; i++) {
            assertThat(OcvCurve.ocv_mV(c, SOC[i])).isGreaterThan(OcvCurve.ocv_mV(c, SOC[i - 1]));
        }
        int prev = Integer.MIN_VALUE;
        for (int tenth = 0; tenth <= 1000; tenth++) {
            int v = OcvCurve.ocv_mV(c, tenth / 10.0);
            assertThat(v).isGreaterThanOrEqualTo(prev);
            prev = v;
        }
    }

    @ParameterizedTest
    @EnumSource(Chemistry.class)
    void socInvertsOcvOverTheWholeTable(Chemistry c) {
        int lo = OcvCurve.ocv_mV(c, 0);
        int hi = OcvCurve.ocv_mV(c, 100);
        double prev = -1;
        for (int mV = lo; mV <= hi; mV++) {
            double soc = OcvCurve.soc_pct(c, mV);
            assertThat(soc).isBetween(0.0, 100.0).isGreaterThan(prev);
            assertThat(OcvCurve.ocv_mV(c, soc)).as("%s %d mV -> %.3f %%", c, mV, soc).isEqualTo(mV);
            prev = soc;
        }
    }

    @ParameterizedTest
    @EnumSource(Chemistry.class)
    void clampsOutsideTheTable(Chemistry c) {
        assertThat(OcvCurve.ocv_mV(c, -10)).isEqualTo(OcvCurve.ocv_mV(c, 0));
        assertThat(OcvCurve.ocv_mV(c, 150)).isEqualTo(OcvCurve.ocv_mV(c, 100));
        assertThat(OcvCurve.soc_pct(c, 1000)).isZero();
        assertThat(OcvCurve.soc_pct(c, OcvCurve.ocv_mV(c, 0) - 1)).isZero();
        assertThat(OcvCurve.soc_pct(c, 5000)).isEqualTo(100.0);
        assertThat(OcvCurve.soc_pct(c, OcvCurve.ocv_mV(c, 100) + 1)).isEqualTo(100.0);
    }
}
