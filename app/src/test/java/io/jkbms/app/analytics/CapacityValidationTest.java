package io.jkbms.app.analytics;

import io.jkbms.app.analytics.AnalyticsReport.Cycle;
import io.jkbms.app.analytics.AnalyticsReport.CycleKind;
import io.jkbms.app.analytics.AnalyticsReport.SohPoint;
import io.jkbms.app.analytics.AnalyticsReport.WeakReason;
import io.jkbms.core.board.Chemistry;
import io.jkbms.sim.cell.PackSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Capacity and state of health learned from full cycles on the twin: an 8S LFP pack at 0.5 C, charged on a CC/CV
 * charger to 3.45 V a cell (the highest cell reaches the board's 3.6 V cut) and discharged until the board's
 * under-voltage protection opens the discharge MOSFETs. The board stops at the first cell to reach a limit, so the
 * pack's usable capacity is that of its weakest cell: the model's {@code min(capacity_Ah(cell))} is the truth.
 */
class CapacityValidationTest {

    /** Charge until tapered or cut, 30 min at the top, discharge until cut, 30 min at the bottom; {@code n} times. */
    private static void cycle(Twin t, int n) {
        for (int i = 0; i < n; i++) {
            t.sim().plant().charger.set(27.6, 10);
            assertThat(t.runUntil(sim -> sim.plant().packCurrent_A() < 0.4 || !sim.bms().chargeMos(), 6 * Twin.H_us))
                    .as("charged").isTrue();
            t.runFor(30 * Twin.MIN_us);
            t.sim().plant().charger.off();
            t.runFor(10 * Twin.MIN_us);
            t.sim().sources().setLoad(10, 0, Double.POSITIVE_INFINITY);
            assertThat(t.runUntil(sim -> !sim.bms().dischargeMos(), 6 * Twin.H_us)).as("discharged").isTrue();
            t.sim().sources().loadOff();
            t.runFor(30 * Twin.MIN_us);
        }
    }

    private static double weakest_mAh(Twin t) {
        double min = Double.MAX_VALUE;
        for (int c = 1; c <= t.sim().pack().cells(); c++) {
            min = Math.min(min, t.sim().pack().capacity_Ah(c) * 1000);
        }
        return min;
    }

    @Test
    void capacityIsLearnedWithinThreePercentOfTheWeakestCell() {
        Twin t = Twin.of(new PackSpec(Chemistry.LFP, 8, 20, 50, 0, 3, 10, 7, 3, 60, 10), 20_000);
        cycle(t, 3);
        AnalyticsReport r = t.analyzer.report();
        AnalyticsReport.Capacity c = r.capacity();
        double truth_mAh = weakest_mAh(t); // 19 528 mAh for this seed

        // Three discharges and, between them, two charges from empty to full (the first charge began at 50 %).
        assertThat(c.cycles()).extracting(Cycle::kind).containsExactly(CycleKind.DISCHARGE, CycleKind.CHARGE,
                CycleKind.DISCHARGE, CycleKind.CHARGE, CycleKind.DISCHARGE);
        for (Cycle cy : c.cycles()) {
            assertThat(cy.capacity_mAh()).as("%s", cy).isCloseTo(truth_mAh, within(truth_mAh * 0.03));
            assertThat(cy.end_ms()).isGreaterThan(cy.start_ms());
        }
        assertThat(c.learned()).isTrue();
        // Measured: 19 713 mAh, +0.9 % (the weakest cell is taken from just above 100 % to just below 0 %).
        assertThat(c.learnedCapacity_mAh()).isCloseTo(truth_mAh, within(truth_mAh * 0.03));
        assertThat(c.soh_pct()).isCloseTo(truth_mAh / 20_000 * 100, within(3.0));
        assertThat(c.sohHistory()).hasSize(c.cycles().size());
        // A healthy pack (3 % capacity spread): no cell is named as capacity-weak.
        assertThat(r.weakCells()).isEmpty();
    }

    @Test
    void aPackSmallerThanItsNominalCapacityShowsItsStateOfHealthOverTime() {
        // 17 Ah cells behind a 20 Ah capacity setting: SOH about 85 % (of the weakest cell) at every cycle.
        Twin t = Twin.of(new PackSpec(Chemistry.LFP, 8, 17, 50, 0, 3, 10, 8, 3, 60, 10), 20_000);
        cycle(t, 2);
        AnalyticsReport.Capacity c = t.analyzer.report().capacity();
        double trueSoh_pct = weakest_mAh(t) / 20_000 * 100;

        assertThat(c.sohHistory()).hasSizeGreaterThanOrEqualTo(3);
        long previous_ms = Long.MIN_VALUE;
        for (SohPoint p : c.sohHistory()) {
            assertThat(p.soh_pct()).as("%s against a true %.1f %%", p, trueSoh_pct).isCloseTo(trueSoh_pct, within(3.0));
            assertThat(p.time_ms()).isGreaterThan(previous_ms);
            previous_ms = p.time_ms();
        }
        assertThat(c.soh_pct()).isCloseTo(trueSoh_pct, within(3.0));
        assertThat(c.learnedCapacity_mAh()).isCloseTo(weakest_mAh(t), within(weakest_mAh(t) * 0.03));
    }

    @Test
    void theCellWithTheLeastCapacityIsLowestAtTheBottomAndHighestAtTheTop() {
        // ±10 % capacity spread: this seed's cell 8 has 18.4 Ah against a median of 20.0 Ah.
        Twin t = Twin.of(new PackSpec(Chemistry.LFP, 8, 20, 50, 0, 10, 10, 7, 3, 60, 10), 20_000);
        cycle(t, 3);
        int smallest = 1;
        for (int c = 2; c <= 8; c++) {
            if (t.sim().pack().capacity_Ah(c) < t.sim().pack().capacity_Ah(smallest)) {
                smallest = c;
            }
        }
        AnalyticsReport r = t.analyzer.report();
        assertThat(r.weakCells()).hasSize(1);
        AnalyticsReport.WeakCell w = r.weakCells().get(0);
        assertThat(w.cell()).isEqualTo(smallest);
        assertThat(w.reason()).isEqualTo(WeakReason.LOWEST_AT_BOTTOM_AND_HIGHEST_AT_TOP);
        // Measured 6.7 % against the model's 8 %: the SOC read at the ends' rests, clamped at the table's 0 and 100 %.
        assertThat(w.evidence().get("capacityDeficit_pct")).isBetween(5.0, 12.0);
        assertThat(r.capacity().learnedCapacity_mAh()).isCloseTo(weakest_mAh(t), within(weakest_mAh(t) * 0.03));
    }
}
