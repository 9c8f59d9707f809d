package io.jkbms.sim.board;

import io.jkbms.core.board.BoardModel;
import io.jkbms.core.board.Chemistry;
import io.jkbms.core.board.Ntc;
import io.jkbms.sim.cell.Pack;
import io.jkbms.sim.cell.PackSpec;
import io.jkbms.sim.plant.Plant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** What the firmware reads from the simulated board, and what its outputs do to the plant. */
class SimulatedBoardTest {
    private static final int READS = 2000;

    private Pack pack;
    private Plant plant;
    private SimulatedBoard board;

    @BeforeEach
    void setUp() {
        // 16 LFP cells with a SOC spread, so the channels differ; on a 24-channel board.
        pack = new Pack(new PackSpec(Chemistry.LFP, 16, 100, 50, 10, 3, 10, 5, 3, 60, 10));
        plant = new Plant(pack);
        board = new SimulatedBoard(BoardModel.parse("JK-BD4A24S-12P"), plant, 11);
        plant.solve();
    }

    private int[] readCells() {
        int[] out = new int[board.model().maxCells()];
        board.readCellVoltages_mV(out);
        return out;
    }

    // ---- cells --------------------------------------------------------------------------------------------------------

    @Test
    void cellReadingsAreWithin3MillivoltsOfTheTerminalVoltage() {
        double[] sum = new double[16];
        Set<Integer> seen = new HashSet<>();
        for (int k = 0; k < READS; k++) {
            int[] mV = readCells();
            for (int c = 1; c <= 16; c++) {
                double true_mV = pack.terminal_V(c) * 1000;
                assertThat(Math.abs(mV[c - 1] - Math.round(true_mV))).as("cell %d", c).isLessThanOrEqualTo(3);
                assertThat(Math.abs(mV[c - 1] - true_mV)).isLessThan(3.5 + 1e-9);
                sum[c - 1] += mV[c - 1];
            }
            seen.add(mV[0]);
        }
        for (int c = 1; c <= 16; c++) {
            // Noise without bias: the mean of many reads is the true voltage.
            assertThat(sum[c - 1] / READS).isCloseTo(pack.terminal_V(c) * 1000, within(0.3));
        }
        // There is noise (1 mV): the readings are not all the same.
        assertThat(seen.size()).isGreaterThan(2);
    }

    @Test
    void channelsAboveThePackReadZero() {
        for (int k = 0; k < 100; k++) {
            int[] mV = readCells();
            assertThat(mV).hasSize(24);
            for (int ch = 17; ch <= 24; ch++) {
                assertThat(mV[ch - 1]).isZero();
            }
        }
        assertThat(board.readWireResistance_mOhm(20)).isZero();
    }

    @Test
    void theBalanceCurrentDropsAcrossTheBalanceWires() {
        board.setBalancer(3, 9, 400);
        plant.solve();
        double drop3 = 0.4 * pack.wire_Ohm(3) * 1000;
        double rise9 = plant.balanceDestination_A() * pack.wire_Ohm(9) * 1000;
        double s3 = 0;
        double s9 = 0;
        for (int k = 0; k < READS; k++) {
            int[] mV = readCells();
            s3 += mV[2];
            s9 += mV[8];
        }
        // The source reads low and the destination high by I × R_wire (about 24 mV at 0.4 A and 60 mΩ).
        assertThat(s3 / READS).isCloseTo(pack.terminal_V(3) * 1000 - drop3, within(0.3));
        assertThat(s9 / READS).isCloseTo(pack.terminal_V(9) * 1000 + rise9, within(0.3));
        assertThat(drop3).isBetween(15.0, 30.0);
    }

    @Test
    void anOpenBalanceWireReadsZeroOnItsChannel() {
        // The class documents it (and the faults-tour example relies on it): the open channel reads 0, every time; a
        // raw cell ADC has no negative codes.
        board.setWireOpen(5, true);
        for (int k = 0; k < READS; k++) {
            int[] mV = readCells();
            assertThat(mV[4]).as("channel 5, read %d", k).isZero();
        }
    }

