package io.jkbms.core.telemetry;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TelemetryTest {

    private static Telemetry telemetry(int[] cells, int[] wires, List<TemperatureReading> temps, Set<Alarm> alarms,
                                       int maxCell, int minCell) {
        return new Telemetry(1_000L, 3_600L, PowerState.ON, 52_800, -12_000, -633_600L, 76, 76_000, 100_000, 100_000,
                3, 300_000L, 100, cells, wires, maxCell, minCell, 3_300, 20,
                new TemperatureReading(SensorStatus.OK, 312), temps, true, true, false, BalancerStatus.IDLE, false, 0,
                false, 0, false, true, 1, alarms);
    }

    private static Telemetry sample() {
        int[] cells = {3300, 3310, 3290, 3305};
        return telemetry(cells, new int[]{10, 11, 12, 13},
                List.of(new TemperatureReading(SensorStatus.OK, 234), TemperatureReading.ABSENT),
                EnumSet.of(Alarm.CELL_DELTA), 2, 3);
    }

    @Test
    void cellArrayPassedInIsCopied() {
        int[] cells = {3300, 3310, 3290};
        int[] wires = {5, 6, 7};
        Telemetry t = telemetry(cells, wires, List.of(), Set.of(), 2, 3);
        cells[0] = 0;
        wires[0] = 999;
        assertThat(t.cell_mV()).containsExactly(3300, 3310, 3290);
        assertThat(t.wireResistance_mOhm()).containsExactly(5, 6, 7);
        assertThat(t.cell_mV(1)).isEqualTo(3300);
    }

    @Test
    void cellArrayReturnedIsACopy() {
        Telemetry t = sample();
        t.cell_mV()[0] = 0;
        t.wireResistance_mOhm()[0] = 999;
        assertThat(t.cell_mV()).containsExactly(3300, 3310, 3290, 3305);
        assertThat(t.wireResistance_mOhm()).containsExactly(10, 11, 12, 13);
        assertThat(t.cell_mV()).isNotSameAs(t.cell_mV());
    }

    @Test
    void temperaturesAndAlarmsAreCopiedAndUnmodifiable() {
        List<TemperatureReading> temps = new ArrayList<>(List.of(new TemperatureReading(SensorStatus.OK, 250)));
        EnumSet<Alarm> alarms = EnumSet.of(Alarm.CELL_OVP);
        Telemetry t = telemetry(new int[]{3300}, new int[]{0}, temps, alarms, 1, 1);
        temps.add(TemperatureReading.ABSENT);
        alarms.add(Alarm.SCP);
        assertThat(t.temperatures()).containsExactly(new TemperatureReading(SensorStatus.OK, 250));
        assertThat(t.alarms()).containsExactly(Alarm.CELL_OVP);
        assertThatThrownBy(() -> t.temperatures().add(TemperatureReading.ABSENT)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> t.alarms().add(Alarm.SCP)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void noAlarmsIsAnEmptyUnmodifiableSet() {
        Telemetry t = telemetry(new int[]{3300}, new int[]{0}, List.of(), EnumSet.noneOf(Alarm.class), 1, 1);
        assertThat(t.alarms()).isEmpty();
        assertThatThrownBy(() -> t.alarms().add(Alarm.LOW_SOC)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void cellHelpersAreOneBased() {
        Telemetry t = sample();
        assertThat(t.cellCount()).isEqualTo(4);
        assertThat(t.cell_mV(1)).isEqualTo(3300);
        assertThat(t.cell_mV(4)).isEqualTo(3305);
        assertThat(t.max_mV()).isEqualTo(3310);
        assertThat(t.min_mV()).isEqualTo(3290);
    }

    @Test
    void noCellsMeansNoMaxOrMin() {
        Telemetry t = telemetry(new int[0], new int[0], List.of(), Set.of(), 0, 0);
        assertThat(t.cellCount()).isZero();
        assertThat(t.max_mV()).isZero();
        assertThat(t.min_mV()).isZero();
    }

    @Test
    void scalarComponentsAreKept() {
        Telemetry t = sample();
        assertThat(t.time_ms()).isEqualTo(1_000L);
        assertThat(t.power()).isEqualTo(PowerState.ON);
        assertThat(t.current_mA()).isEqualTo(-12_000);
        assertThat(t.soc_pct()).isEqualTo(76);
        assertThat(t.mosTemperature().text()).isEqualTo("31.2 \u00b0C");
        assertThat(t.balancer()).isEqualTo(BalancerStatus.IDLE);
        assertThat(t.parallelEnable()).isTrue();
    }

    @Test
    void idleBalancerMovesNothing() {
        assertThat(BalancerStatus.IDLE.active()).isFalse();
        assertThat(BalancerStatus.IDLE.sourceCell()).isZero();
        assertThat(BalancerStatus.IDLE.destinationCell()).isZero();
        assertThat(BalancerStatus.IDLE.current_mA()).isZero();
    }

    @Test
    void everyAlarmHasWordsAndAnEventOfTheSameName() {
        for (Alarm a : Alarm.values()) {
            assertThat(a.words()).isNotBlank();
            assertThat(io.jkbms.core.event.EventType.valueOf(a.name())).as(a.name()).isNotNull();
        }
        assertThat(Alarm.CELL_OVP.words()).isEqualTo("cell over-voltage");
    }
}
