package io.jkbms.sim.plant;

import io.jkbms.core.board.BoardModel;
import io.jkbms.sim.cell.Pack;

/**
 * The physical world around the firmware: the pack, the board's power path and the P+ bus with what is connected to
 * it, and three thermal nodes (cells, MOSFETs/board, ambient). One {@link #solve()} finds the bus voltage and the pack
 * current for the present switch states; {@link #advance(double)} moves the cells, the capacitor and the temperatures
 * on by a time step with that solution held. Nothing here allocates.
 *
 * <p>Power path: the string (source voltage E, series R0) through the 0.9 mΩ main path (shunt and MOSFETs; its heat goes
 * to the MOSFET node). Charge current needs the charge MOSFETs on, discharge current the discharge MOSFETs (each
 * direction then flows through the other FET's body diode, whose drop is neglected); with discharge off and precharge
 * on, discharge current flows through the precharge resistor.
 *
 * <p>Balancer: energy-transfer, so the destination receives {@code η·V_src·I_src / V_dst} and {@code (1 − η)·V_src·I_src}
 * heats the board (cells.md: inductive balancers reach 80–92 %).
 */
public final class Plant {
    public static final double PATH_Ohm = BoardModel.MAIN_PATH_RESISTANCE_uOhm / 1e6;
    /** Precharge resistor (chosen: a typical 47 Ω). */
    public static final double PRECHARGE_Ohm = 47.0;
    public static final double BALANCER_EFFICIENCY = 0.85;
    public static final double HEATER_A = BoardModel.HEATING_CURRENT_mA / 1000.0;
    /** The board's own consumption while running (guide: ≤ 800 mW; typical chosen) and asleep. */
    public static final double BOARD_ON_W = 0.3;
    public static final double BOARD_SLEEP_W = 0.002;
    /** Cells: 1000 J/K per 100 Ah cell (cells.md, PyBaMM example); 0.4 W/K per 100 Ah cell to ambient (chosen: a
     *  pack in an enclosure cools in about 40 minutes, not the 10 W/K of a test jig). */
    static final double CELL_HEAT_CAPACITY_J_per_K_per_Ah = 10.0;
    static final double CELL_CONDUCTANCE_W_per_K_per_Ah = 0.004;
    /** MOSFETs with the board and its heatsink (chosen: 120 A warms them about 25 K). */
    static final double MOS_HEAT_CAPACITY_J_per_K = 60.0;
    static final double MOS_CONDUCTANCE_W_per_K = 0.5;
    private static final int BISECTION_STEPS = 48;

    private final Pack pack;
    private final double cellHeatCapacity_J_per_K;
    private final double cellConductance_W_per_K;

    public final Source charger = new Source();
    public final Source solar = new Source();
    double loadCurrent_A;
    double loadPower_W;
    double loadConductance_S;
    double shortConductance_S;
    double capacitance_F;
    double capacitorEsr_Ohm;
    double capacitor_V;

    // switch states, as the board's outputs set them
    boolean chargeMos;
    boolean dischargeMos;
    boolean precharge;
    boolean heater;
    boolean lowPower;
    /** Hardware short-circuit latch: the comparator holds the MOSFETs open whatever the firmware commands. */
    boolean scpLatched;
    int balanceSource;
    int balanceDestination;
    double balanceSource_A;

    private double ambient_C = 25.0;
    private double mos_C = 25.0;

    // solution of the last solve()
    double bus_V;
    double pack_A;
    double heater_A;
    double balanceDestination_A;
    private final double[] extra_A;

    // energy bookkeeping, joules
    double balancerLoss_J;
    double balancerIn_J;
    double balancerOut_J;
    double cellHeat_J;
    double pathHeat_J;

    public Plant(Pack pack) {
        this.pack = pack;
        this.extra_A = new double[pack.cells()];
        double ah = pack.nominalCapacity_Ah();
        cellHeatCapacity_J_per_K = pack.cells() * ah * CELL_HEAT_CAPACITY_J_per_K_per_Ah;
        cellConductance_W_per_K = pack.cells() * ah * CELL_CONDUCTANCE_W_per_K_per_Ah;
    }

    public Pack pack() {
        return pack;
    }

    // ---- what is on the bus ---------------------------------------------------------------------------------------