    @Test
    void theChannelAboveAnOpenWireSpansBothCellsAndTheWireReadsOpen() {
        board.setWireOpen(5, true);
        double sum6 = 0;
        for (int k = 0; k < READS; k++) {
            int[] mV = readCells();
            // Whatever the open channel shows, it is no plausible cell voltage (the Board contract: below 1 V).
            assertThat(mV[4]).isLessThan(1000);
            double both_mV = (pack.terminal_V(5) + pack.terminal_V(6)) * 1000;
            assertThat(Math.abs(mV[5] - both_mV)).isLessThan(3.5 + 1e-9);
            sum6 += mV[5];
            // The others are unaffected.
            assertThat(Math.abs(mV[3] - pack.terminal_V(4) * 1000)).isLessThan(3.5 + 1e-9);
            assertThat(Math.abs(mV[6] - pack.terminal_V(7) * 1000)).isLessThan(3.5 + 1e-9);
        }
        assertThat(sum6 / READS).isCloseTo((pack.terminal_V(5) + pack.terminal_V(6)) * 1000, within(0.3));
        assertThat(board.readWireResistance_mOhm(5)).isEqualTo(SimulatedBoard.OPEN_WIRE_mOhm);
        assertThat(board.readWireResistance_mOhm(6)).isEqualTo((int) Math.round(pack.wire_Ohm(6) * 1000));

        board.setWireOpen(5, false);
        int[] mV = readCells();
        assertThat(Math.abs(mV[4] - pack.terminal_V(5) * 1000)).isLessThan(3.5 + 1e-9);
        assertThat(board.readWireResistance_mOhm(5)).isEqualTo((int) Math.round(pack.wire_Ohm(5) * 1000));
    }

    @Test
    void wireResistanceIsTheCellsBalanceWire() {
        for (int c = 1; c <= 16; c++) {
            assertThat(board.readWireResistance_mOhm(c)).isEqualTo((int) Math.round(pack.wire_Ohm(c) * 1000))
                    .isBetween(54, 66);
        }
    }

    // ---- pack voltage and current ----------------------------------------------------------------------------------

    @Test
    void packVoltageHas10MillivoltResolution() {
        double true_mV = plant.packVoltage_V() * 1000;
        double sum = 0;
        for (int k = 0; k < READS; k++) {
            int v = board.readPackVoltage_mV();
            assertThat(v % 10).isZero();
            assertThat((double) v).isCloseTo(true_mV, within(40.0));
            sum += v;
        }
        assertThat(sum / READS).isCloseTo(true_mV, within(1.0));
    }

    @Test
    void packVoltageGainErrorApplies() {
        board.setSensorErrors(new SensorErrors(1.0, 0, 0));
        double expected = plant.packVoltage_V() * 1000 * 1.01;
        double sum = 0;
        for (int k = 0; k < READS; k++) {
            sum += board.readPackVoltage_mV();
        }
        assertThat(sum / READS).isCloseTo(expected, within(1.0));
    }

    @Test
    void currentHas10MilliampereResolutionAndTheSignOfCharging() {
        board.setDischargeMos(true);
        plant.setLoad(20, 0, Double.POSITIVE_INFINITY);
        plant.solve();
        double sum = 0;
        for (int k = 0; k < READS; k++) {
            int mA = board.readCurrent_mA();
            assertThat(mA % 10).isZero();
            assertThat((double) mA).isCloseTo(-20_000, within(150.0));
            sum += mA;
        }
        assertThat(sum / READS).isCloseTo(-20_000, within(2.0));
    }

