package io.jkbms.firmware;

import io.jkbms.core.board.BoardModel;

/**
 * The hardware as the firmware sees it: the analog front end, the short-circuit comparator, the wake inputs and the
 * outputs. A real board, the simulated board of the {@code sim} module and the scripted boards of the tests all
 * implement it. Reads return raw values (calibration is the firmware's job); they must not allocate.
 */
public interface Board {

    BoardModel model();

    // ---- measurements -------------------------------------------------------------------------------------------

    /** Raw cell channel voltages in mV (1 mV resolution), channel 1 at index 0; fills {@code model().maxCells()}
     *  entries. A channel with no cell connected reads below 1 V. */
    void readCellVoltages_mV(int[] out);

    /** Raw pack voltage B+ to B− in mV, from its own divider. */
    int readPackVoltage_mV();

    /** Voltage between P+ and P− in mV: the charger's or the load's side of the MOSFETs (charge activation uses it). */
    int readLoadVoltage_mV();

    /** Raw shunt current in mA, positive when charging. */
    int readCurrent_mA();

    /** Raw 12-bit ADC counts of a temperature input: 0 = MOS sensor (built in), 1..4 = external sensors. */
    int readTemperatureCounts(int channel);

    /** Measured balance-wire resistance of a cell channel (1-based) in mΩ, from the balancer's test pulse. */
    int readWireResistance_mOhm(int cell);

    /** The parallel module on the parallel port, if any. */
    ParallelStatus readParallelStatus();

    /** Whether a message arrived on the GPS port since the last call (a latch the call clears). */
    boolean gpsMessageReceived();

    // ---- wake inputs (latched; each call clears its latch) --------------------------------------------------------

    boolean buttonPressed();

    boolean displayWakeRequested();

    // ---- short-circuit comparator ---------------------------------------------------------------------------------

    /** Arms the hardware comparator: a discharge current above {@code threshold_mA} for {@code delay_us} opens the
     *  MOSFETs by itself, without waiting for the firmware, and latches. */
    void armShortCircuit(int threshold_mA, int delay_us);

    /** Whether the comparator has tripped since it was last cleared. */
    boolean shortCircuitTripped();

    void clearShortCircuit();

    // ---- outputs ----------------------------------------------------------------------------------------------------

    void setChargeMos(boolean on);

    void setDischargeMos(boolean on);

    /** The precharge path (a resistor around the discharge MOSFETs) for capacitive loads. */
    void setPrecharge(boolean on);

    /** Moves energy out of {@code sourceCell} into {@code destinationCell} (1-based) at {@code current_mA};
     *  {@code (0, 0, 0)} stops the balancer. */
    void setBalancer(int sourceCell, int destinationCell, int current_mA);

    /** The heating-film output (H models; 10 A). */
    void setHeater(boolean on);

    void setBuzzer(boolean on);

    void setParallelEnable(boolean on);

    /** Power for the display port's screen. */
    void setDisplayPower(boolean on);

    /** The board's own supply: true while asleep or shut down (it then draws almost nothing and only wakes). */
    void setLowPower(boolean lowPower);

    /** What the parallel port reports. */
    enum ParallelStatus {
        ABSENT,
        OK,
        FAULT
    }
}