    /** A constant-current load (A), a constant-power load (W) and a resistive load (Ω, or ∞ for none). */
    public void setLoad(double current_A, double power_W, double resistance_Ohm) {
        loadCurrent_A = current_A;
        loadPower_W = power_W;
        loadConductance_S = Double.isInfinite(resistance_Ohm) ? 0 : 1.0 / resistance_Ohm;
    }

    public void setShort(double resistance_Ohm) {
        shortConductance_S = Double.isInfinite(resistance_Ohm) ? 0 : 1.0 / resistance_Ohm;
    }

    public boolean shorted() {
        return shortConductance_S > 0;
    }

    /** A capacitive load (an inverter's input capacitors): capacitance and series resistance; starts discharged. */
    public void setCapacitor(double capacitance_F, double esr_Ohm) {
        this.capacitance_F = capacitance_F;
        this.capacitorEsr_Ohm = esr_Ohm;
        this.capacitor_V = 0;
    }

    public void setAmbient_C(double c) {
        ambient_C = c;
    }

    public double ambient_C() {
        return ambient_C;
    }

    public void setCellTemperature_C(double c) {
        pack.setTemperature_C(c);
        pack.refreshOcv();
    }

    public void setMosTemperature_C(double c) {
        mos_C = c;
    }

    // ---- the board's outputs (set by SimulatedBoard) ------------------------------------------------------------

    public void setChargeMos(boolean on) {
        chargeMos = on;
    }

    public void setDischargeMos(boolean on) {
        dischargeMos = on;
    }

    public void setPrecharge(boolean on) {
        precharge = on;
    }

    public void setHeater(boolean on) {
        heater = on;
    }

    public void setLowPower(boolean on) {
        lowPower = on;
    }

    public void setScpLatched(boolean latched) {
        scpLatched = latched;
    }

    public void setBalancer(int sourceCell, int destinationCell, double sourceCurrent_A) {
        balanceSource = sourceCell;
        balanceDestination = destinationCell;
        balanceSource_A = sourceCurrent_A;
    }

    public int balanceSourceCell() {
        return balanceDestination_A > 0 ? balanceSource : 0;
    }

    public int balanceDestinationCell() {
        return balanceDestination_A > 0 ? balanceDestination : 0;
    }

    public boolean heaterOn() {
        return heater;
    }

    public boolean dischargeMosCommanded() {
        return dischargeMos;
    }

    // ---- solving ----------------------------------------------------------------------------------------------------

    private boolean chargePath() {
        return chargeMos && !scpLatched && !lowPower;
    }

    private boolean dischargePath() {
        return dischargeMos && !scpLatched && !lowPower;
    }

    private boolean prechargePath() {
        return precharge && !dischargeMos && !scpLatched && !lowPower;
    }

    /** Finds the bus voltage where the sources' current equals the loads' plus the pack's (bisection: the balance is
     *  monotonic in the bus voltage). The path states are fixed for the solve, so they are read once. */
    public void solve() {
        double e = pack.sourceVoltage_V();
        double r = pack.seriesResistance_Ohm() + PATH_Ohm;
        boolean charge = chargePath();
        boolean discharge = dischargePath();
        boolean pre = prechargePath();
        boolean sourcesOn = charger.on || solar.on;
        boolean loads = loadCurrent_A != 0 || loadPower_W != 0 || loadConductance_S > 0 || shortConductance_S > 0 || heater;
        if (!sourcesOn && !discharge && pre && capacitance_F > 0) {
            // Precharging a capacitor bank: the bank holds the bus; the pack feeds it (and the loads) through the
            // resistor. advance() integrates the bank exactly; this is the current at the start of the step.
            bus_V = capacitor_V;
            pack_A = (capacitor_V - e) / (r + PRECHARGE_Ohm + capacitorEsr_Ohm);
            heater_A = 0;
        } else if (!sourcesOn && !charge && !discharge && !pre) {
            // Nothing drives the bus: the capacitor holds it, or it is dead.
            bus_V = capacitance_F > 0 ? capacitor_V : 0;
            pack_A = 0;
            heater_A = 0;
        } else if (!sourcesOn && !loads && capacitance_F == 0) {
            bus_V = e;
            pack_A = 0;
            heater_A = 0;
        } else {
            // A constant-power load is taken as a current at the last bus voltage (keeping the balance monotonic);
            // when the bus was down (or far below the pack), at the pack's voltage instead: P / 1 V would be a short.
            double powerRef_V = bus_V > 0.5 * e ? bus_V : Math.max(e, 1.0);
            double lo = 0;
            double top = Math.max(e, Math.max(charger.on ? charger.voltage_V : 0, solar.on ? solar.voltage_V : 0)) + 5;
            double hi = top;
            for (int k = 0; k < BISECTION_STEPS && hi - lo > 1e-9; k++) {
                double v = 0.5 * (lo + hi);
                double in = charger.current_A(v) + solar.current_A(v);
                double out = loadCurrent_A * Math.min(1, v) + loadPower_W / powerRef_V + v * loadConductance_S
                        + v * shortConductance_S + heaterCurrent_A(v);
                if (in - out - packCurrent(v, e, r, charge, discharge, pre) > 0) {
                    lo = v;
                } else {
                    hi = v;
                }
            }
            bus_V = 0.5 * (lo + hi);
            if (!charge && !sourcesOn && top - bus_V < 1e-6 * top) {
                // A feeding load (negative current or power) with nowhere to go: the bisection would sit on its own
                // bound. With no path into the pack the feed cannot flow; the bus follows the pack.
                bus_V = e;
            }
            pack_A = packCurrent(bus_V, e, r, charge, discharge, pre);
            heater_A = heaterCurrent_A(bus_V);
        }
        solveBalancer();
    }