    @Test
    void currentGainAndOffsetErrorsApply() {
        board.setSensorErrors(new SensorErrors(0, 2.0, 100));
        board.setChargeMos(true);
        plant.charger.set(58.4, 30);
        plant.solve();
        double sum = 0;
        for (int k = 0; k < READS; k++) {
            sum += board.readCurrent_mA();
        }
        // 30 A × 1.02 + 100 mA.
        assertThat(sum / READS).isCloseTo(30_000 * 1.02 + 100, within(2.0));
    }

    @Test
    void loadVoltageIsTheBus() {
        plant.charger.set(58.4, 30);
        plant.solve();
        assertThat(board.readLoadVoltage_mV()).isEqualTo(58_400);
        plant.charger.off();
        plant.solve();
        assertThat(board.readLoadVoltage_mV()).isZero();
    }

    // ---- temperatures ---------------------------------------------------------------------------------------------------

    @Test
    void temperaturesReadTheNodesThroughTheNtc() {
        plant.setMosTemperature_C(60);
        plant.setCellTemperature_C(10);
        for (int k = 0; k < 200; k++) {
            assertThat(board.readTemperatureCounts(0)).isCloseTo(Ntc.toCounts(60), within(1));
            assertThat(board.readTemperatureCounts(1)).isCloseTo(Ntc.toCounts(10), within(1));
            assertThat(board.readTemperatureCounts(2)).isCloseTo(Ntc.toCounts(10), within(1));
        }
        // Converted back by the firmware's table: within a few tenths of a degree.
        assertThat(Ntc.toDeciCelsius(board.readTemperatureCounts(0))).isCloseTo(600, within(5));
    }

    @Test
    void anOpenSensorReadsFullScaleAndAShortedOneZero() {
        board.setSensorFault(1, SimulatedBoard.SensorFault.OPEN);
        board.setSensorFault(2, SimulatedBoard.SensorFault.SHORTED);
        board.setSensorFault(0, SimulatedBoard.SensorFault.SHORTED);
        for (int k = 0; k < 50; k++) {
            assertThat(board.readTemperatureCounts(1)).isEqualTo(Ntc.ADC_FULL_SCALE);
            assertThat(board.readTemperatureCounts(2)).isZero();
            assertThat(board.readTemperatureCounts(0)).isZero();
        }
        board.setSensorFault(1, SimulatedBoard.SensorFault.NONE);
        assertThat(board.readTemperatureCounts(1)).isCloseTo(Ntc.toCounts(25), within(1));
    }

    @Test
    void optionalSensors3And4ReadFullScaleUnlessFitted() {
        assertThat(board.readTemperatureCounts(3)).isEqualTo(Ntc.ADC_FULL_SCALE);
        assertThat(board.readTemperatureCounts(4)).isEqualTo(Ntc.ADC_FULL_SCALE);
        board.fitSensor(3, true);
        assertThat(board.readTemperatureCounts(3)).isCloseTo(Ntc.toCounts(25), within(1));
        assertThat(board.readTemperatureCounts(4)).isEqualTo(Ntc.ADC_FULL_SCALE);
        board.fitSensor(3, false);
        assertThat(board.readTemperatureCounts(3)).isEqualTo(Ntc.ADC_FULL_SCALE);
    }

    // ---- wake latches ---------------------------------------------------------------------------------------------------

    @Test
    void wakeLatchesClearAfterBeingRead() {
        assertThat(board.buttonPressed()).isFalse();
        board.pressButton();
        assertThat(board.buttonPressed()).isTrue();
        assertThat(board.buttonPressed()).isFalse();

        board.pressDisplay();
        assertThat(board.displayWakeRequested()).isTrue();
        assertThat(board.displayWakeRequested()).isFalse();

        board.gpsMessage();
        assertThat(board.gpsMessageReceived()).isTrue();
        assertThat(board.gpsMessageReceived()).isFalse();
        // Reading one latch does not clear another.
        board.pressButton();
        board.pressDisplay();
        assertThat(board.displayWakeRequested()).isTrue();
        assertThat(board.buttonPressed()).isTrue();
    }

