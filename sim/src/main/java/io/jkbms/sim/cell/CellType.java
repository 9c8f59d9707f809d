package io.jkbms.sim.cell;

import io.jkbms.core.board.Chemistry;
import io.jkbms.core.board.OcvCurve;

/**
 * The electrical and thermal character of a cell chemistry, for a Thevenin model (cells.md):
 * {@code V = OCV(SOC, T) + I·R0 + η1} with {@code η1} the voltage of one RC pair, current positive when charging.
 * <ul>
 *   <li>OCV: the LibreSolar tables of {@link OcvCurve} between 0 and 100 %, extended beyond 100 % by a steep
 *       exponential, so a cell charged to its over-voltage limit is slightly above 100 % of its rest curve (the end of
 *       the LFP plateau), as real cells are, and below 0 % by a steep straight fall;</li>
 *   <li>resistance: R0 + R1 ≈ {@code resistance_mOhmAh / capacity} at 25 °C (resistance scales with 1/capacity:
 *       PyBaMM's 100 Ah NMC example has 0.454 + 0.682 mΩ; SimSES's 3 Ah LFP about 46 mΩ), 40 % of it in R0, and rising
 *       about threefold from 25 °C to −20 °C;</li>
 *   <li>the RC pair's time constant (PyBaMM: about 30 s);</li>
 *   <li>entropic coefficient dOCV/dT, small but present.</li>
 * </ul>
 */
public enum CellType {
    LFP(Chemistry.LFP, 135.0, -0.00008),
    NCM(Chemistry.NCM, 114.0, -0.0002),
    LTO(Chemistry.LTO, 100.0, 0.0);

    public static final double R0_FRACTION = 0.4;
    public static final double TAU_s = 30.0;
    /** Resistance grows by exp(k·(25 − T)): threefold at −20 °C. */
    public static final double RESISTANCE_PER_K = Math.log(3.0) / 45.0;
    /** Width (in % SOC) and height (V) of the steep OCV rise beyond 100 % (the end of the plateau: an LFP cell at
     *  100.5 % rests near 3.58 V). */
    private static final double EDGE_WIDTH_pct = 0.35;
    private static final double EDGE_HEIGHT_V = 0.06;
    /** Below 0 % the voltage falls 0.45 V per % (an over-discharged LFP cell is near 2.4 V at −1 %, 1.5 V at −3 %). */
    private static final double BELOW_EMPTY_V_per_pct = 0.45;
    /** SOC is held within these limits (a cell cannot be charged or emptied without end). */
    public static final double SOC_MIN_pct = -3.0;
    public static final double SOC_MAX_pct = 103.0;

    private final Chemistry chemistry;
    private final double resistance_mOhmAh;
    private final double dOcvdT_V_per_K;
    private final double ocv0_V;
    private final double ocv100_V;

    CellType(Chemistry chemistry, double resistance_mOhmAh, double dOcvdT_V_per_K) {
        this.chemistry = chemistry;
        this.resistance_mOhmAh = resistance_mOhmAh;
        this.dOcvdT_V_per_K = dOcvdT_V_per_K;
        this.ocv0_V = OcvCurve.ocv_V(chemistry, 0);
        this.ocv100_V = OcvCurve.ocv_V(chemistry, 100);
    }

    public static CellType of(Chemistry c) {
        return valueOf(c.name());
    }

    public Chemistry chemistry() {
        return chemistry;
    }

    /** Total cell resistance R0 + R1 at 25 °C for a capacity. */
    public double resistance25_Ohm(double capacity_Ah) {
        return resistance_mOhmAh / capacity_Ah / 1000.0;
    }

    public static double resistanceFactor(double temperature_C) {
        return Math.exp(RESISTANCE_PER_K * (25.0 - temperature_C));
    }

    /** Open-circuit voltage at a state of charge (in %) and temperature. Allocation-free. */
    public double ocv_V(double soc_pct, double temperature_C) {
        double v;
        if (soc_pct > 100.0) {
            v = ocv100_V + EDGE_HEIGHT_V * (Math.exp((soc_pct - 100.0) / EDGE_WIDTH_pct) - 1.0);
        } else if (soc_pct < 0.0) {
            v = ocv0_V + BELOW_EMPTY_V_per_pct * soc_pct;
        } else {
            v = OcvCurve.ocv_V(chemistry, soc_pct);
        }
        return Math.max(0.0, v + dOcvdT_V_per_K * (temperature_C - 25.0));
    }
}
