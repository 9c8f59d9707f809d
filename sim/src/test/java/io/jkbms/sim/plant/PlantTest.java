package io.jkbms.sim.plant;

import io.jkbms.core.board.Chemistry;
import io.jkbms.sim.cell.CellType;
import io.jkbms.sim.cell.Pack;
import io.jkbms.sim.cell.PackSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The P+ bus and the power path: chargers (CC/CV), loads, shorts, the capacitor, the heater, MOSFET gating, the
 * balancer's energy bookkeeping and the thermal nodes.
 */
class PlantTest {
    /** 16 identical 100 Ah LFP cells at 55 %, no self-discharge: E ≈ 52.3 V, R0 ≈ 16 × 0.54 mΩ. */
    private Pack pack;
    private Plant plant;
    private double e;
    private double r;

    @BeforeEach
    void setUp() {
        pack = new Pack(new PackSpec(Chemistry.LFP, 16, 100, 55, 0, 0, 0, 3, 0, 60, 0));
        plant = new Plant(pack);
        e = pack.sourceVoltage_V();
        r = pack.seriesResistance_Ohm() + Plant.PATH_Ohm;
    }

    private void run(double seconds, double dt) {
        int n = (int) Math.round(seconds / dt);
        for (int i = 0; i < n; i++) {
            plant.solve();
            plant.advance(dt);
        }
    }

    @Test
    void theMainPathIsTheBoards09MilliOhm() {
        assertThat(Plant.PATH_Ohm).isEqualTo(0.0009);
        assertThat(plant.seriesResistance_Ohm()).isCloseTo(16 * CellType.LFP.resistance25_Ohm(100) * CellType.R0_FRACTION
                + 0.0009, within(1e-12));
    }

    // ---- chargers -----------------------------------------------------------------------------------------------------

    @Test
    void belowTheChargerVoltageThePackTakesTheCurrentLimit() {
        plant.charger.set(58.4, 50);
        plant.setChargeMos(true);
        plant.solve();
        assertThat(plant.packCurrent_A()).isCloseTo(50, within(1e-6));
        assertThat(plant.bus_V()).isCloseTo(e + 50 * r, within(1e-6));
        assertThat(plant.bus_V()).isLessThan(58.4);
        assertThat(plant.chargePathOpen()).isTrue();
    }

    @Test
    void nearTheChargerVoltageTheCurrentTapersThroughItsInternalResistance() {
        // CV phase: 0.2 V above the pack, the charger's 50 mΩ and the pack's resistance share the difference.
        plant.charger.set(e + 0.2, 50);
        plant.setChargeMos(true);
        plant.solve();
        double expected = 0.2 / (Source.INTERNAL_Ohm + r);
        assertThat(expected).isLessThan(50);
        assertThat(plant.packCurrent_A()).isCloseTo(expected, within(1e-6));
        assertThat(plant.bus_V()).isCloseTo(e + expected * r, within(1e-6));
    }

    @Test
    void withTheChargeMosfetsOffTheBusShowsTheChargersOpenCircuitVoltage() {
        plant.charger.set(58.4, 50);
        plant.solve();
        assertThat(plant.bus_V()).isCloseTo(58.4, within(1e-6));
        assertThat(plant.packCurrent_A()).isZero();

        // The discharge FET alone does not let charge current in either (the charge FET blocks it).
        plant.setDischargeMos(true);
        plant.solve();
        assertThat(plant.bus_V()).isCloseTo(58.4, within(1e-6));
        assertThat(plant.packCurrent_A()).isZero();

        // Closing the charge FET starts the charge.
        plant.setChargeMos(true);
        plant.solve();
        assertThat(plant.packCurrent_A()).isCloseTo(50, within(1e-6));
    }

    @Test
    void chargingRaisesTheSocByTheCoulombsDelivered() {
        plant.charger.set(58.4, 20);
        plant.setChargeMos(true);
        double before = pack.meanSoc_pct();
        run(1800, 1.0);
        // 20 A for half an hour = 10 Ah of 100 Ah; the board's own supply (0.3 W) takes a little back.
        double board_pct = Plant.BOARD_ON_W / e * 1800 / 3600 / 100 * 100;
        assertThat(pack.meanSoc_pct() - before).isCloseTo(10 - board_pct, within(0.005));
    }