    /** The film draws its 10 A from the bus, less when the bus is below 10 V. */
    private double heaterCurrent_A(double bus_V) {
        return heater ? HEATER_A * Math.min(1, bus_V / 10.0) : 0;
    }

    private static double packCurrent(double v, double e, double r, boolean charge, boolean discharge, boolean pre) {
        double i = (v - e) / r;
        if (i > 0) {
            return charge ? i : 0;
        }
        if (discharge) {
            return i;
        }
        return pre ? (v - e) / (r + PRECHARGE_Ohm) : 0;
    }

    private void solveBalancer() {
        java.util.Arrays.fill(extra_A, 0);
        double boardSupply_A = (lowPower ? BOARD_SLEEP_W : BOARD_ON_W) / Math.max(1, pack.sourceVoltage_V());
        for (int i = 0; i < extra_A.length; i++) {
            extra_A[i] = -boardSupply_A;
        }
        balanceDestination_A = 0;
        if (balanceSource_A > 0 && !lowPower && balanceSource >= 1 && balanceSource <= extra_A.length
                && balanceDestination >= 1 && balanceDestination <= extra_A.length && balanceSource != balanceDestination) {
            double vs = pack.terminal_V(balanceSource);
            double vd = Math.max(0.5, pack.terminal_V(balanceDestination));
            balanceDestination_A = BALANCER_EFFICIENCY * vs * balanceSource_A / vd;
            extra_A[balanceSource - 1] -= balanceSource_A;
            extra_A[balanceDestination - 1] += balanceDestination_A;
        }
    }

    // ---- time -------------------------------------------------------------------------------------------------------

