package io.jkbms.app.simulate;

import io.jkbms.sim.SimEvent;
import io.jkbms.sim.Simulation;
import io.jkbms.sim.SimulationListener;
import io.jkbms.sim.cell.Pack;
import io.jkbms.sim.plant.Plant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Listens to a run: streams one CSV row per sampling instant (so memory does not grow with the run), keeps the events,
 * and keeps a thinned copy of the main series for the plot.
 */
final class Recorder implements SimulationListener {
    static final int PLOT_POINTS = 4_000;

    private final Writer csv;
    private final int cells;
    private final long thin;
    private long samples;
    private final StringBuilder row = new StringBuilder(512);
    final List<SimEvent> events = new ArrayList<>();
    final Series series = new Series();

    /** The plotted series, thinned to about {@link #PLOT_POINTS} points. */
    static final class Series {
        final List<Double> t_h = new ArrayList<>();
        final List<Double> pack_V = new ArrayList<>();
        final List<Double> current_A = new ArrayList<>();
        final List<Double> socTrue = new ArrayList<>();
        final List<Double> socBms = new ArrayList<>();
        final List<Double> cellMax_V = new ArrayList<>();
        final List<Double> cellMin_V = new ArrayList<>();
        final List<Double> spread_mV = new ArrayList<>();
        final List<Double> mos_C = new ArrayList<>();
        final List<Double> cells_C = new ArrayList<>();
        final List<Double> ambient_C = new ArrayList<>();
    }

    Recorder(Writer csv, int cells, long expectedSamples) {
        this.csv = csv;
        this.cells = cells;
        this.thin = Math.max(1, (expectedSamples + PLOT_POINTS - 1) / PLOT_POINTS);
        StringBuilder h = new StringBuilder("t_s,pack_V,current_A,soc_true_pct,soc_bms_pct");
        for (int i = 1; i <= cells; i++) {
            h.append(",cell").append(i).append("_V");
        }
        h.append(",t_mos_C,t1_C,t2_C,charge_mos,discharge_mos,balance_A,balance_from,balance_to,load_V,ambient_C,heater,power\n");
        write(h);
    }

    @Override
    public void onEvent(SimEvent event) {
        events.add(event);
    }

    @Override
    public void onSample(Simulation sim) {
        Plant p = sim.plant();
        Pack pack = sim.pack();
        double t_s = sim.now_us() / 1e6;
        double socBms = sim.bms().soc().socExact_pct();
        row.setLength(0);
        num(row, t_s, 1).append(',');
        num(row, p.packVoltage_V(), 3).append(',');
        num(row, p.packCurrent_A(), 3).append(',');
        num(row, pack.meanSoc_pct(), 3).append(',');
        num(row, socBms, 3);
        double max = -1;
        double min = 1e9;
        for (int i = 1; i <= cells; i++) {
            double v = pack.terminal_V(i);
            max = Math.max(max, v);
            min = Math.min(min, v);
            row.append(',');
            num(row, v, 4);
        }
        row.append(',');
        num(row, p.mos_C(), 2).append(',');
        num(row, p.cells_C(), 2).append(',');
        num(row, p.cells_C(), 2).append(',');
        row.append(sim.bms().chargeMos() ? 1 : 0).append(',').append(sim.bms().dischargeMos() ? 1 : 0).append(',');
        num(row, p.balanceSource_A(), 3).append(',');
        row.append(p.balanceSourceCell()).append(',').append(p.balanceDestinationCell()).append(',');
        num(row, p.bus_V(), 3).append(',');
        num(row, p.ambient_C(), 2).append(',');
        row.append(p.heaterOn() ? 1 : 0).append(',').append(sim.bms().powerState()).append('\n');
        write(row);

        if (samples++ % thin == 0) {
            series.t_h.add(t_s / 3600.0);
            series.pack_V.add(p.packVoltage_V());
            series.current_A.add(p.packCurrent_A());
            series.socTrue.add(pack.meanSoc_pct());
            series.socBms.add(socBms);
            series.cellMax_V.add(max);
            series.cellMin_V.add(min);
            series.spread_mV.add((max - min) * 1000.0);
            series.mos_C.add(p.mos_C());
            series.cells_C.add(p.cells_C());
            series.ambient_C.add(p.ambient_C());
        }
    }

    long samples() {
        return samples;
    }

    private void write(CharSequence s) {
        try {
            csv.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write timeline.csv: " + e.getMessage(), e);
        }
    }

    /** Fixed-point formatting without String.format: the same digits on every machine and locale. */
    static StringBuilder num(StringBuilder sb, double v, int decimals) {
        if (!Double.isFinite(v)) {
            return sb.append("NaN");
        }
        long scale = 1;
        for (int i = 0; i < decimals; i++) {
            scale *= 10;
        }
        long x = Math.round(Math.abs(v) * scale);
        if (v < 0 && x != 0) {
            sb.append('-');
        }
        sb.append(x / scale);
        if (decimals > 0) {
            sb.append('.');
            String frac = Long.toString(x % scale);
            for (int i = frac.length(); i < decimals; i++) {
                sb.append('0');
            }
            sb.append(frac);
        }
        return sb;
    }
}