    @Test
    void aChargerRefusesNonsense() {
        assertThatThrownBy(() -> plant.charger.set(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plant.charger.set(58, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- loads --------------------------------------------------------------------------------------------------------

    @Test
    void aConstantCurrentLoadIsDrawnFromThePack() {
        plant.setDischargeMos(true);
        plant.setLoad(20, 0, Double.POSITIVE_INFINITY);
        plant.solve();
        assertThat(plant.packCurrent_A()).isCloseTo(-20, within(1e-6));
        assertThat(plant.bus_V()).isCloseTo(e - 20 * r, within(1e-6));
        assertThat(plant.dischargePathOpen()).isTrue();
    }

    @Test
    void withTheDischargeMosfetsOffALoadGetsNothing() {
        plant.setChargeMos(true); // the charge FET alone blocks discharge current
        plant.setLoad(20, 0, Double.POSITIVE_INFINITY);
        plant.solve();
        assertThat(plant.packCurrent_A()).isZero();
        assertThat(plant.bus_V()).isCloseTo(0, within(1e-6));
    }

    @Test
    void aChargerAndALoadTogether() {
        // The charger supplies the load first and the pack the rest: 50 A in, 20 A out, 30 A into the pack.
        plant.charger.set(58.4, 50);
        plant.setChargeMos(true);
        plant.setDischargeMos(true);
        plant.setLoad(20, 0, Double.POSITIVE_INFINITY);
        plant.solve();
        assertThat(plant.packCurrent_A()).isCloseTo(30, within(1e-6));
    }

    @Test
    void aConstantPowerLoadDrawsItsPowerAtTheBusVoltage() {
        plant.setDischargeMos(true);
        plant.solve(); // bus at the pack voltage
        plant.setLoad(0, 1000, Double.POSITIVE_INFINITY);
        for (int i = 0; i < 5; i++) {
            plant.solve(); // the simulation solves at every step
        }
        assertThat(-plant.packCurrent_A() * plant.bus_V()).isCloseTo(1000, within(0.01));
        assertThat(plant.bus_V()).isCloseTo(e + plant.packCurrent_A() * r, within(1e-6));
    }

    @Test
    void aConstantPowerLoadSwitchedOntoADeadBusDrawsItsPowerNotAKiloampere() {
        // An inverter (constant power) stays connected while the discharge MOSFETs are off, so the bus is dead; when
        // they close, the load takes 1000 W at about 52 V: about 19 A, not 1000 W / 1 V.
        plant.setLoad(0, 1000, Double.POSITIVE_INFINITY);
        plant.solve();
        assertThat(plant.bus_V()).isZero();
        plant.setDischargeMos(true);
        plant.solve();
        assertThat(-plant.packCurrent_A()).as("pack current on the first solve after the MOSFETs close")
                .isCloseTo(1000 / e, within(1000 / e * 0.02));
    }

    @ParameterizedTest(name = "{0} Ω")
    @ValueSource(doubles = {0.5, 2, 10, 100})
    void aResistiveLoadDividesThePackVoltage(double ohm) {
        plant.setDischargeMos(true);
        plant.setLoad(0, 0, ohm);
        plant.solve();
        assertThat(plant.packCurrent_A()).isCloseTo(-e / (ohm + r), within(1e-6));
        assertThat(plant.bus_V()).isCloseTo(e * ohm / (ohm + r), within(1e-6));
    }

    @Test
    void aShortOfAFewMilliOhmDrawsThousandsOfAmperes() {
        plant.setDischargeMos(true);
        plant.setShort(0.005);
        assertThat(plant.shorted()).isTrue();
        plant.solve();
        double expected = e / (r + 0.005);
        assertThat(-plant.packCurrent_A()).isCloseTo(expected, within(expected * 1e-6));
        assertThat(-plant.packCurrent_A()).isBetween(2000.0, 10000.0);
        assertThat(plant.bus_V()).isCloseTo(expected * 0.005, within(1e-4));
        plant.setShort(Double.POSITIVE_INFINITY);
        assertThat(plant.shorted()).isFalse();
    }

    @Test
    void prechargeFeedsTheBusThroughItsResistor() {
        plant.setPrecharge(true);
        plant.setLoad(0, 0, 10);
        plant.solve();
        double expected = e / (10 + Plant.PRECHARGE_Ohm + r);
        assertThat(-plant.packCurrent_A()).isCloseTo(expected, within(1e-6));
        // With the discharge MOSFETs on the precharge resistor is bypassed.
        plant.setDischargeMos(true);
        plant.solve();
        assertThat(-plant.packCurrent_A()).isCloseTo(e / (10 + r), within(1e-6));
    }

    // ---- MOSFET gating -----------------------------------------------------------------------------------------------

    @Test
    void theComparatorLatchAndLowPowerOpenThePathsWhateverIsCommanded() {
        plant.setChargeMos(true);
        plant.setDischargeMos(true);
        plant.setLoad(20, 0, Double.POSITIVE_INFINITY);
        plant.setScpLatched(true);
        assertThat(plant.chargePathOpen()).isFalse();
        assertThat(plant.dischargePathOpen()).isFalse();
        assertThat(plant.dischargeMosCommanded()).isTrue();
        plant.solve();
        assertThat(plant.packCurrent_A()).isZero();
        plant.setScpLatched(false);
        plant.solve();
        assertThat(plant.packCurrent_A()).isCloseTo(-20, within(1e-6));
        plant.setLowPower(true);
        plant.solve();
        assertThat(plant.packCurrent_A()).isZero();
        assertThat(plant.chargePathOpen()).isFalse();
    }

    @Test
    void withNothingDrivingTheBusItIsDead() {
        plant.solve();
        assertThat(plant.bus_V()).isZero();
        assertThat(plant.packCurrent_A()).isZero();
        plant.setLoad(0, 0, 5);
        plant.solve();
        assertThat(plant.bus_V()).isZero();
    }

    @Test
    void withTheMosfetsOnAndNoLoadTheBusSitsAtThePackVoltage() {
        plant.setDischargeMos(true);
        plant.solve();
        assertThat(plant.bus_V()).isCloseTo(e, within(1e-9));
        assertThat(plant.packCurrent_A()).isZero();
    }

    // ---- capacitor ---------------------------------------------------------------------------------------------------

    @Test
    void aChargedCapacitorHoldsTheDeadBus() {
        plant.setCapacitor(0.010, 0.005);
        assertThat(plant.capacitor_V()).isZero();
        plant.charger.set(58.4, 10);
        run(1, 0.1);
        assertThat(plant.capacitor_V()).isCloseTo(58.4, within(1e-6));
        plant.charger.off();
        plant.solve();
        assertThat(plant.bus_V()).isCloseTo(58.4, within(1e-6));
        assertThat(plant.packCurrent_A()).isZero();
    }

    @Test
    void aCapacitorAloneDischargesExponentiallyIntoAResistor() {
        plant.setCapacitor(0.010, 0.005);
        plant.charger.set(50, 10);
        run(1, 0.1);
        plant.charger.off();
        plant.setLoad(0, 0, 100); // RC = 1 s
        run(1, 0.01);
        assertThat(plant.capacitor_V()).isCloseTo(50 * Math.exp(-1), within(1e-6));
        assertThat(plant.bus_V()).isCloseTo(plant.capacitor_V(), within(0.2)); // solved at the last step's start
    }

    // ---- heater -------------------------------------------------------------------------------------------------------

    @Test
    void theHeaterDraws10AmperesFromABusFedByACharger() {
        assertThat(Plant.HEATER_A).isEqualTo(10.0);
        plant.charger.set(58.4, 30);
        plant.setHeater(true);
        plant.solve();
        assertThat(plant.heater_A()).isCloseTo(10, within(1e-9));
        // The charger delivers exactly the heater's 10 A through its internal resistance; the pack gets nothing.
        assertThat(plant.bus_V()).isCloseTo(58.4 - 10 * Source.INTERNAL_Ohm, within(1e-6));
        assertThat(plant.packCurrent_A()).isZero();
    }

    @Test
    void theHeaterRunsFromThePackThroughTheDischargePath() {
        plant.setDischargeMos(true);
        plant.setHeater(true);
        plant.solve();
        assertThat(plant.heater_A()).isCloseTo(10, within(1e-9));
        assertThat(plant.packCurrent_A()).isCloseTo(-10, within(1e-6));
        plant.setHeater(false);
        plant.solve();
        assertThat(plant.heater_A()).isZero();
        assertThat(plant.heaterOn()).isFalse();
    }

    @Test
    void theHeaterOnADeadBusDrawsNothing() {
        plant.setHeater(true);
        plant.solve();
        assertThat(plant.heater_A()).isZero();
    }

    // ---- balancer -----------------------------------------------------------------------------------------------------

    @Test
    void theBalancerMovesEnergyAtItsEfficiency() {
        plant.setBalancer(1, 2, 0.4);
        plant.solve();
        assertThat(plant.balanceSourceCell()).isEqualTo(1);
        assertThat(plant.balanceDestinationCell()).isEqualTo(2);
        assertThat(plant.balanceSource_A()).isEqualTo(0.4);
        double expected = 0.85 * pack.terminal_V(1) * 0.4 / pack.terminal_V(2);
        assertThat(plant.balanceDestination_A()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void balancingForAnHourConservesEnergyWithinTheLosses() {
        double stored0 = pack.storedEnergy_J();
        double soc1 = pack.soc_pct(1);
        double soc2 = pack.soc_pct(2);
        double soc3 = pack.soc_pct(3);
        plant.setBalancer(1, 2, 0.4);
        run(3600, 1.0);

        assertThat(plant.balancerIn_J()).isCloseTo(pack.terminal_V(1) * 0.4 * 3600, within(0.01 * 0.4 * 3600));
        assertThat(plant.balancerOut_J()).isCloseTo(0.85 * plant.balancerIn_J(), within(1e-9 * plant.balancerIn_J()));
        assertThat(plant.balancerLoss_J()).isCloseTo(0.15 * plant.balancerIn_J(), within(1e-9 * plant.balancerIn_J()));

        // Chemical energy each cell gave or took: ∫OCV dQ over its SOC change (linear OCV segment: midpoint is exact).
        double c_As = pack.capacity_Ah(1) * 3600;
        double d1 = chemical(soc1, pack.soc_pct(1), c_As);
        double d2 = chemical(soc2, pack.soc_pct(2), c_As);
        double d3 = chemical(soc3, pack.soc_pct(3), c_As); // a bystander: only the board's supply
        assertThat(d3).isNegative();
        double sourceGave = -(d1 - d3);
        double destinationGot = d2 - d3;
        assertThat(sourceGave).isCloseTo(plant.balancerIn_J(), within(0.01 * plant.balancerIn_J()));
        assertThat(destinationGot).isCloseTo(0.85 * sourceGave, within(0.01 * sourceGave));

        // The pack's stored energy fell by the balancer's heat, the cells' own heat and what the board consumed.
        double board_J = Plant.BOARD_ON_W * 3600;
        double decrease = stored0 - pack.storedEnergy_J();
        double losses = plant.balancerLoss_J() + plant.cellHeat_J() + board_J;
        assertThat(decrease).isCloseTo(losses, within(0.01 * losses));
        assertThat(plant.cellHeat_J()).isPositive();
    }

    private static double chemical(double socBefore, double socAfter, double capacity_As) {
        double mid = 0.5 * (socBefore + socAfter);
        return CellType.LFP.ocv_V(mid, 25) * (socAfter - socBefore) / 100 * capacity_As;
    }

    @Test
    void theBalancerHeatsTheMosNode() {
        plant.setLowPower(false);
        run(600, 1.0);
        double withoutBalancer = plant.mos_C();
        Plant other = new Plant(new Pack(new PackSpec(Chemistry.LFP, 16, 100, 55, 0, 0, 0, 3, 0, 60, 0)));
        other.setBalancer(4, 9, 0.4);
        for (int i = 0; i < 600; i++) {
            other.solve();
            other.advance(1.0);
        }
        // 0.15 × 3.3 V × 0.4 A ≈ 0.2 W more at 0.5 W/K: about 0.4 K warmer, after 600 s of a 120 s time constant.
        double lossW = 0.15 * other.pack().terminal_V(4) * 0.4;
        assertThat(other.mos_C() - withoutBalancer).isCloseTo(lossW / Plant.MOS_CONDUCTANCE_W_per_K, within(0.01));
    }

    @Test
    void theBalancerStopsInLowPowerAndForNonsenseCells() {
        plant.setBalancer(1, 1, 0.4);
        plant.solve();
        assertThat(plant.balanceDestination_A()).isZero();
        plant.setBalancer(1, 17, 0.4);
        plant.solve();
        assertThat(plant.balanceDestination_A()).isZero();
        assertThat(plant.balanceSourceCell()).isZero();
        plant.setBalancer(1, 2, 0.4);
        plant.setLowPower(true);
        plant.solve();
        assertThat(plant.balanceDestination_A()).isZero();
        assertThat(plant.balanceSource_A()).isZero();
    }

    // ---- thermal ------------------------------------------------------------------------------------------------------

    @Test
    void pathHeatDrivesTheMosNodeExponentiallyTowardAmbientPlusPOverK() {
        plant.setAmbient_C(20);
        plant.setMosTemperature_C(20);
        plant.setDischargeMos(true);
        plant.setLoad(100, 0, Double.POSITIVE_INFINITY);
        double p = 100 * 100 * Plant.PATH_Ohm + Plant.BOARD_ON_W;
        double k = Plant.MOS_CONDUCTANCE_W_per_K;
        double tau = Plant.MOS_HEAT_CAPACITY_J_per_K / k;
        double eq = 20 + p / k;
        for (int t = 1; t <= 600; t++) {
            plant.solve();
            plant.advance(1.0);
            if (t % 60 == 0) {
                assertThat(plant.mos_C()).as("t = %d s", t).isCloseTo(eq + (20 - eq) * Math.exp(-t / tau), within(1e-6));
            }
        }
        assertThat(plant.pathHeat_J()).isCloseTo(100 * 100 * Plant.PATH_Ohm * 600, within(1e-3));
    }

    @Test
    void mosfetsCarrying120AmperesWarmAbout25Kelvin() {
        plant.setDischargeMos(true);
        plant.setLoad(120, 0, Double.POSITIVE_INFINITY);
        run(3600, 1.0); // 30 time constants: at equilibrium
        assertThat(plant.mos_C() - plant.ambient_C()).isBetween(20.0, 30.0);
    }

    @Test
    void heaterPowerDrivesTheCellsExponentiallyTowardAmbientPlusPOverK() {
        plant.setAmbient_C(-10);
        plant.setCellTemperature_C(-10);
        plant.charger.set(58.4, 30);
        plant.setHeater(true);
        double k = 16 * 100 * Plant.CELL_CONDUCTANCE_W_per_K_per_Ah;
        double c = 16 * 100 * Plant.CELL_HEAT_CAPACITY_J_per_K_per_Ah;
        double p = 10 * (58.4 - 10 * Source.INTERNAL_Ohm);
        double eq = -10 + p / k;
        double tau = c / k;
        for (int t = 1; t <= 3000; t++) {
            plant.solve();
            plant.advance(1.0);
            if (t % 500 == 0) {
                assertThat(plant.cells_C()).as("t = %d s", t).isCloseTo(eq + (-10 - eq) * Math.exp(-t / tau), within(1e-3));
            }
        }
    }

    @Test
    void hotCellsCoolTowardAmbient() {
        plant.setAmbient_C(25);
        plant.setCellTemperature_C(45);
        double k = 16 * 100 * Plant.CELL_CONDUCTANCE_W_per_K_per_Ah;
        double tau = 16 * 100 * Plant.CELL_HEAT_CAPACITY_J_per_K_per_Ah / k;
        run(2500, 5.0);
        assertThat(plant.cells_C()).isCloseTo(25 + 20 * Math.exp(-2500 / tau), within(1e-3));
        // The cells' temperature feeds back into their resistance.
        assertThat(pack.temperature_C()).isEqualTo(plant.cells_C());
    }
}