    /** Moves everything on by {@code dt_s} with the last solution held. */
    public void advance(double dt_s) {
        if (capacitance_F > 0 && prechargePath() && !(charger.on || solar.on)) {
            // The bank charges through the resistor exactly; its charge is the pack's average current over the step.
            double tau = (PRECHARGE_Ohm + pack.seriesResistance_Ohm() + capacitorEsr_Ohm) * capacitance_F;
            double target = pack.sourceVoltage_V();
            double before = capacitor_V;
            capacitor_V = target + (before - target) * Math.exp(-dt_s * 1.0 / tau);
            pack_A = -capacitance_F * (capacitor_V - before) / dt_s;
            bus_V = capacitor_V;
        }
        double heat = pack.step(dt_s, pack_A, extra_A);
        cellHeat_J += heat;
        double path = pack_A * pack_A * PATH_Ohm * dt_s;
        if (prechargePath() && pack_A < 0) {
            path += pack_A * pack_A * PRECHARGE_Ohm * dt_s;
        }
        pathHeat_J += path;
        double balancer = 0;
        if (balanceDestination_A > 0) {
            double vs = pack.terminal_V(balanceSource);
            balancerIn_J += vs * balanceSource_A * dt_s;
            balancerOut_J += BALANCER_EFFICIENCY * vs * balanceSource_A * dt_s;
            balancer = (1 - BALANCER_EFFICIENCY) * vs * balanceSource_A * dt_s;
            balancerLoss_J += balancer;
        }
        double boardPower = lowPower ? BOARD_SLEEP_W : BOARD_ON_W;
        double heaterPower = heater_A * bus_V;

        double cellsT = relax(pack.temperature_C(), (heat / dt_s) + heaterPower, cellConductance_W_per_K,
                cellHeatCapacity_J_per_K, dt_s);
        mos_C = relax(mos_C, (path + balancer) / dt_s + boardPower, MOS_CONDUCTANCE_W_per_K, MOS_HEAT_CAPACITY_J_per_K, dt_s);
        pack.setTemperature_C(cellsT);

        if (capacitance_F > 0) {
            // Only a source or the discharge path can hold the bus up; the charge FET alone blocks discharge current.
            boolean driven = charger.on || solar.on || dischargePath();
            if (driven) {
                capacitor_V = bus_V;
            } else if (prechargePath()) {
                // integrated above, before the cells' step
            } else {
                // The bank alone feeds the loads until it is empty.
                double v = capacitor_V * Math.exp(-dt_s * (loadConductance_S + shortConductance_S) / capacitance_F);
                double drawn = (Math.max(0, loadCurrent_A) + Math.max(0, loadPower_W) / Math.max(v, 1)
                        + (heater ? HEATER_A : 0)) * dt_s / capacitance_F;
                capacitor_V = Math.max(0, v - drawn);
            }
        }
    }

    /** Exact update of a first-order thermal node toward its equilibrium with ambient. */
    private double relax(double t, double power_W, double conductance_W_per_K, double capacity_J_per_K, double dt_s) {
        double equilibrium = ambient_C + power_W / conductance_W_per_K;
        return equilibrium + (t - equilibrium) * Math.exp(-dt_s * conductance_W_per_K / capacity_J_per_K);
    }

    // ---- readings ---------------------------------------------------------------------------------------------------

    public double bus_V() {
        return bus_V;
    }

    /** Current through the shunt, positive when charging. */
    public double packCurrent_A() {
        return pack_A;
    }

    public double packVoltage_V() {
        double v = 0;
        for (int i = 1; i <= pack.cells(); i++) {
            v += pack.terminal_V(i);
        }
        return v;
    }

    public double mos_C() {
        return mos_C;
    }

    public double cells_C() {
        return pack.temperature_C();
    }

    public double heater_A() {
        return heater_A;
    }

    public double capacitor_V() {
        return capacitor_V;
    }

    public double balanceSource_A() {
        return balanceDestination_A > 0 ? balanceSource_A : 0;
    }

    public double balanceDestination_A() {
        return balanceDestination_A;
    }

    public double balancerLoss_J() {
        return balancerLoss_J;
    }

    public double balancerIn_J() {
        return balancerIn_J;
    }

    public double balancerOut_J() {
        return balancerOut_J;
    }

    public double cellHeat_J() {
        return cellHeat_J;
    }

    public double pathHeat_J() {
        return pathHeat_J;
    }

    public boolean chargePathOpen() {
        return chargePath();
    }

    public boolean dischargePathOpen() {
        return dischargePath();
    }

    /** What the string would push into a dead short through the path now (for the comparator). */
    public double seriesResistance_Ohm() {
        return pack.seriesResistance_Ohm() + PATH_Ohm;
    }

    public double capacitorEsr_Ohm() {
        return capacitorEsr_Ohm;
    }

    public double capacitance_F() {
        return capacitance_F;
    }

    /** Sets the capacitor bank's voltage. */
    public void setCapacitor_V(double v) {
        capacitor_V = v;
    }

    /**
     * Charges the bank to {@code target_V} with charge taken from the pack as one pulse lasting {@code duration_s}
     * (about the inrush's time constant, so the cells see its current and heat).
     */
    public void chargeCapacitorFromPack(double target_V, double duration_s) {
        double q = capacitance_F * (target_V - capacitor_V);
        capacitor_V = target_V;
        if (q > 0 && duration_s > 0) {
            java.util.Arrays.fill(extra_A, 0);
            cellHeat_J += pack.step(duration_s, -q / duration_s, extra_A);
            solveBalancer();
        }
    }
}
