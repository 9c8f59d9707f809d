package io.jkbms.firmware.sampling;

import io.jkbms.core.settings.Settings;

import java.util.Arrays;

/**
 * The board's calibration: a gain on the pack-voltage reading, a gain and an offset on the current reading, and an
 * offset per cell channel. Gains are in parts per million (1 000 000 = unity). Immutable; calibrating makes a new one.
 */
public record Calibration(int packGain_ppm, int currentGain_ppm, int currentOffset_mA, int[] cellOffset_mV) {
    public static final int UNITY_ppm = 1_000_000;
    public static final Calibration NONE = new Calibration(UNITY_ppm, UNITY_ppm, 0, new int[Settings.WIRE_CHANNELS]);

    public Calibration {
        cellOffset_mV = Arrays.copyOf(cellOffset_mV, Settings.WIRE_CHANNELS);
    }

    @Override
    public int[] cellOffset_mV() {
        return cellOffset_mV.clone();
    }

    int cellOffset_mV(int cell) {
        return cellOffset_mV[cell - 1];
    }

    public int applyPack_mV(int raw_mV) {
        return (int) ((long) raw_mV * packGain_ppm / UNITY_ppm);
    }

    public int applyCurrent_mA(int raw_mA) {
        return (int) ((long) (raw_mA + currentOffset_mA) * currentGain_ppm / UNITY_ppm);
    }

    public Calibration withPackGain(int ppm) {
        return new Calibration(ppm, currentGain_ppm, currentOffset_mA, cellOffset_mV);
    }

    public Calibration withCurrent(int gain_ppm, int offset_mA) {
        return new Calibration(packGain_ppm, gain_ppm, offset_mA, cellOffset_mV);
    }

    public Calibration withCellOffset(int cell, int offset_mV) {
        int[] o = cellOffset_mV.clone();
        o[cell - 1] = offset_mV;
        return new Calibration(packGain_ppm, currentGain_ppm, currentOffset_mA, o);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Calibration c && c.packGain_ppm == packGain_ppm && c.currentGain_ppm == currentGain_ppm
                && c.currentOffset_mA == currentOffset_mA && Arrays.equals(c.cellOffset_mV, cellOffset_mV);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * packGain_ppm + currentGain_ppm) + currentOffset_mA) + Arrays.hashCode(cellOffset_mV);
    }

    @Override
    public String toString() {
        return "Calibration[pack " + packGain_ppm + " ppm, current " + currentGain_ppm + " ppm " + currentOffset_mA
                + " mA, cells " + Arrays.toString(cellOffset_mV) + " mV]";
    }
}
