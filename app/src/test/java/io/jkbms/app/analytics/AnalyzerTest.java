package io.jkbms.app.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jkbms.app.analytics.AnalyticsReport.CellResistance;
import io.jkbms.app.analytics.AnalyticsReport.CycleKind;
import io.jkbms.app.history.Sample;
import io.jkbms.core.board.Chemistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The analyzer on hand-made samples: edge cases, exact arithmetic, bounded memory, the report's JSON. */
class AnalyzerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A sample at {@code time_ms} with {@code current_mA} and the given cells; nothing balancing. */
    private static Sample sample(long time_ms, int current_mA, int... cell_mV) {
        return withSoc(time_ms, current_mA, 50, cell_mV);
    }

    private static Sample withSoc(long time_ms, int current_mA, int soc_pct, int... cell_mV) {
        int pack = 0;
        for (int v : cell_mV) {
            pack += v;
        }
        return new Sample(time_ms, pack, current_mA, soc_pct, 0, 20_000, 0, cell_mV.clone(), new int[]{250}, 0, 0, 0,
                Sample.CHARGE_MOS | Sample.DISCHARGE_MOS, 0);
    }

    /** Feeds a rest, a step to {@code step_mA} and back, each held {@code hold_s} seconds, 1 s apart, from t. */
    private static long pulse(Analyzer a, long t_ms, int step_mA, int hold_s, double[] r_mOhm) {
        for (int i = 0; i < hold_s; i++) {
            a.accept(sample(t_ms, 0, cells(3300, 0, r_mOhm)));
            t_ms += 1000;
        }
        for (int i = 0; i < hold_s; i++) {
            a.accept(sample(t_ms, step_mA, cells(3300, step_mA, r_mOhm)));
            t_ms += 1000;
        }
        return t_ms;
    }

    /** Cell voltages of an ideal resistive cell at {@code ocv_mV}: V = OCV + I·R. */
    private static int[] cells(int ocv_mV, int current_mA, double[] r_mOhm) {
        int[] v = new int[r_mOhm.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (int) Math.round(ocv_mV + current_mA * r_mOhm[i] / 1000.0);
        }
        return v;
    }

    private static void assertNoNulls(JsonNode n, String path) {
        assertThat(n.isNull()).as(path).isFalse();
        assertThat(n.isNumber() && Double.isNaN(n.asDouble())).as(path).isFalse();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertNoNulls(e.getValue(), path + "." + e.getKey());
        }
        for (int i = 0; i < n.size(); i++) {
            if (n.isArray()) {
                assertNoNulls(n.get(i), path + "[" + i + "]");
            }
        }
    }

    @Test
    void withNoSamplesTheReportIsEmptyButComplete() throws Exception {
        AnalyticsReport r = new Analyzer(Chemistry.LFP, 100_000).report();
        assertThat(r.samples()).isZero();
        assertThat(r.cells()).isZero();
        assertThat(r.resistance().cells()).isEmpty();
        assertThat(r.resistance().high()).isEmpty();
        assertThat(r.capacity().learned()).isFalse();
        assertThat(r.capacity().cycles()).isEmpty();
        assertThat(r.balancing().hourly()).isEmpty();
        assertThat(r.balancing().trendBasis()).isEqualTo(AnalyticsReport.TrendBasis.NONE);
        assertThat(r.selfDischarge().basis()).isEqualTo(AnalyticsReport.WindowBasis.NONE);
        assertThat(r.weakCells()).isEmpty();
        assertThat(r.socDrift().points()).isEmpty();
        assertThat(r.socDrift().text()).startsWith("No rest");
        assertThat(r.warnings()).isEmpty();
        assertNoNulls(JSON.valueToTree(r), "report");
    }

    @Test
    void theConstructorRefusesANonPositiveCapacity() {
        assertThatThrownBy(() -> new Analyzer(Chemistry.LFP, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCleanStepGivesTheResistanceExactlyAndTheOddCellIsFlagged() throws Exception {
        double[] r = {2.0, 2.0, 2.6, 2.0};
        Analyzer a = new Analyzer(Chemistry.LFP, 20_000);
        long t = 0;
        for (int i = 0; i < 6; i++) {
            t = pulse(a, t, 10_000, 5, r);
            t = pulse(a, t, -10_000, 5, r);
        }
        AnalyticsReport report = a.report();
        assertThat(report.resistance().cells()).extracting(CellResistance::resistance_mOhm)
                .containsExactly(2.0, 2.0, 2.6, 2.0);
        // Twelve rises, and eleven falls (the last pulse is not followed by one).
        assertThat(report.resistance().steps()).isEqualTo(23);
        assertThat(report.resistance().high()).singleElement().satisfies(h -> {
            assertThat(h.cell()).isEqualTo(3);
            assertThat(h.above_pct()).isCloseTo(30.0, within(0.1));
        });
        JsonNode json = JSON.valueToTree(report);
        assertNoNulls(json, "report");
        assertThat(json.at("/resistance/cells/2/resistance_mOhm").asDouble()).isEqualTo(2.6);
        assertThat(json.at("/resistance/high/0/above_pct").asDouble()).isCloseTo(30.0, within(0.1));
    }

    @Test
    void aFewStepsOfAFewMillivoltsAreNotEnoughToJudge() {
        // A 100 Ah pack: 10 A moves its cells by 5 mV (7 mV for the worse one, rounded); five steps cannot resolve it.
        double[] r = {0.5, 0.5, 0.65, 0.5};
        Analyzer a = new Analyzer(Chemistry.LFP, 100_000);
        long t = 0;
        for (int i = 0; i < 3; i++) {
            t = pulse(a, t, 10_000, 5, r);
        }
        AnalyticsReport.Resistance res = a.report().resistance();
        assertThat(res.steps()).isEqualTo(5);
        assertThat(res.cells()).allMatch(c -> c.uncertainty_pct() > res.judged_pct());
        assertThat(res.high()).isEmpty();
        // Many more steps resolve it.
        for (int i = 0; i < 60; i++) {
            t = pulse(a, t, 10_000, 5, r);
        }
        assertThat(a.report().resistance().high()).extracting(AnalyticsReport.HighResistance::cell).containsExactly(3);
    }

    @Test
    void oneCellHasAnEstimateButNobodyToBeComparedWith() {
        Analyzer a = new Analyzer(Chemistry.LFP, 20_000);
        long t = 0;
        for (int i = 0; i < 6; i++) {
            t = pulse(a, t, 10_000, 5, new double[]{3.0});
        }
        AnalyticsReport r = a.report();
        assertThat(r.cells()).isEqualTo(1);
        assertThat(r.resistance().cells()).singleElement()
                .satisfies(c -> assertThat(c.resistance_mOhm()).isEqualTo(3.0));
        assertThat(r.resistance().high()).isEmpty();
        assertThat(r.balancing().spreadNow_mV()).isZero();
        assertThat(r.weakCells()).isEmpty();
    }

    @Test
    void aSteadyCurrentHasNoSteps() {
        Analyzer a = new Analyzer(Chemistry.LFP, 20_000);
        for (int i = 0; i < 600; i++) {
            a.accept(sample(i * 1000L, -5_000, 3290, 3291, 3289));
        }
        AnalyticsReport.Resistance r = a.report().resistance();
        assertThat(r.steps()).isZero();
        assertThat(r.cells()).allMatch(c -> c.steps() == 0 && c.resistance_mOhm() == 0);
        assertThat(r.median_mOhm()).isZero();
        assertThat(r.high()).isEmpty();
    }

    @Test
    void stepsSmallerThanATenthOfCAreNotUsed() {
        Analyzer a = new Analyzer(Chemistry.LFP, 100_000); // C/10 = 10 A
        long t = 0;
        for (int i = 0; i < 10; i++) {
            t = pulse(a, t, 9_000, 5, new double[]{1.0, 1.0});
        }
        assertThat(a.report().resistance().steps()).isZero();
    }

    @Test
    void aStepAcrossAGapIsNotAStep() {
        double[] r = {2.0, 2.0};
        Analyzer a = new Analyzer(Chemistry.LFP, 20_000);
        a.accept(sample(0, 0, cells(3300, 0, r)));
        a.accept(sample(1_000, 0, cells(3300, 0, r)));
        // 20 s later, at 10 A: the rest before the gap says nothing about the cells after it.
        a.accept(sample(21_000, 10_000, cells(3300, 10_000, r)));
        a.accept(sample(22_000, 10_000, cells(3300, 10_000, r)));
        AnalyticsReport report = a.report();
        assertThat(report.gaps()).isEqualTo(1);
        assertThat(report.resistance().steps()).isZero();
        // The same step 1 s apart is one.
        a.accept(sample(23_000, 0, cells(3300, 0, r)));
        a.accept(sample(24_000, 0, cells(3300, 0, r)));
        a.accept(sample(25_000, 10_000, cells(3300, 10_000, r)));
        assertThat(a.report().resistance().steps()).isEqualTo(2); // the fall at 23 s and the rise at 25 s
    }

    @Test
    void aGapOfExactlyTenSecondsIsNotAGap() {
        Analyzer a = new Analyzer(Chemistry.LFP, 20_000);
        a.accept(sample(0, 0, 3300, 3300));
        a.accept(sample(10_000, 0, 3300, 3300));
        a.accept(sample(20_001, 0, 3300, 3300));
        assertThat(a.report().gaps()).isEqualTo(1);
    }

    @Test
    void samplesOutOfOrderAreIgnored() {
        Analyzer a = new Analyzer(Chemistry.LFP, 20_000);
        a.accept(sample(5_000, 0, 3300, 3300));
        a.accept(sample(4_000, 0, 3300, 3300));
        a.accept(sample(5_000, 0, 3300, 3300));
        AnalyticsReport r = a.report();
        assertThat(r.samples()).isEqualTo(1);
        assertThat(r.firstTime_ms()).isEqualTo(5_000);
        assertThat(r.lastTime_ms()).isEqualTo(5_000);
    }

    @Test
    void aCellCountChangeRestartsDetectionButKeepsWhatWasLearned() {
        double[] r = {2.0, 2.0, 2.0};
        Analyzer a = new Analyzer(Chemistry.LFP, 20_000);
        long t = 0;
        for (int i = 0; i < 6; i++) {
            t = pulse(a, t, 10_000, 5, r);
        }
        long before = a.report().resistance().steps();
        a.accept(sample(t, 0, 3300, 3300));
        AnalyticsReport after = a.report();
        assertThat(after.gaps()).isEqualTo(1);
        assertThat(after.cells()).isEqualTo(2);
        assertThat(after.resistance().steps()).isEqualTo(before);
        assertThat(after.resistance().cells()).extracting(CellResistance::resistance_mOhm).containsExactly(2.0, 2.0);
    }

    /** Full at rest (3.45 V), 10 A out for {@code discharge_s}, down to 2.70 V, optionally with a gap or a charge. */
    private static void fullToEmpty(Analyzer a, int discharge_s, long gapAt_s, int chargeBack_s) {
        long t = 0;
        for (int i = 0; i < 60; i++) {
            a.accept(withSoc(t, 0, 100, 3450, 3452));
            t += 1000;
        }
        for (int i = 0; i <= discharge_s; i++) {
            if (i == gapAt_s) {
                t += 60_000;
            }
            boolean charging = i > 100 && i <= 100 + chargeBack_s;
            a.accept(withSoc(t, charging ? 10_000 : -10_000, 50, 3250, 3251));
            t += 1000;
        }
        for (int i = 0; i < 60; i++) {
            a.accept(withSoc(t, 0, 0, 2700, 2750));
            t += 1000;
        }
    }

    @Test
    void aFullToEmptyDischargeIsCountedToTheMilliampHour() {
        Analyzer a = new Analyzer(Chemistry.LFP, 20_000);
        fullToEmpty(a, 6_000, -1, 0);
        AnalyticsReport.Capacity c = a.report().capacity();
        assertThat(c.cycles()).singleElement().satisfies(cy -> {
            assertThat(cy.kind()).isEqualTo(CycleKind.DISCHARGE);
            // 6001 samples 1 s apart at 10 A span 6000 s; the trapezoids onto and off the 0 A rests add half a second
            // each: 10 A for 6001 s.
            assertThat(cy.capacity_mAh()).isCloseTo(10_000 * 6_001 / 3_600.0, within(0.1));
        });
        assertThat(c.learned()).isTrue();
        assertThat(c.soh_pct()).isCloseTo(83.35, within(0.1));
        assertThat(c.sohHistory()).hasSize(1);
    }

    @Test
    void aCycleDoesNotSpanAGap() {
        Analyzer a = new Analyzer(Chemistry.LFP, 20_000);
        fullToEmpty(a, 6_000, 3_000, 0);
        assertThat(a.report().capacity().cycles()).isEmpty();
        assertThat(a.report().capacity().learned()).isFalse();
    }

    @Test
    void aDischargeWithMuchChargeInBetweenIsNotACleanCycle() {
        Analyzer a = new Analyzer(Chemistry.LFP, 20_000);
        fullToEmpty(a, 8_000, -1, 1_000); // 2.8 Ah back in during ~19 Ah out
        assertThat(a.report().capacity().cycles()).isEmpty();
    }

    @Test
    void memoryStaysBoundedOverSeventyDays() {
        Analyzer a = new Analyzer(Chemistry.NCM, 20_000);
        // One sample every 10 s (not a gap) for 70 days: 35 minutes at rest, 5 minutes at 2 A, over and over.
        long end_ms = 70L * 86_400_000L;
        for (long t = 0; t < end_ms; t += 10_000) {
            boolean resting = (t / 1000) % 2_400 < 2_100;
            a.accept(sample(t, resting ? 0 : -2_000, 3_800, 3_801, 3_799));
        }
        AnalyticsReport r = a.report();
        assertThat(r.samples()).isEqualTo(end_ms / 10_000);
        assertThat(r.balancing().hourly()).hasSize(BalancingTracker.KEEP_HOURS);
        assertThat(r.socDrift().points()).hasSize(SocDriftChecker.KEEP);
        assertThat(r.socDrift().points().get(SocDriftChecker.KEEP - 1).time_ms()).isGreaterThan(end_ms - 2_400_000);
    }

    @Test
    void eachCellKeepsOnlyItsLatestSteps() {
        Analyzer a = new Analyzer(Chemistry.LFP, 20_000);
        long t = 0;
        // 300 pulses at 4 mΩ, then 300 at 2 mΩ: 1200 steps, of which each cell keeps the last 500.
        for (int i = 0; i < 300; i++) {
            t = pulse(a, t, 10_000, 2, new double[]{4.0, 4.0});
        }
        for (int i = 0; i < 300; i++) {
            t = pulse(a, t, 10_000, 2, new double[]{2.0, 2.0});
        }
        AnalyticsReport.Resistance r = a.report().resistance();
        assertThat(r.steps()).isEqualTo(1_199); // 600 rises, 599 falls
        assertThat(r.cells()).allMatch(c -> c.resistance_mOhm() == 2.0 && c.steps() == 1_199);
    }

    @Test
    void theReportCanBeTakenWhileSamplesArrive() throws Exception {
        Analyzer a = new Analyzer(Chemistry.LFP, 20_000);
        List<Throwable> failures = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try {
                for (int i = 0; i < 200; i++) {
                    assertNoNulls(JSON.valueToTree(a.report()), "report");
                }
            } catch (Throwable e) {
                failures.add(e);
            }
        });
        reader.start();
        long t = 0;
        for (int i = 0; i < 200; i++) {
            t = pulse(a, t, 10_000, 3, new double[]{2.0, 2.5});
        }
        reader.join();
        assertThat(failures).isEmpty();
        assertThat(a.report().resistance().steps()).isPositive();
    }
}
