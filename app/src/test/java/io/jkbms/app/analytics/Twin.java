package io.jkbms.app.analytics;

import io.jkbms.app.history.Sample;
import io.jkbms.core.board.BoardModel;
import io.jkbms.core.board.Chemistry;
import io.jkbms.core.settings.Presets;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.sim.ScenarioRun;
import io.jkbms.sim.SimEvent;
import io.jkbms.sim.Simulation;
import io.jkbms.sim.SimulationListener;
import io.jkbms.sim.cell.PackSpec;
import io.jkbms.sim.scenario.Scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The simulator feeding an {@link Analyzer} one sample a second, as the store will, with the model's truth at hand. */
final class Twin implements SimulationListener {
    static final long S_us = 1_000_000L;
    static final long MIN_us = 60 * S_us;
    static final long H_us = 3_600 * S_us;
    static final BoardModel MODEL = BoardModel.parse("JK-BD4A24S-12P");

    final Analyzer analyzer;
    final List<SimEvent> events = new ArrayList<>();
    private final List<Consumer<Simulation>> watchers = new ArrayList<>();
    private Simulation sim;
    private ScenarioRun run;

    private Twin(Chemistry chemistry, int nominal_mAh) {
        this.analyzer = new Analyzer(chemistry, nominal_mAh);
    }

    /** A pack on the chemistry's preset with the given cell count and capacity setting, at 25 °C, sampled every 1 s. */
    static Twin of(PackSpec spec, int capacitySetting_mAh, SettingsPatch extra) {
        Twin t = new Twin(spec.chemistry(), capacitySetting_mAh);
        t.sim = new Simulation(MODEL, spec, settings(spec.chemistry(), spec.cells(), capacitySetting_mAh, extra), 25, t);
        t.sim.setSampleInterval_us(S_us);
        return t;
    }

    static Twin of(PackSpec spec, int capacitySetting_mAh) {
        return of(spec, capacitySetting_mAh, SettingsPatch.builder().build());
    }

    /** A scenario run through its own timeline, sampled every 1 s. */
    static Twin of(Scenario scenario) {
        Scenario s = scenario.withSample(S_us);
        Twin t = new Twin(s.pack().chemistry(), s.settings().get(SettingKey.CAPACITY_mAh));
        t.run = new ScenarioRun(s, t);
        t.sim = t.run.simulation();
        return t;
    }

    static Settings settings(Chemistry chemistry, int cells, int capacity_mAh, SettingsPatch extra) {
        return Presets.forChemistry(chemistry).with(SettingsPatch.builder().set(SettingKey.CELL_COUNT, cells)
                .set(SettingKey.CAPACITY_mAh, capacity_mAh).build()).with(extra);
    }

    Simulation sim() {
        return sim;
    }

    /** Also called at every sample, after the analyzer had it (to read the model's truth). */
    Twin watch(Consumer<Simulation> w) {
        watchers.add(w);
        return this;
    }

    Twin runFor(long us) {
        return runUntil(sim.now_us() + us);
    }

    Twin runUntil(long us) {
        if (run != null) {
            run.runUntil(us);
        } else {
            sim.runUntil(us);
        }
        return this;
    }

    /** Runs until {@code done} holds at a sample or {@code limit_us} more have passed; returns whether it held. */
    boolean runUntil(java.util.function.Predicate<Simulation> done, long limit_us) {
        long end = sim.now_us() + limit_us;
        while (sim.now_us() < end) {
            runFor(10 * S_us);
            if (done.test(sim)) {
                return true;
            }
        }
        return false;
    }

    void runToEnd() {
        run.runToEnd();
    }

    @Override
    public void onEvent(SimEvent event) {
        events.add(event);
    }

    @Override
    public void onSample(Simulation simulation) {
        analyzer.accept(Sample.of(simulation.bms().telemetry(), simulation.now_us() / 1000));
        for (Consumer<Simulation> w : watchers) {
            w.accept(simulation);
        }
    }
}
