package io.jkbms.sim.cell;

import io.jkbms.core.board.Chemistry;
import io.jkbms.core.board.OcvCurve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The Thevenin cell string: rest voltages against the OCV tables, the steep edges beyond 0 / 100 %, resistance against
 * temperature, the exact RC update, coulomb counting, spreads from the seed, self-discharge and leaks.
 */
class PackTest {

    private static final int[] TABLE_SOC = {0, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 100};

    /** A pack without any spread or self-discharge: every cell identical, SOC only moved by the current. */
    private static PackSpec ideal(Chemistry c, int cells, double capacity_Ah, double soc) {
        return new PackSpec(c, cells, capacity_Ah, soc, 0, 0, 0, 7, 0, 60, 0);
    }

    private static double[] zeros(Pack p) {
        return new double[p.cells()];
    }

    // ---- OCV ----------------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(Chemistry.class)
    void atRestEveryCellShowsTheTableOcvAtTheTablePoints(Chemistry c) {
        for (int soc : TABLE_SOC) {
            Pack p = new Pack(ideal(c, 8, 100, soc));
            double table_V = OcvCurve.ocv_mV(c, soc) / 1000.0;
            for (int cell = 1; cell <= p.cells(); cell++) {
                assertThat(p.terminal_V(cell)).as("%s cell %d at %d %%", c, cell, soc).isCloseTo(table_V, within(0.001));
                assertThat(p.ocv_V(cell)).isCloseTo(table_V, within(0.001));
            }
            // The pack's source voltage is the sum of the rest voltages (RC branch relaxed).
            assertThat(p.sourceVoltage_V()).isCloseTo(8 * table_V, within(0.008));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CellType.class)
    void ocvIsContinuousAtTheTableEnds(CellType t) {
        assertThat(t.ocv_V(100.0 + 1e-9, 25)).isCloseTo(t.ocv_V(100, 25), within(1e-6));
        assertThat(t.ocv_V(-1e-9, 25)).isCloseTo(t.ocv_V(0, 25), within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CellType.class)
    void ocvRisesSteeplyAbove100AndFallsBelow0(CellType t) {
        double at100 = t.ocv_V(100, 25);
        double at95 = t.ocv_V(95, 25);
        // Over the last table segment the slope is (V100 - V95) / 5 %; past 100 % the curve is much steeper.
        double tableSlope = (at100 - at95) / 5.0;
        double edgeSlope = (t.ocv_V(100.5, 25) - at100) / 0.5;
        assertThat(edgeSlope).isGreaterThan(5 * tableSlope);
        assertThat(t.ocv_V(101, 25) - at100).isGreaterThan(0.5);

        double at0 = t.ocv_V(0, 25);
        // Below empty the fall is far steeper than anywhere on the 5..95 % plateau (at most ~0.16 V per % on NCM's 0..5 %).
        assertThat(at0 - t.ocv_V(-0.5, 25)).isGreaterThan(0.1);
        assertThat(t.ocv_V(-1, 25)).isLessThan(at0 - 0.3);
        // A volt can never be negative.
        assertThat(t.ocv_V(CellType.SOC_MIN_pct, 25)).isGreaterThanOrEqualTo(0);
    }

    @Test
    void lfpReachesItsOverVoltageLimitJustAbove100Percent() {
        // cells.md: an LFP cell charged to 3.6 V is slightly above 100 % of the rest curve.
        CellType lfp = CellType.LFP;
        assertThat(lfp.ocv_V(100, 25)).isLessThan(3.6);
        assertThat(lfp.ocv_V(101, 25)).isGreaterThan(3.6);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CellType.class)
    void ocvIsMonotonicAcrossTheWholeSocRange(CellType t) {
        double prev = t.ocv_V(CellType.SOC_MIN_pct, 25);
        for (double s = CellType.SOC_MIN_pct + 0.01; s <= CellType.SOC_MAX_pct + 1e-9; s += 0.01) {
            double v = t.ocv_V(s, 25);
            assertThat(v).as("%s at %.2f %%", t, s).isGreaterThanOrEqualTo(prev);
            if (prev > 0) {
                assertThat(v).as("strictly rising at %.2f %%", s).isGreaterThan(prev);
            }
            prev = v;
        }
    }

    @Test
    void ocvHasTheEntropicTemperatureCoefficient() {
        // LFP: -0.08 mV/K; LTO: none.
        assertThat(CellType.LFP.ocv_V(50, 45) - CellType.LFP.ocv_V(50, 25)).isCloseTo(-0.0016, within(1e-9));
        assertThat(CellType.LTO.ocv_V(50, -10)).isEqualTo(CellType.LTO.ocv_V(50, 25));
    }

    // ---- resistance ---------------------------------------------------------------------------------------------------

    @Test
    void resistanceFactorIsOneAt25AndAboutThreeAtMinus20() {
        assertThat(CellType.resistanceFactor(25)).isEqualTo(1.0);
        assertThat(CellType.resistanceFactor(-20)).isCloseTo(3.0, within(0.01));
        assertThat(CellType.resistanceFactor(0)).isBetween(1.0, 3.0);
        assertThat(CellType.resistanceFactor(45)).isLessThan(1.0);
    }

    @Test
    void resistanceScalesWithOneOverCapacity() {
        // cells.md: SimSES 3 Ah LFP ~46 mOhm, resistance ~ 1/capacity.
        assertThat(CellType.LFP.resistance25_Ohm(3) * 1000).isCloseTo(45, within(5.0));
        assertThat(CellType.LFP.resistance25_Ohm(100)).isCloseTo(CellType.LFP.resistance25_Ohm(3) * 3 / 100, within(1e-12));
    }

    @Test
    void seriesResistanceIsTheSumOfR0AndFollowsTemperature() {
        Pack p = new Pack(ideal(Chemistry.LFP, 16, 100, 50));
        double r0 = CellType.LFP.resistance25_Ohm(100) * CellType.R0_FRACTION;
        assertThat(p.seriesResistance_Ohm()).isCloseTo(16 * r0, within(1e-12));
        p.setTemperature_C(-20);
        assertThat(p.seriesResistance_Ohm()).isCloseTo(16 * r0 * 3, within(1e-6));
    }

    @Test
    void terminalVoltageUnderCurrentIncludesTheOhmicDrop() {
        Pack p = new Pack(ideal(Chemistry.NCM, 4, 50, 50));
        double r0 = CellType.NCM.resistance25_Ohm(50) * CellType.R0_FRACTION;
        double dt = 0.1;
        p.step(dt, -40, zeros(p));
        for (int cell = 1; cell <= 4; cell++) {
            double expected = p.ocv_V(cell) + p.eta1_V[cell - 1] - 40 * r0;
            assertThat(p.terminal_V(cell)).isCloseTo(expected, within(1e-12));
            assertThat(p.terminal_V(cell)).isLessThan(p.ocv_V(cell));
        }
    }

    // ---- RC branch ----------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "dt = {0} s")
    @ValueSource(doubles = {0.001, 0.1, 1.0, 7.5, 30.0})
    void rcBranchFollowsTheClosedFormForAStep(double dt) {
        Pack p = new Pack(ideal(Chemistry.LFP, 2, 100, 50));
        double r1 = CellType.LFP.resistance25_Ohm(100) * (1 - CellType.R0_FRACTION);
        double current = 50;
        int k = (int) Math.round(120 / dt);
        for (int i = 1; i <= k; i++) {
            p.step(dt, current, zeros(p));
            if (i % Math.max(1, k / 8) == 0) {
                double t = i * dt;
                double expected = current * r1 * (1 - Math.exp(-t / CellType.TAU_s));
                assertThat(p.eta1_V[0]).as("t = %s s", t).isCloseTo(expected, within(1e-10));
            }
        }
        // Current removed: pure exponential decay from where it was.
        double eta0 = p.eta1_V[0];
        int m = (int) Math.round(90 / dt);
        for (int i = 1; i <= m; i++) {
            p.step(dt, 0, zeros(p));
            if (i % Math.max(1, m / 6) == 0) {
                double t = i * dt;
                assertThat(p.eta1_V[0]).isCloseTo(eta0 * Math.exp(-t / CellType.TAU_s), within(1e-10));
            }
        }
    }

    @Test
    void rcUpdateIsExactWhateverTheStep() {
        Pack fine = new Pack(ideal(Chemistry.NCM, 3, 80, 40));
        Pack coarse = new Pack(ideal(Chemistry.NCM, 3, 80, 40));
        for (int i = 0; i < 10; i++) {
            fine.step(0.1, -30, zeros(fine));
        }
        coarse.step(1.0, -30, zeros(coarse));
        for (int cell = 1; cell <= 3; cell++) {
            assertThat(fine.eta1_V[cell - 1]).isCloseTo(coarse.eta1_V[cell - 1], within(1e-13));
            assertThat(fine.soc_pct(cell)).isCloseTo(coarse.soc_pct(cell), within(1e-12));
            assertThat(fine.terminal_V(cell)).isCloseTo(coarse.terminal_V(cell), within(1e-12));
        }
        // And for a long rest afterwards: 100 x 1 s == 1 x 100 s.
        for (int i = 0; i < 100; i++) {
            fine.step(1.0, 0, zeros(fine));
        }
        coarse.step(100.0, 0, zeros(coarse));
        assertThat(fine.eta1_V[0]).isCloseTo(coarse.eta1_V[0], within(1e-13));
    }

    @Test
    void rcBranchHasThePyBaMMTimeConstant() {
        assertThat(CellType.TAU_s).isEqualTo(30.0);
        Pack p = new Pack(ideal(Chemistry.LFP, 1, 100, 50));
        double r1 = p.resistance25_Ohm(1) * (1 - CellType.R0_FRACTION);
        p.step(CellType.TAU_s, 10, zeros(p));
        // After one time constant: 1 - 1/e of the final value.
        assertThat(p.eta1_V[0] / (10 * r1)).isCloseTo(1 - Math.exp(-1), within(1e-12));
    }

    @Test
    void cellHeatIsTheOhmicPlusRcLoss() {
        Pack p = new Pack(ideal(Chemistry.LFP, 4, 100, 50));
        double r0 = CellType.LFP.resistance25_Ohm(100) * CellType.R0_FRACTION;
        double r1 = CellType.LFP.resistance25_Ohm(100) * (1 - CellType.R0_FRACTION);
        double heat = 0;
        // Long enough for the RC branch to settle: the steady heat is I²(R0 + R1) per cell.
        for (int i = 0; i < 600; i++) {
            heat = p.step(1.0, 100, zeros(p));
        }
        assertThat(heat).isCloseTo(4 * 100 * 100 * (r0 + r1), within(4 * 100 * 100 * (r0 + r1) * 1e-6));
    }

    // ---- coulomb counting -----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} Ah")
    @ValueSource(doubles = {2.5, 50, 100, 280})
    void oneAmpForAnHourMovesSocByHundredOverCapacity(double capacity_Ah) {
        Pack p = new Pack(ideal(Chemistry.LFP, 4, capacity_Ah, 40));
        for (int i = 0; i < 3600; i++) {
            p.step(1.0, 1.0, zeros(p));
        }
        for (int cell = 1; cell <= 4; cell++) {
            assertThat(p.soc_pct(cell)).isCloseTo(40 + 100 / capacity_Ah, within(1e-9));
        }
        // Discharging takes it back.
        p.step(3600, -1.0, zeros(p));
        assertThat(p.soc_pct(1)).isCloseTo(40, within(1e-9));
    }

    @Test
    void extraCurrentMovesOnlyItsCell() {
        Pack p = new Pack(ideal(Chemistry.LFP, 3, 100, 50));
        double[] extra = {0, -2, 0};
        p.step(1800, 0, extra);
        assertThat(p.soc_pct(1)).isEqualTo(50);
        assertThat(p.soc_pct(2)).isCloseTo(49, within(1e-9)); // 1 Ah of 100 Ah
        assertThat(p.soc_pct(3)).isEqualTo(50);
    }

    @Test
    void socIsHeldWithinItsLimits() {
        Pack p = new Pack(ideal(Chemistry.LFP, 1, 10, 99));
        p.step(3600, 10, zeros(p)); // +100 %
        assertThat(p.soc_pct(1)).isEqualTo(CellType.SOC_MAX_pct);
        p.step(7200, -10, zeros(p)); // -200 %
        assertThat(p.soc_pct(1)).isEqualTo(CellType.SOC_MIN_pct);
    }

    @Test
    void setSocRestsTheCell() {
        Pack p = new Pack(ideal(Chemistry.NCM, 2, 100, 50));
        p.step(60, 50, zeros(p));
        p.setSoc_pct(2, 80);
        assertThat(p.soc_pct(2)).isEqualTo(80);
        assertThat(p.terminal_V(2)).isCloseTo(OcvCurve.ocv_V(Chemistry.NCM, 80), within(1e-9));
        assertThat(p.meanSoc_pct()).isCloseTo((p.soc_pct(1) + 80) / 2, within(1e-12));
    }

    // ---- spreads and the seed -----------------------------------------------------------------------------------------

    private static PackSpec spread(long seed) {
        return new PackSpec(Chemistry.LFP, 24, 100, 50, 2, 3, 10, seed, 3, 60, 10);
    }

    private static double[] snapshot(Pack p) {
        double[] s = new double[p.cells() * 4];
        for (int c = 1; c <= p.cells(); c++) {
            s[4 * (c - 1)] = p.soc_pct(c);
            s[4 * (c - 1) + 1] = p.capacity_Ah(c);
            s[4 * (c - 1) + 2] = p.resistance25_Ohm(c);
            s[4 * (c - 1) + 3] = p.wire_Ohm(c);
        }
        return s;
    }

    @Test
    void sameSeedBuildsTheSamePackAndAnotherSeedAnother() {
        double[] a = snapshot(new Pack(spread(42)));
        double[] b = snapshot(new Pack(spread(42)));
        double[] c = snapshot(new Pack(spread(43)));
        assertThat(a).containsExactly(b);
        assertThat(Arrays.equals(a, c)).isFalse();
        // Different in every property, not just one.
        Pack p42 = new Pack(spread(42));
        Pack p43 = new Pack(spread(43));
        assertThat(p42.soc_pct(1)).isNotEqualTo(p43.soc_pct(1));
        assertThat(p42.capacity_Ah(1)).isNotEqualTo(p43.capacity_Ah(1));
        assertThat(p42.resistance25_Ohm(1)).isNotEqualTo(p43.resistance25_Ohm(1));
    }

    @Test
    void spreadsStayWithinTheirBoundsAndAreUsed() {
        double r25 = CellType.LFP.resistance25_Ohm(100);
        for (long seed = 1; seed <= 20; seed++) {
            Pack p = new Pack(spread(seed));
            double minSoc = 100;
            double maxSoc = 0;
            for (int c = 1; c <= p.cells(); c++) {
                assertThat(p.soc_pct(c)).isBetween(48.0, 52.0);
                assertThat(p.capacity_Ah(c)).isBetween(97.0, 103.0);
                assertThat(p.resistance25_Ohm(c)).isBetween(r25 * 0.9, r25 * 1.1);
                assertThat(p.wire_Ohm(c)).isBetween(0.054, 0.066);
                minSoc = Math.min(minSoc, p.soc_pct(c));
                maxSoc = Math.max(maxSoc, p.soc_pct(c));
            }
            // 24 uniform draws over ±2 points: the spread is actually there.
            assertThat(maxSoc - minSoc).isGreaterThan(0.5);
        }
    }

    @Test
    void zeroSpreadMakesIdenticalCells() {
        Pack p = new Pack(new PackSpec(Chemistry.LTO, 16, 40, 30, 0, 0, 0, 99, 3, 60, 0));
        for (int c = 1; c <= 16; c++) {
            assertThat(p.soc_pct(c)).isEqualTo(30);
            assertThat(p.capacity_Ah(c)).isEqualTo(40);
            assertThat(p.resistance25_Ohm(c)).isEqualTo(p.resistance25_Ohm(1));
            assertThat(p.wire_Ohm(c)).isEqualTo(0.060);
        }
    }

    @Test
    void packSpecRefusesImpossiblePacks() {
        assertThatThrownBy(() -> new PackSpec(Chemistry.LFP, 0, 100, 50, 0, 0, 0, 1, 0, 60, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cells");
        assertThatThrownBy(() -> new PackSpec(Chemistry.LFP, 33, 100, 50, 0, 0, 0, 1, 0, 60, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cells");
        assertThatThrownBy(() -> new PackSpec(Chemistry.LFP, 16, 0, 50, 0, 0, 0, 1, 0, 60, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity_Ah");
        assertThatThrownBy(() -> new PackSpec(Chemistry.LFP, 16, 100, 101, 0, 0, 0, 1, 0, 60, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("soc_pct");
        assertThatThrownBy(() -> new PackSpec(Chemistry.LFP, 16, 100, 50, -1, 0, 0, 1, 0, 60, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PackSpec(Chemistry.LFP, 16, 100, 50, 0, 50, 0, 1, 0, 60, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity spread");
    }

    // ---- self-discharge and leaks ---------------------------------------------------------------------------------------

    @Test
    void selfDischargeRunsAtTheStatedRatePerMonth() {
        Pack p = new Pack(new PackSpec(Chemistry.LFP, 4, 100, 60, 0, 0, 0, 1, 3, 60, 0));
        for (int day = 0; day < 30; day++) {
            p.step(86_400, 0, zeros(p));
        }
        for (int c = 1; c <= 4; c++) {
            assertThat(p.soc_pct(c)).isCloseTo(57, within(1e-9)); // 3 % of capacity in a 30-day month
        }
    }

    @Test
    void aLeakLowersOnlyItsCellAtTheStatedRatePerDay() {
        Pack p = new Pack(new PackSpec(Chemistry.LFP, 4, 100, 60, 0, 0, 0, 1, 3, 60, 0));
        p.setLeak(3, 2.0);
        for (int h = 0; h < 48; h++) {
            p.step(3600, 0, zeros(p));
        }
        double normal = 60 - 3.0 * 2 / 30; // two days of 3 %/month
        assertThat(p.soc_pct(1)).isCloseTo(normal, within(1e-9));
        assertThat(p.soc_pct(2)).isCloseTo(normal, within(1e-9));
        assertThat(p.soc_pct(4)).isCloseTo(normal, within(1e-9));
        assertThat(p.soc_pct(3)).isCloseTo(normal - 4.0, within(1e-9)); // 2 %/day for two days
    }

    // ---- stored energy ---------------------------------------------------------------------------------------------------

    @Test
    void storedEnergyIsTheIntegralOfOcvOverCharge() {
        Pack p = new Pack(ideal(Chemistry.LFP, 1, 100, 50));
        double e50 = p.storedEnergy_J();
        p.setSoc_pct(1, 60);
        double e60 = p.storedEnergy_J();
        // 10 % of 100 Ah at the table's 50..60 % voltages (linear, so the mean is the midpoint).
        double expected = 0.10 * 100 * 3600 * (3.265 + 3.271) / 2;
        assertThat(e60 - e50).isCloseTo(expected, within(expected * 1e-9));
        // Charging the cell at rest adds OCV x charge.
        double e = p.storedEnergy_J();
        p.step(1, 1, zeros(p));
        assertThat(p.storedEnergy_J() - e).isCloseTo(OcvCurve.ocv_V(Chemistry.LFP, 60), within(1e-3));
    }
}
