package io.jkbms.sim;

import io.jkbms.sim.scenario.Scenario;
import io.jkbms.sim.scenario.ScenarioParser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** A scenario run kept in memory for tests: its events and a look at every sample. */
final class RunRecord implements SimulationListener {
    final List<SimEvent> events = new ArrayList<>();
    private final List<Consumer<Simulation>> samplers = new ArrayList<>();
    ScenarioRun run;

    static RunRecord example(String name) {
        return of(ScenarioParser.parse(Path.of("..", "examples", name + ".yaml")));
    }

    static RunRecord of(Scenario s) {
        RunRecord r = new RunRecord();
        r.run = new ScenarioRun(s, r);
        return r;
    }

    RunRecord onSample(Consumer<Simulation> c) {
        samplers.add(c);
        return this;
    }

    RunRecord runToEnd() {
        run.runToEnd();
        return this;
    }

    Simulation sim() {
        return run.simulation();
    }

    @Override
    public void onEvent(SimEvent event) {
        events.add(event);
    }

    @Override
    public void onSample(Simulation simulation) {
        for (Consumer<Simulation> c : samplers) {
            c.accept(simulation);
        }
    }

    List<SimEvent> events(String event, String phase) {
        return events.stream().filter(e -> e.event().equals(event) && e.phase().equals(phase)).toList();
    }

    SimEvent first(String event, String phase) {
        return events(event, phase).stream().findFirst()
                .orElseThrow(() -> new AssertionError("no " + event + " " + phase + " in " + events));
    }

    boolean any(Predicate<SimEvent> p) {
        return events.stream().anyMatch(p);
    }
}
