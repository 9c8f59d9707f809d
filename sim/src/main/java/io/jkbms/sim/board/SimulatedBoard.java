package io.jkbms.sim.board;

import io.jkbms.core.board.BoardModel;
import io.jkbms.core.board.Ntc;
import io.jkbms.firmware.Board;
import io.jkbms.firmware.sampling.Measurements;
import io.jkbms.sim.cell.Pack;
import io.jkbms.sim.plant.Plant;

import java.util.SplittableRandom;

/**
 * The board's analog side over the simulated plant: what the firmware reads (with the ADC's resolution and noise, and
 * any faults injected) and what its outputs do to the physics.
 * <ul>
 *   <li>cells: 1 mV resolution, Gaussian noise of 1 mV clipped to ±3 mV (guide: ±3 mV accuracy); the balance current
 *       drops across the balance wires of the cells being balanced; channels above the pack read 0;</li>
 *   <li>pack voltage: 10 mV resolution; current: 10 mA resolution with 20 mA of noise; both with {@link SensorErrors};</li>
 *   <li>temperatures: the NTC counts of the true temperature (MOS node; T1 and T2 on the cells); T3 and T4 not fitted
 *       unless {@link #fitSensor};</li>
 *   <li>faults: an open balance wire (its channel reads 0, the next one both cells, its wire resistance far above
 *       any limit), an open or shorted temperature sensor.</li>
 * </ul>
 * The short-circuit comparator's state lives here; the {@link io.jkbms.sim.Simulation} decides, event-accurately, when
 * it trips.
 */
public final class SimulatedBoard implements Board {
    /** Wire resistance the board measures through an open balance wire. */
    public static final int OPEN_WIRE_mOhm = 9_999;

    private final BoardModel model;
    private final Plant plant;
    private final Pack pack;
    private final SplittableRandom noise;
    private SensorErrors errors = SensorErrors.NONE;

    private final boolean[] wireOpen;
    private final SensorFault[] sensorFault = new SensorFault[Measurements.TEMPERATURE_CHANNELS];
    /** MOS, T1, T2 fitted; T3 and T4 (the optional expansion) not. */
    private final boolean[] fitted = {true, true, true, false, false};

    private boolean button;
    private boolean display;
    private boolean gpsMessage;
    private ParallelStatus parallel = ParallelStatus.ABSENT;

    private int scpThreshold_mA = Integer.MAX_VALUE;
    private int scpDelay_us;
    private boolean scpLatched;

    private boolean buzzer;
    private boolean parallelEnable;
    private boolean displayPower;

    /** Sensor states a test or scenario can force. */
    public enum SensorFault { NONE, OPEN, SHORTED }

    public SimulatedBoard(BoardModel model, Plant plant, long seed) {
        if (plant.pack().cells() > model.maxCells()) {
            throw new IllegalArgumentException(model.name() + " has " + model.maxCells() + " cell channels, the pack "
                    + plant.pack().cells() + " cells");
        }
        this.model = model;
        this.plant = plant;
        this.pack = plant.pack();
        this.noise = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.wireOpen = new boolean[model.maxCells()];
        java.util.Arrays.fill(sensorFault, SensorFault.NONE);
    }

    // ---- scenario controls ------------------------------------------------------------------------------------------

    public void setSensorErrors(SensorErrors e) {
        errors = e;
    }

    public void setWireOpen(int cell, boolean open) {
        wireOpen[cell - 1] = open;
    }

    public boolean wireOpen(int cell) {
        return wireOpen[cell - 1];
    }

    /** Channel 0 is the MOS sensor, 1..4 are T1..T4. */
    public SensorFault sensorFault(int channel) {
        return sensorFault[channel];
    }

    public void setSensorFault(int channel, SensorFault f) {
        sensorFault[channel] = f;
    }

    public void fitSensor(int channel, boolean fit) {
        fitted[channel] = fit;
    }

    public void pressButton() {
        button = true;
    }

    public void pressDisplay() {
        display = true;
    }

    public void gpsMessage() {
        gpsMessage = true;
    }

    public void setParallel(ParallelStatus s) {
        parallel = s;
    }

    public int scpThreshold_mA() {
        return scpThreshold_mA;
    }

    public int scpDelay_us() {
        return scpDelay_us;
    }

    /** The comparator trips: the hardware opens the MOSFETs now, whatever the firmware commands. */
    public void tripComparator() {
        scpLatched = true;
        plant.setScpLatched(true);
    }

    public boolean buzzer() {
        return buzzer;
    }

    public boolean parallelEnable() {
        return parallelEnable;
    }

    public boolean displayPower() {
        return displayPower;
    }

