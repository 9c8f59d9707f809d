package io.jkbms.sim.cell;

import java.util.SplittableRandom;

/**
 * The cells of a series string as equivalent circuits, held as parallel arrays so a step allocates nothing. Each cell
 * has its own capacity, resistance, state of charge, RC-branch voltage and self-discharge; all share the cells'
 * thermal node temperature. Currents are positive when charging.
 *
 * <p>The RC branch uses the exact discrete update for a step held constant over {@code dt}:
 * {@code η1 ← η1·e^(−dt/τ) + I·R1·(1 − e^(−dt/τ))}.
 */
public final class Pack {
    private static final double SECONDS_PER_MONTH = 30.0 * 86_400.0;

    private final CellType type;
    private final int n;
    private final double nominalCapacity_Ah;
    final double[] soc_pct;
    final double[] capacity_As;
    final double[] r0_25_Ohm;
    final double[] r1_25_Ohm;
    final double[] eta1_V;
    final double[] selfDischarge_perS;
    final double[] leak_perS;
    /** Terminal voltages of the last step, for the board's ADC. */
    final double[] terminal_V;
    final double[] ocv_V;
    final double[] wire_Ohm;
    private double temperature_C = 25.0;
    private double lastDt_s = -1;
    private double decay = 0;

    public Pack(PackSpec spec) {
        type = CellType.of(spec.chemistry());
        n = spec.cells();
        nominalCapacity_Ah = spec.capacity_Ah();
        soc_pct = new double[n];
        capacity_As = new double[n];
        r0_25_Ohm = new double[n];
        r1_25_Ohm = new double[n];
        eta1_V = new double[n];
        selfDischarge_perS = new double[n];
        leak_perS = new double[n];
        terminal_V = new double[n];
        ocv_V = new double[n];
        wire_Ohm = new double[n];
        SplittableRandom r = new SplittableRandom(spec.seed());
        double r25 = type.resistance25_Ohm(spec.capacity_Ah());
        for (int i = 0; i < n; i++) {
            double capacityFactor = 1 + uniform(r, spec.capacitySpread_pct()) / 100.0;
            double resistanceFactor = 1 + uniform(r, spec.resistanceSpread_pct()) / 100.0;
            capacity_As[i] = spec.capacity_Ah() * 3600.0 * capacityFactor;
            r0_25_Ohm[i] = r25 * CellType.R0_FRACTION * resistanceFactor;
            r1_25_Ohm[i] = r25 * (1 - CellType.R0_FRACTION) * resistanceFactor;
            soc_pct[i] = clampSoc(spec.soc_pct() + uniform(r, spec.socSpread_pct()));
            selfDischarge_perS[i] = spec.selfDischarge_pctPerMonth() / 100.0 / SECONDS_PER_MONTH;
            wire_Ohm[i] = spec.wireResistance_mOhm() / 1000.0 * (1 + uniform(r, spec.wireSpread_pct()) / 100.0);
        }
        refreshAtRest();
    }

    private static double uniform(SplittableRandom r, double spread) {
        return spread == 0 ? 0 : (r.nextDouble() * 2 - 1) * spread;
    }

    private static double clampSoc(double s) {
        return Math.max(CellType.SOC_MIN_pct, Math.min(CellType.SOC_MAX_pct, s));
    }

    public CellType type() {
        return type;
    }

    public int cells() {
        return n;
    }

    /** Sum of the cells' open-circuit voltages plus RC voltages: the pack's source voltage E. */
    public double sourceVoltage_V() {
        double e = 0;
        for (int i = 0; i < n; i++) {
            e += ocv_V[i] + eta1_V[i];
        }
        return e;
    }

    /** Sum of the cells' R0 at the present temperature. */
    public double seriesResistance_Ohm() {
        double f = CellType.resistanceFactor(temperature_C);
        double r = 0;
        for (int i = 0; i < n; i++) {
            r += r0_25_Ohm[i];
        }
        return r * f;
    }

