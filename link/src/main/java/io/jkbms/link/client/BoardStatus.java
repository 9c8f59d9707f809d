package io.jkbms.link.client;

import io.jkbms.core.telemetry.Alarm;

import java.util.List;
import java.util.Set;

/**
 * A live reading from a board, the same whichever protocol carried it. Temperatures in 0.1 °C, the external sensors
 * first-to-last with absent ones left out; current positive when charging.
 */
public record BoardStatus(long received_ms, int packVoltage_mV, int current_mA, int soc_pct, List<Integer> cell_mV,
                          int mosTemperature_dC, List<Integer> temperatures_dC, boolean chargeMos, boolean dischargeMos,
                          boolean balancing, int balanceCurrent_mA, Set<Alarm> alarms) {
    public BoardStatus {
        cell_mV = List.copyOf(cell_mV);
        temperatures_dC = List.copyOf(temperatures_dC);
        alarms = Set.copyOf(alarms);
    }
}
