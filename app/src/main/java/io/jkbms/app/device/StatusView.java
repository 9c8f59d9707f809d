package io.jkbms.app.device;

import io.jkbms.core.telemetry.Alarm;
import io.jkbms.core.telemetry.BalancerStatus;
import io.jkbms.core.telemetry.TemperatureReading;
import io.jkbms.core.telemetry.Telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The board's live reading as the web app shows it (GET /api/status, the WebSocket, docs/api.md): the same shape for
 * the twin and for a real board. {@code received_ms} and {@code sampled_ms} are wall-clock times; {@code time_ms} is
 * the reading's time on the board's clock as epoch ms (the twin's simulated time counted from when it started, which
 * runs ahead of the wall clock when the twin runs fast; a real board's is the wall clock). History is kept by it.
 */
public record StatusView(boolean online, String reason, String source, long received_ms, long sampled_ms, long time_ms,
                         String power, int packVoltage_mV, int current_mA, long power_mW, int soc_pct,
                         long remaining_mAh, long fullCapacity_mAh, long nominalCapacity_mAh, long cycles, int soh_pct,
                         long runtime_s, List<Integer> cell_mV, int maxCell, int minCell, int average_mV, int delta_mV,
                         List<Integer> wireResistance_mOhm, Balancer balancer, Temperature mosTemperature,
                         List<Temperature> temperatures, boolean chargeMos, boolean dischargeMos, boolean precharging,
                         boolean heating, int heatingCurrent_mA, boolean emergency, int emergencyRemaining_s,
                         boolean buzzer, List<AlarmView> alarms) {

    public StatusView {
        cell_mV = List.copyOf(cell_mV);
        wireResistance_mOhm = List.copyOf(wireResistance_mOhm);
        temperatures = List.copyOf(temperatures);
        alarms = List.copyOf(alarms);
    }

    /** Energy moves out of {@code sourceCell} into {@code destinationCell} (1-based; 0 when idle). */
    public record Balancer(boolean active, int sourceCell, int destinationCell, int current_mA) {
        static Balancer of(BalancerStatus b) {
            return new Balancer(b.active(), b.sourceCell(), b.destinationCell(), b.current_mA());
        }
    }

    /** One sensor: "MOS", "T1"…; status OK, ABSENT ("NA"), OPEN or SHORTED. */
    public record Temperature(String name, String status, int value_dC, String text) {
        public static Temperature of(String name, TemperatureReading r) {
            return new Temperature(name, r.status().name(), r.valid() ? r.value_dC() : 0, r.text());
        }
    }

    public record AlarmView(String code, String text) {
        static List<AlarmView> of(Set<Alarm> alarms) {
            List<AlarmView> out = new ArrayList<>(alarms.size());
            for (Alarm a : Alarm.values()) {
                if (alarms.contains(a)) {
                    out.add(new AlarmView(a.name(), a.words()));
                }
            }
            return out;
        }
    }

    /** Before the first reading from a board that has never answered. */
    public static StatusView none(String source, String reason) {
        return new StatusView(false, reason, source, 0, 0, 0, "OFF", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), 0, 0, 0, 0,
                List.of(), new Balancer(false, 0, 0, 0), Temperature.of("MOS", TemperatureReading.ABSENT), List.of(),
                false, false, false, false, 0, false, 0, false, List.of());
    }

    /** The firmware's reading, taken at wall time {@code sampled_ms} and board time {@code time_ms}. */
    public static StatusView of(Telemetry t, String source, long sampled_ms, long time_ms) {
        List<Temperature> temps = new ArrayList<>(t.temperatures().size());
        for (int i = 0; i < t.temperatures().size(); i++) {
            temps.add(Temperature.of("T" + (i + 1), t.temperatures().get(i)));
        }
        return new StatusView(true, "", source, sampled_ms, sampled_ms, time_ms, t.power().name(), t.packVoltage_mV(),
                t.current_mA(), t.power_mW(), t.soc_pct(), t.remaining_mAh(), t.fullCapacity_mAh(),
                t.nominalCapacity_mAh(), t.cycles(), t.soh_pct(), t.runtime_s(), ints(t.cell_mV()), t.maxCell(),
                t.minCell(), t.average_mV(), t.delta_mV(), ints(t.wireResistance_mOhm()), Balancer.of(t.balancer()),
                Temperature.of("MOS", t.mosTemperature()), temps, t.chargeMos(), t.dischargeMos(), t.precharging(),
                t.heating(), t.heatingCurrent_mA(), t.emergency(), t.emergencyRemaining_s(), t.buzzer(),
                AlarmView.of(t.alarms()));
    }

    /** The same reading, marked offline with the reason (the page greys the last values). */
    public StatusView offline(String why) {
        return new StatusView(false, why, source, received_ms, sampled_ms, time_ms, power, packVoltage_mV, current_mA, power_mW,
                soc_pct, remaining_mAh, fullCapacity_mAh, nominalCapacity_mAh, cycles, soh_pct, runtime_s, cell_mV,
                maxCell, minCell, average_mV, delta_mV, wireResistance_mOhm, balancer, mosTemperature, temperatures,
                chargeMos, dischargeMos, precharging, heating, heatingCurrent_mA, emergency, emergencyRemaining_s, buzzer,
                alarms);
    }

    static List<Integer> ints(int[] values) {
        List<Integer> out = new ArrayList<>(values.length);
        for (int v : values) {
            out.add(v);
        }
        return out;
    }
}