    /**
     * Advances every cell by {@code dt_s} with the string current plus each cell's own extra current (balancer, board
     * supply, self-discharge handled here). Returns the irreversible heat in the cells, in joules.
     *
     * @param extra_A per-cell extra current (positive charges the cell); may be {@code null}-free zeros
     */
    public double step(double dt_s, double string_A, double[] extra_A) {
        double f = CellType.resistanceFactor(temperature_C);
        if (dt_s != lastDt_s) {
            decay = Math.exp(-dt_s / CellType.TAU_s);
            lastDt_s = dt_s;
        }
        double heat_J = 0;
        for (int i = 0; i < n; i++) {
            double current = string_A + extra_A[i];
            double r0 = r0_25_Ohm[i] * f;
            double r1 = r1_25_Ohm[i] * f;
            double etaStart = eta1_V[i];
            double etaEnd = etaStart * decay + current * r1 * (1 - decay);
            // Heat: I²R0 plus the RC branch's loss, with its mean voltage over the step.
            heat_J += (current * current * r0 + current * 0.5 * (etaStart + etaEnd)) * dt_s;
            eta1_V[i] = etaEnd;
            double leak = (selfDischarge_perS[i] + leak_perS[i]) * 100.0 * dt_s;
            soc_pct[i] = clampSoc(soc_pct[i] + current * dt_s / capacity_As[i] * 100.0 - leak);
        }
        refresh(string_A, extra_A, f);
        // Per step the RC branch may hand back a little of what it stored; summed over steps the heat is positive.
        return heat_J;
    }

    /** OCVs and terminal voltages at rest (no current), after a change made from outside. */
    private void refreshAtRest() {
        for (int i = 0; i < n; i++) {
            ocv_V[i] = type.ocv_V(soc_pct[i], temperature_C);
            terminal_V[i] = ocv_V[i] + eta1_V[i];
        }
    }

    private void refresh(double string_A, double[] extra_A, double f) {
        for (int i = 0; i < n; i++) {
            ocv_V[i] = type.ocv_V(soc_pct[i], temperature_C);
            terminal_V[i] = ocv_V[i] + eta1_V[i] + (string_A + extra_A[i]) * r0_25_Ohm[i] * f;
        }
    }

    /** Re-evaluates the OCVs (after a temperature or SOC change made from outside). */
    public void refreshOcv() {
        refreshAtRest();
    }

    public double temperature_C() {
        return temperature_C;
    }

    public void setTemperature_C(double t) {
        temperature_C = t;
    }

    public double soc_pct(int cell) {
        return soc_pct[cell - 1];
    }

    public void setSoc_pct(int cell, double soc) {
        soc_pct[cell - 1] = clampSoc(soc);
        eta1_V[cell - 1] = 0;
        refreshAtRest();
    }

    /** The mean SOC of the cells: the pack's true state of charge as the recorder reports it. */
    public double meanSoc_pct() {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += soc_pct[i];
        }
        return s / n;
    }

    public double terminal_V(int cell) {
        return terminal_V[cell - 1];
    }

    public double ocv_V(int cell) {
        return ocv_V[cell - 1];
    }

    public double nominalCapacity_Ah() {
        return nominalCapacity_Ah;
    }

    public double capacity_Ah(int cell) {
        return capacity_As[cell - 1] / 3600.0;
    }

    public double resistance25_Ohm(int cell) {
        return r0_25_Ohm[cell - 1] + r1_25_Ohm[cell - 1];
    }

    /** Scales one cell's resistance (a weak cell). */
    public void scaleResistance(int cell, double factor) {
        r0_25_Ohm[cell - 1] *= factor;
        r1_25_Ohm[cell - 1] *= factor;
    }

    public double wire_Ohm(int cell) {
        return wire_Ohm[cell - 1];
    }

    /** The leak set by {@link #setLeak}, in % of capacity per day (0 for a healthy cell). */
    public double leak_pctPerDay(int cell) {
        return leak_perS[cell - 1] * 100.0 * 86_400.0;
    }

    /** A leak (a defective cell) on top of the normal self-discharge, in % of capacity per day. */
    public void setLeak(int cell, double pctPerDay) {
        leak_perS[cell - 1] = pctPerDay / 100.0 / 86_400.0;
    }

    /** Stored chemical energy of all cells in joules: ∫OCV dQ from empty, by the trapezoid rule over 0.5 % steps. */
    public double storedEnergy_J() {
        double e = 0;
        for (int i = 0; i < n; i++) {
            e += energyOf(i);
        }
        return e;
    }

    private double energyOf(int i) {
        double soc = soc_pct[i];
        double step = 0.25;
        double e = 0;
        double s0 = CellType.SOC_MIN_pct;
        double prev = type.ocv_V(s0, temperature_C);
        while (s0 + step < soc) {
            double v = type.ocv_V(s0 + step, temperature_C);
            e += 0.5 * (prev + v) * step;
            prev = v;
            s0 += step;
        }
        e += 0.5 * (prev + type.ocv_V(soc, temperature_C)) * (soc - s0);
        return e / 100.0 * capacity_As[i];
    }
}
