package io.jkbms.app.analytics;

import io.jkbms.app.analytics.AnalyticsReport.SpreadPoint;
import io.jkbms.core.board.Chemistry;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.sim.cell.PackSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Balancing effectiveness on the twin: an 8S NCM 10 Ah pack at 50 % with ±8 % SOC spread (NCM's curve is steep there,
 * so the spread is about 30 mV) rests for 8 hours, with the balancer on and with it off.
 */
class BalancingValidationTest {

    private static AnalyticsReport.Balancing rest8h(boolean balancer) {
        Twin t = Twin.of(new PackSpec(Chemistry.NCM, 8, 10, 50, 8, 3, 10, 4, 3, 60, 10), 10_000,
                SettingsPatch.builder().set(SettingKey.BALANCE_ENABLED, balancer ? 1 : 0).build());
        t.runFor(8 * Twin.H_us);
        return t.analyzer.report().balancing();
    }

    @Test
    void withTheBalancerOnTheSpreadFallsOverTime() {
        AnalyticsReport.Balancing b = rest8h(true);
        List<SpreadPoint> h = b.hourly();
        assertThat(h).hasSizeGreaterThanOrEqualTo(8);
        // Measured: 16.1 mV at rest in the first hour, 7.5 mV in the eighth (below the 10 mV trigger).
        assertThat(h.get(7).rest_mV()).isLessThan(10).isLessThan(h.get(0).rest_mV() * 0.6);
        assertThat(h.get(0).balancing_pct()).isGreaterThan(50);
        assertThat(b.trendBasis()).isEqualTo(AnalyticsReport.TrendBasis.REST);
        assertThat(b.trend_mVPerDay()).isLessThan(-5); // measured −15.8 mV/day
        assertThat(b.balancing_pct()).isPositive();
    }

    @Test
    void withTheBalancerOffTheSpreadStays() {
        AnalyticsReport.Balancing b = rest8h(false);
        List<SpreadPoint> h = b.hourly();
        // Measured: 26.9 mV in every full hour.
        assertThat(h.get(7).rest_mV()).isCloseTo(h.get(0).rest_mV(), org.assertj.core.api.Assertions.within(2.0));
        assertThat(b.balancing_pct()).isZero();
        assertThat(h).allMatch(p -> p.balancing_pct() == 0);
        assertThat(Math.abs(b.trend_mVPerDay())).isLessThan(5);
    }
}