    // ---- comparator and outputs -----------------------------------------------------------------------------------

    @Test
    void theComparatorLatchOpensThePlantsPathsUntilCleared() {
        board.armShortCircuit(500_000, 5);
        assertThat(board.scpThreshold_mA()).isEqualTo(500_000);
        assertThat(board.scpDelay_us()).isEqualTo(5);
        board.setChargeMos(true);
        board.setDischargeMos(true);
        plant.setLoad(30, 0, Double.POSITIVE_INFINITY);
        plant.solve();
        assertThat(plant.packCurrent_A()).isCloseTo(-30, within(1e-6));

        board.tripComparator();
        assertThat(board.shortCircuitTripped()).isTrue();
        assertThat(plant.dischargePathOpen()).isFalse();
        assertThat(plant.chargePathOpen()).isFalse();
        plant.solve();
        assertThat(plant.packCurrent_A()).isZero();
        // The firmware's commands do not override the latch.
        board.setDischargeMos(true);
        plant.solve();
        assertThat(plant.packCurrent_A()).isZero();
        assertThat(board.shortCircuitTripped()).isTrue();

        board.clearShortCircuit();
        assertThat(board.shortCircuitTripped()).isFalse();
        assertThat(plant.dischargePathOpen()).isTrue();
        assertThat(plant.chargePathOpen()).isTrue();
        plant.solve();
        assertThat(plant.packCurrent_A()).isCloseTo(-30, within(1e-6));
    }

    @Test
    void theHeaterOutputNeedsAnHModel() {
        board.setHeater(true);
        assertThat(plant.heaterOn()).isFalse();
        SimulatedBoard h = new SimulatedBoard(BoardModel.parse("JK-BD4A24S-12PH"), plant, 1);
        h.setHeater(true);
        assertThat(plant.heaterOn()).isTrue();
        h.setHeater(false);
        assertThat(plant.heaterOn()).isFalse();
    }

    @Test
    void outputsReachThePlant() {
        board.setBalancer(2, 7, 400);
        plant.solve();
        assertThat(plant.balanceSourceCell()).isEqualTo(2);
        assertThat(plant.balanceDestinationCell()).isEqualTo(7);
        assertThat(plant.balanceSource_A()).isEqualTo(0.4);
        board.setBalancer(0, 0, 0);
        plant.solve();
        assertThat(plant.balanceDestination_A()).isZero();

        board.setBuzzer(true);
        board.setParallelEnable(true);
        board.setDisplayPower(true);
        assertThat(board.buzzer()).isTrue();
        assertThat(board.parallelEnable()).isTrue();
        assertThat(board.displayPower()).isTrue();

        board.setDischargeMos(true);
        board.setLowPower(true);
        assertThat(plant.dischargePathOpen()).isFalse();
        board.setLowPower(false);
        assertThat(plant.dischargePathOpen()).isTrue();
    }

    @Test
    void aPackWithMoreCellsThanChannelsIsRefused() {
        Plant big = new Plant(new Pack(PackSpec.of(Chemistry.LFP, 21, 100, 50)));
        assertThatThrownBy(() -> new SimulatedBoard(BoardModel.parse("JK-BD4A20S-12P"), big, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("20").hasMessageContaining("21");
    }

    @Test
    void theSameSeedGivesTheSameNoise() {
        SimulatedBoard a = new SimulatedBoard(BoardModel.parse("JK-BD4A24S-12P"), plant, 77);
        SimulatedBoard b = new SimulatedBoard(BoardModel.parse("JK-BD4A24S-12P"), plant, 77);
        int[] x = new int[24];
        int[] y = new int[24];
        for (int k = 0; k < 50; k++) {
            a.readCellVoltages_mV(x);
            b.readCellVoltages_mV(y);
            assertThat(x).containsExactly(y);
            assertThat(a.readPackVoltage_mV()).isEqualTo(b.readPackVoltage_mV());
        }
    }
}
