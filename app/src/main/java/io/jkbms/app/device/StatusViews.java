package io.jkbms.app.device;

import io.jkbms.link.client.BoardStatus;

import java.util.ArrayList;
import java.util.List;

/** A real board's reading, as far as its protocol carries it, in the web app's shape. */
final class StatusViews {
    private StatusViews() {
    }

    static StatusView of(BoardStatus s, String source) {
        List<Integer> cells = s.cell_mV();
        int max = 0;
        int min = 0;
        long sum = 0;
        for (int i = 0; i < cells.size(); i++) {
            int v = cells.get(i);
            sum += v;
            if (max == 0 || v > cells.get(max - 1)) {
                max = i + 1;
            }
            if (min == 0 || v < cells.get(min - 1)) {
                min = i + 1;
            }
        }
        int average = cells.isEmpty() ? 0 : (int) (sum / cells.size());
        int delta = cells.isEmpty() ? 0 : cells.get(max - 1) - cells.get(min - 1);
        // The board moves energy from the highest cell to the lowest while it says it balances.
        StatusView.Balancer balancer = new StatusView.Balancer(s.balancing(), s.balancing() ? max : 0,
                s.balancing() ? min : 0, Math.abs(s.balanceCurrent_mA()));
        List<StatusView.Temperature> temps = new ArrayList<>();
        for (int i = 0; i < s.temperatures().size(); i++) {
            temps.add(StatusView.Temperature.of("T" + (i + 1), s.temperatures().get(i)));
        }
        // What the protocol does not carry (BoardStatus says which) reads 0: health and wire resistances here.
        return new StatusView(true, "", source, s.received_ms(), s.received_ms(), s.received_ms(), "ON", s.packVoltage_mV(),
                s.current_mA(), (long) s.packVoltage_mV() * s.current_mA() / 1000, s.soc_pct(), s.remaining_mAh(),
                s.fullCapacity_mAh(), s.fullCapacity_mAh(), s.cycles(), 0, s.runtime_s(), cells, max, min, average,
                delta, List.of(), balancer, StatusView.Temperature.of("MOS", s.mosTemperature()), temps, s.chargeMos(),
                s.dischargeMos(), s.precharging(), s.heating(), 0, s.emergency(), 0, false,
                StatusView.AlarmView.of(s.alarms()));
    }
}