    // ---- Board: measurements ----------------------------------------------------------------------------------------

    @Override
    public BoardModel model() {
        return model;
    }

    @Override
    public void readCellVoltages_mV(int[] out) {
        int n = pack.cells();
        for (int ch = 1; ch <= out.length; ch++) {
            if (ch > n) {
                out[ch - 1] = 0;
                continue;
            }
            double v = pack.terminal_V(ch);
            if (ch == plant.balanceSourceCell()) {
                v -= plant.balanceSource_A() * pack.wire_Ohm(ch);
            } else if (ch == plant.balanceDestinationCell()) {
                v += plant.balanceDestination_A() * pack.wire_Ohm(ch);
            }
            double n1 = Math.max(-3, Math.min(3, noise.nextGaussian()));
            if (wireOpen[ch - 1]) {
                out[ch - 1] = 0; // nothing connected to the ADC input
                continue;
            } else if (ch > 1 && wireOpen[ch - 2]) {
                v += pack.terminal_V(ch - 1); // the sense wire below is open: this channel spans both cells
            }
            out[ch - 1] = (int) Math.round(v * 1000.0 + n1);
        }
    }

    @Override
    public int readPackVoltage_mV() {
        double v = plant.packVoltage_V() * (1 + errors.packVoltageGain_pct() / 100.0);
        return (int) (Math.round((v * 1000.0 + noise.nextGaussian() * 5) / 10.0) * 10);
    }

    @Override
    public int readLoadVoltage_mV() {
        return (int) Math.round(plant.bus_V() * 1000.0);
    }

    @Override
    public int readCurrent_mA() {
        double mA = plant.packCurrent_A() * 1000.0 * (1 + errors.currentGain_pct() / 100.0) + errors.currentOffset_mA()
                + noise.nextGaussian() * 20;
        return (int) (Math.round(mA / 10.0) * 10);
    }

    @Override
    public int readTemperatureCounts(int channel) {
        if (!fitted[channel] || sensorFault[channel] == SensorFault.OPEN) {
            return Ntc.ADC_FULL_SCALE;
        }
        if (sensorFault[channel] == SensorFault.SHORTED) {
            return 0;
        }
        double t = channel == 0 ? plant.mos_C() : plant.cells_C();
        return Ntc.toCounts(t) + (int) Math.round(Math.max(-1, Math.min(1, noise.nextGaussian() * 0.5)));
    }

    @Override
    public int readWireResistance_mOhm(int cell) {
        if (cell > pack.cells()) {
            return 0;
        }
        if (wireOpen[cell - 1]) {
            return OPEN_WIRE_mOhm;
        }
        return (int) Math.round(pack.wire_Ohm(cell) * 1000.0);
    }

    @Override
    public ParallelStatus readParallelStatus() {
        return parallel;
    }

    @Override
    public boolean gpsMessageReceived() {
        boolean g = gpsMessage;
        gpsMessage = false;
        return g;
    }

    @Override
    public boolean buttonPressed() {
        boolean b = button;
        button = false;
        return b;
    }

    @Override
    public boolean displayWakeRequested() {
        boolean d = display;
        display = false;
        return d;
    }

    // ---- Board: comparator ------------------------------------------------------------------------------------------

    @Override
    public void armShortCircuit(int threshold_mA, int delay_us) {
        scpThreshold_mA = threshold_mA;
        scpDelay_us = delay_us;
    }

    @Override
    public boolean shortCircuitTripped() {
        return scpLatched;
    }

    @Override
    public void clearShortCircuit() {
        scpLatched = false;
        plant.setScpLatched(false);
    }

    // ---- Board: outputs -----------------------------------------------------------------------------------------------

    @Override
    public void setChargeMos(boolean on) {
        plant.setChargeMos(on);
    }

    @Override
    public void setDischargeMos(boolean on) {
        plant.setDischargeMos(on);
    }

    @Override
    public void setPrecharge(boolean on) {
        plant.setPrecharge(on);
    }

    @Override
    public void setBalancer(int sourceCell, int destinationCell, int current_mA) {
        plant.setBalancer(sourceCell, destinationCell, current_mA / 1000.0);
    }

    @Override
    public void setHeater(boolean on) {
        plant.setHeater(on && model.has(io.jkbms.core.board.BoardFunction.HEATING));
    }

    @Override
    public void setBuzzer(boolean on) {
        buzzer = on;
    }

    @Override
    public void setParallelEnable(boolean on) {
        parallelEnable = on;
    }

    @Override
    public void setDisplayPower(boolean on) {
        displayPower = on;
    }

    @Override
    public void setLowPower(boolean lowPower) {
        plant.setLowPower(lowPower);
    }
}
