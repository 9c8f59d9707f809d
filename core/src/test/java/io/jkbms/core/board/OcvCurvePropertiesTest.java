package io.jkbms.core.board;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OcvCurvePropertiesTest {

    @Property(tries = 500)
    void ocvIsMonotonic(@ForAll Chemistry c,
                        @ForAll @DoubleRange(min = -5.0, max = 105.0) double a,
                        @ForAll @DoubleRange(min = -5.0, max = 105.0) double b) {
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);
        assertThat(OcvCurve.ocv_mV(c, lo)).isLessThanOrEqualTo(OcvCurve.ocv_mV(c, hi));
        assertThat(OcvCurve.soc_pct(c, (int) Math.round(lo * 30 + 1500)))
                .isLessThanOrEqualTo(OcvCurve.soc_pct(c, (int) Math.round(hi * 30 + 1500)));
    }

    /** soc_pct is the inverse of ocv_mV: mV -> SOC -> mV gives the same millivolts. */
    @Property(tries = 1000)
    void socPctInvertsOcv(@ForAll Chemistry c, @ForAll @IntRange(min = 0, max = 1000) int permille) {
        int lo = OcvCurve.ocv_mV(c, 0);
        int hi = OcvCurve.ocv_mV(c, 100);
        int mV = lo + (int) Math.round((hi - lo) * permille / 1000.0);
        assertThat(OcvCurve.ocv_mV(c, OcvCurve.soc_pct(c, mV))).isEqualTo(mV);
    }

    /** SOC -> mV -> SOC is off by no more than the half-millivolt rounding times the steepest table segment. */
    @Property(tries = 1000)
    void ocvThenSocIsCloseToTheStart(@ForAll Chemistry c, @ForAll @DoubleRange(min = 0.0, max = 100.0) double soc) {
        assertThat(OcvCurve.soc_pct(c, OcvCurve.ocv_mV(c, soc))).isCloseTo(soc, within(0.5 * 10 / 3.0 + 1e-9));
    }
}
