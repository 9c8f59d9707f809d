package io.jkbms.firmware.sampling;

import io.jkbms.core.board.BoardModel;
import io.jkbms.core.telemetry.SensorStatus;

/**
 * What the firmware measured in the current control period, calibrated. One instance is reused every period (no
 * allocation in the control loop); read it only on the firmware's thread.
 */
public final class Measurements {
    /** Reported when no battery sensor gives a valid reading: never beyond any limit. */
    public static final int NO_TEMPERATURE_MAX = Integer.MIN_VALUE;
    public static final int NO_TEMPERATURE_MIN = Integer.MAX_VALUE;
    public static final int TEMPERATURE_CHANNELS = 1 + BoardModel.MAX_EXTERNAL_SENSORS;

    final int[] rawCell_mV;
    /** Calibrated, wire-compensated cell voltages; index 0 = cell 1; all channels of the board. */
    final int[] cell_mV;
    final int[] wireResistance_mOhm;
    final int[] temperature_dC = new int[TEMPERATURE_CHANNELS];
    final SensorStatus[] sensorStatus = new SensorStatus[TEMPERATURE_CHANNELS];

    int cellCount;
    int connectedCells;
    int cellCountErrors;
    int maxCell;
    int minCell;
    int max_mV;
    int min_mV;
    int average_mV;
    int delta_mV;
    int pack_mV;
    int load_mV;
    int current_mA;
    int maxBattery_dC = NO_TEMPERATURE_MAX;
    int minBattery_dC = NO_TEMPERATURE_MIN;
    int sensorFaults;
    int maxWireResistance_mOhm;
    int maxWireCell;
    boolean chargerPresent;

    public Measurements(int channels) {
        rawCell_mV = new int[channels];
        cell_mV = new int[channels];
        wireResistance_mOhm = new int[channels];
        java.util.Arrays.fill(sensorStatus, SensorStatus.ABSENT);
    }

    public int channels() {
        return cell_mV.length;
    }

    public int cell_mV(int cell) {
        return cell_mV[cell - 1];
    }

    public int wireResistance_mOhm(int cell) {
        return wireResistance_mOhm[cell - 1];
    }

    public int temperature_dC(int channel) {
        return temperature_dC[channel];
    }

    public SensorStatus sensorStatus(int channel) {
        return sensorStatus[channel];
    }

    /** Cells the settings say the pack has. */
    public int cellCount() {
        return cellCount;
    }

    /** Channels reading a plausible cell voltage (1..5 V). */
    public int connectedCells() {
        return connectedCells;
    }

    /** Channels that disagree with the cell-count setting: inside the count without a cell, plus outside it with one.
     *  A missing cell and an extra one (a connector one position off) do not cancel out. */
    public int cellCountErrors() {
        return cellCountErrors;
    }

    public int maxCell() {
        return maxCell;
    }

    public int minCell() {
        return minCell;
    }

    public int max_mV() {
        return max_mV;
    }

    public int min_mV() {
        return min_mV;
    }

    public int average_mV() {
        return average_mV;
    }

    public int delta_mV() {
        return delta_mV;
    }

    public int pack_mV() {
        return pack_mV;
    }

    public int load_mV() {
        return load_mV;
    }

    public int current_mA() {
        return current_mA;
    }

    public int mos_dC() {
        return temperature_dC[0];
    }

    public boolean mosValid() {
        return sensorStatus[0] == SensorStatus.OK;
    }

    /** Highest valid battery temperature, or {@link #NO_TEMPERATURE_MAX} when none. */
    public int maxBattery_dC() {
        return maxBattery_dC;
    }

    /** Lowest valid battery temperature, or {@link #NO_TEMPERATURE_MIN} when none. */
    public int minBattery_dC() {
        return minBattery_dC;
    }

    public int sensorFaults() {
        return sensorFaults;
    }

    public int maxWireResistance_mOhm() {
        return maxWireResistance_mOhm;
    }

    public int maxWireCell() {
        return maxWireCell;
    }

    public boolean chargerPresent() {
        return chargerPresent;
    }
}
