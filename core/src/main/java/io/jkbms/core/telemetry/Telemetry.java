package io.jkbms.core.telemetry;

import java.util.List;
import java.util.Set;

/**
 * One snapshot of everything the APP's homepage shows, plus state and alarms. Current is positive when charging.
 * Cell arrays are 1 entry per configured cell (index 0 = cell 1); cell indexes elsewhere are 1-based.
 */
public record Telemetry(
        long time_ms,
        long runtime_s,
        PowerState power,
        int packVoltage_mV,
        int current_mA,
        long power_mW,
        int soc_pct,
        int remaining_mAh,
        int fullCapacity_mAh,
        int nominalCapacity_mAh,
        int cycles,
        long cycleCapacity_mAh,
        int soh_pct,
        int[] cell_mV,
        int[] wireResistance_mOhm,
        int maxCell,
        int minCell,
        int average_mV,
        int delta_mV,
        TemperatureReading mosTemperature,
        List<TemperatureReading> temperatures,
        boolean chargeMos,
        boolean dischargeMos,
        boolean precharging,
        BalancerStatus balancer,
        boolean heating,
        int heatingCurrent_mA,
        boolean emergency,
        int emergencyRemaining_s,
        boolean buzzer,
        boolean parallelEnable,
        int powerOnCount,
        Set<Alarm> alarms) {

    public Telemetry {
        cell_mV = cell_mV.clone();
        wireResistance_mOhm = wireResistance_mOhm.clone();
        temperatures = List.copyOf(temperatures);
        alarms = alarms.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(alarms));
    }

    /** Cell voltages (a copy). */
    @Override
    public int[] cell_mV() {
        return cell_mV.clone();
    }

    @Override
    public int[] wireResistance_mOhm() {
        return wireResistance_mOhm.clone();
    }

    public int cellCount() {
        return cell_mV.length;
    }

    public int cell_mV(int cell) {
        return cell_mV[cell - 1];
    }

    // Records compare arrays by identity; a snapshot equals another with the same values.
    @Override
    public boolean equals(Object o) {
        return o instanceof Telemetry t && toString().equals(t.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "Telemetry[time_ms=" + time_ms + ", runtime_s=" + runtime_s + ", power=" + power
                + ", packVoltage_mV=" + packVoltage_mV + ", current_mA=" + current_mA + ", power_mW=" + power_mW
                + ", soc_pct=" + soc_pct + ", remaining_mAh=" + remaining_mAh + ", fullCapacity_mAh=" + fullCapacity_mAh
                + ", nominalCapacity_mAh=" + nominalCapacity_mAh + ", cycles=" + cycles + ", cycleCapacity_mAh="
                + cycleCapacity_mAh + ", soh_pct=" + soh_pct + ", cell_mV=" + java.util.Arrays.toString(cell_mV)
                + ", wireResistance_mOhm=" + java.util.Arrays.toString(wireResistance_mOhm) + ", maxCell=" + maxCell
                + ", minCell=" + minCell + ", average_mV=" + average_mV + ", delta_mV=" + delta_mV
                + ", mosTemperature=" + mosTemperature + ", temperatures=" + temperatures + ", chargeMos=" + chargeMos
                + ", dischargeMos=" + dischargeMos + ", precharging=" + precharging + ", balancer=" + balancer
                + ", heating=" + heating + ", heatingCurrent_mA=" + heatingCurrent_mA + ", emergency=" + emergency
                + ", emergencyRemaining_s=" + emergencyRemaining_s + ", buzzer=" + buzzer + ", parallelEnable="
                + parallelEnable + ", powerOnCount=" + powerOnCount + ", alarms=" + alarms + "]";
    }

    public int max_mV() {
        return maxCell == 0 ? 0 : cell_mV[maxCell - 1];
    }

    public int min_mV() {
        return minCell == 0 ? 0 : cell_mV[minCell - 1];
    }
}
