package io.jkbms.firmware;

import io.jkbms.core.board.BoardModel;
import io.jkbms.core.board.Ntc;

import java.util.Arrays;

/**
 * A board whose measurements a test sets directly and whose outputs it reads back: the hardware emulated so the
 * firmware's logic runs in CI. Temperatures are given in °C and turned into the NTC counts a real board would read.
 */
public final class ScriptedBoard implements Board {
    private final BoardModel model;
    private final int[] cell_mV;
    private int pack_mV = -1;
    private int load_mV;
    private int current_mA;
    private final int[] tempCounts = new int[5];
    private final int[] wire_mOhm;
    private ParallelStatus parallel = ParallelStatus.ABSENT;
    private boolean gpsMessage;
    private boolean button;
    private boolean display;

    private int scpThreshold_mA;
    private int scpDelay_us;
    private boolean scpLatched;

    public boolean chargeMos;
    public boolean dischargeMos;
    public boolean precharge;
    public int balanceSource;
    public int balanceDestination;
    public int balance_mA;
    public boolean heater;
    public boolean buzzer;
    public boolean parallelEnable;
    public boolean displayPower;
    public boolean lowPower;
    public int wireReads;

    public ScriptedBoard(BoardModel model, int cells, int cell_mV) {
        this.model = model;
        this.cell_mV = new int[model.maxCells()];
        this.wire_mOhm = new int[model.maxCells()];
        Arrays.fill(this.cell_mV, 0, cells, cell_mV);
        Arrays.fill(this.wire_mOhm, 0, cells, 60);
        setTemperatures_C(25, 25, 25);
        tempCounts[3] = Ntc.ADC_FULL_SCALE; // optional sensors 3 and 4 not fitted
        tempCounts[4] = Ntc.ADC_FULL_SCALE;
    }

    public static ScriptedBoard lfp16(String model) {
        return new ScriptedBoard(BoardModel.parse(model), 16, 3300);
    }

    // ---- script -------------------------------------------------------------------------------------------------

    public ScriptedBoard cells(int mV) {
        for (int i = 0; i < cell_mV.length; i++) {
            if (cell_mV[i] > 0) {
                cell_mV[i] = mV;
            }
        }
        return this;
    }

    public ScriptedBoard cell(int cell, int mV) {
        cell_mV[cell - 1] = mV;
        return this;
    }

    public int cell(int cell) {
        return cell_mV[cell - 1];
    }

    /** Sets the pack-voltage divider's reading; by default it is the sum of the cells. */
    public ScriptedBoard pack(int mV) {
        pack_mV = mV;
        return this;
    }

    public ScriptedBoard load(int mV) {
        load_mV = mV;
        return this;
    }

    public ScriptedBoard current(int mA) {
        current_mA = mA;
        return this;
    }

    /** MOS, T1, T2. */
    public ScriptedBoard setTemperatures_C(double mos, double t1, double t2) {
        tempCounts[0] = Ntc.toCounts(mos);
        tempCounts[1] = Ntc.toCounts(t1);
        tempCounts[2] = Ntc.toCounts(t2);
        return this;
    }

    public ScriptedBoard temperature_C(int channel, double c) {
        tempCounts[channel] = Ntc.toCounts(c);
        return this;
    }

    public ScriptedBoard sensorOpen(int channel) {
        tempCounts[channel] = Ntc.ADC_FULL_SCALE;
        return this;
    }

    public ScriptedBoard sensorShorted(int channel) {
        tempCounts[channel] = 0;
        return this;
    }

    public ScriptedBoard wire(int cell, int mOhm) {
        wire_mOhm[cell - 1] = mOhm;
        return this;
    }

    public ScriptedBoard parallel(ParallelStatus s) {
        parallel = s;
        return this;
    }

    public ScriptedBoard gpsMessage() {
        gpsMessage = true;
        return this;
    }

    public ScriptedBoard pressButton() {
        button = true;
        return this;
    }

    public ScriptedBoard pressDisplay() {
        display = true;
        return this;
    }

    /** The comparator sees a short: like the hardware, it opens the MOSFETs itself and latches. */
    public ScriptedBoard shortCircuit() {
        scpLatched = true;
        chargeMos = false;
        dischargeMos = false;
        return this;
    }

    public int scpThreshold_mA() {
        return scpThreshold_mA;
    }

    public int scpDelay_us() {
        return scpDelay_us;
    }

    public boolean scpLatched() {
        return scpLatched;
    }

    // ---- Board --------------------------------------------------------------------------------------------------

    @Override
    public BoardModel model() {
        return model;
    }

    /** The scripted cell voltages as the ADC sees them: the balance current drops across the balance wires of the
     *  two cells being balanced, as on a real board. */
    @Override
    public void readCellVoltages_mV(int[] out) {
        System.arraycopy(cell_mV, 0, out, 0, cell_mV.length);
        if (balance_mA > 0 && balanceSource > 0 && balanceDestination > 0) {
            out[balanceSource - 1] -= balance_mA * wire_mOhm[balanceSource - 1] / 1000;
            out[balanceDestination - 1] += balance_mA * wire_mOhm[balanceDestination - 1] / 1000;
        }
    }

    @Override
    public int readPackVoltage_mV() {
        if (pack_mV >= 0) {
            return pack_mV;
        }
        int sum = 0;
        for (int v : cell_mV) {
            sum += v;
        }
        return sum;
    }

    @Override
    public int readLoadVoltage_mV() {
        return load_mV;
    }

    @Override
    public int readCurrent_mA() {
        return current_mA;
    }

    @Override
    public int readTemperatureCounts(int channel) {
        return tempCounts[channel];
    }

    @Override
    public int readWireResistance_mOhm(int cell) {
        wireReads++;
        return wire_mOhm[cell - 1];
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
    }

    @Override
    public void setChargeMos(boolean on) {
        chargeMos = on;
    }

    @Override
    public void setDischargeMos(boolean on) {
        dischargeMos = on;
    }

    @Override
    public void setPrecharge(boolean on) {
        precharge = on;
    }

    @Override
    public void setBalancer(int sourceCell, int destinationCell, int current_mA) {
        balanceSource = sourceCell;
        balanceDestination = destinationCell;
        balance_mA = current_mA;
    }

    @Override
    public void setHeater(boolean on) {
        heater = on;
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
        this.lowPower = lowPower;
    }
}
