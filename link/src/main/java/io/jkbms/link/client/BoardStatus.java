package io.jkbms.link.client;

import io.jkbms.core.telemetry.Alarm;
import io.jkbms.core.telemetry.TemperatureReading;

import java.util.List;
import java.util.Set;

/**
 * A live reading from a board, the same whichever protocol carried it; current positive when charging. Where a
 * protocol does not carry a field it holds 0 / false / {@link TemperatureReading#ABSENT}, as listed per field: a
 * reader cannot tell "not carried" from "zero", so a UI showing a 4E57 board should hide the fields marked
 * "4E57: not carried".
 *
 * @param received_ms       wall-clock time the reading arrived (JK02: the cell-info frame; 4E57: the read-all reply)
 * @param cell_mV           one entry per cell the board measures (JK02: the enabled-cell mask; 4E57: 0x79)
 * @param mosTemperature    JK02: ABSENT when the board sends −200.0 °C ("no sensor"). 4E57 (0x80) has no "absent":
 *                          always a reading, in whole °C
 * @param temperatures      T1..T4 in order, then T5 on JK02_32S when the board reports one; a sensor the board
 *                          reports as absent is {@link TemperatureReading#ABSENT}, never left out. JK02_24S carries
 *                          T1 and T2 only (T3, T4 ABSENT). 4E57 carries T1 (0x81) and T2 (0x82) in whole °C, and a
 *                          count of sensors (0x86) but not which: T1..Tn are taken as fitted; T3, T4 ABSENT
 * @param balancing         JK02: the balancing byte is not 0; 4E57: status bit 2
 * @param balanceCurrent_mA JK02: signed balance current. 4E57: not carried, 0
 * @param alarms            from JK02's error bits or 4E57's warning bits (each maps only the bits that have an alarm)
 * @param remaining_mAh     JK02: remaining capacity. 4E57: not carried, 0 (SOC × full capacity is only an estimate)
 * @param fullCapacity_mAh  JK02_32S: the aged capacity the cell-info frame carries (protocols.md §5.5); JK02_24S: the
 *                          nominal capacity, the only one that layout carries; 4E57: actual capacity 0xB9, whole Ah
 * @param cycles            JK02: cycles; 4E57: 0x87
 * @param runtime_s         JK02: runtime; 4E57: 0xB6 in whole minutes × 60
 * @param heating           JK02_32S: the heating byte. JK02_24S and 4E57: not carried, false
 * @param emergency         JK02_32S: the emergency countdown is running. JK02_24S and 4E57: not carried, false
 * @param precharging       JK02: the precharge byte (and on 32S the precharging byte). 4E57: not carried, false
 */
public record BoardStatus(long received_ms, int packVoltage_mV, int current_mA, int soc_pct, List<Integer> cell_mV,
                          TemperatureReading mosTemperature, List<TemperatureReading> temperatures, boolean chargeMos,
                          boolean dischargeMos, boolean balancing, int balanceCurrent_mA, Set<Alarm> alarms,
                          long remaining_mAh, long fullCapacity_mAh, long cycles, long runtime_s, boolean heating,
                          boolean emergency, boolean precharging) {
    public BoardStatus {
        cell_mV = List.copyOf(cell_mV);
        java.util.Objects.requireNonNull(mosTemperature, "mosTemperature (use TemperatureReading.ABSENT)");
        temperatures = List.copyOf(temperatures);
        alarms = Set.copyOf(alarms);
    }
}
