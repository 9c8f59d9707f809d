package io.jkbms.sim.board;

/**
 * How far the simulated board's measurements are off before calibration: a gain error on the pack voltage and on the
 * current, and a current offset. Zero by default ("calibrated sensors").
 */
public record SensorErrors(double packVoltageGain_pct, double currentGain_pct, double currentOffset_mA) {
    public static final SensorErrors NONE = new SensorErrors(0, 0, 0);
}
