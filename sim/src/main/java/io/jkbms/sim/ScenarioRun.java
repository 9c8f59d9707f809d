package io.jkbms.sim;

import io.jkbms.sim.scenario.Action;
import io.jkbms.sim.scenario.Scenario;

import java.util.Locale;

/**
 * Runs a scenario: builds the simulation, applies the timeline at its times and runs to the end. An action the board
 * refuses at run time (emergency while it is off, say) becomes an ACTION_REFUSED event, as a real board's refusal would
 * be seen, and the run goes on.
 */
public final class ScenarioRun {
    private final Scenario scenario;
    private final Simulation simulation;
    private final SimulationListener listener;
    private int next;

    public ScenarioRun(Scenario scenario, SimulationListener listener) {
        this.scenario = scenario;
        this.listener = listener;
        this.simulation = new Simulation(scenario.model(), scenario.pack(), scenario.settings(), scenario.ambient_C(), listener);
        simulation.setSampleInterval_us(scenario.sample_us());
        simulation.board().setSensorErrors(scenario.sensorErrors());
        simulation.sources().setAmbient(scenario.ambient_C());
        scenario.ambientDaily_C().ifPresent(d -> simulation.sources().setAmbientDaily(d[0], d[1]));
    }

    public Simulation simulation() {
        return simulation;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** Runs until {@code t_us} (at most the scenario's end), applying the actions due on the way. */
    public void runUntil(long t_us) {
        long end = Math.min(t_us, scenario.until_us());
        while (next < scenario.timeline().size() && scenario.timeline().get(next).at_us() <= end) {
            Scenario.TimedActions due = scenario.timeline().get(next++);
            simulation.runUntil(due.at_us());
            for (Action a : due.actions()) {
                try {
                    a.apply(simulation);
                } catch (RuntimeException e) {
                    listener.onEvent(new SimEvent(simulation.now_us(), "ACTION_REFUSED", "change", 0, 0, "",
                            a.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " (line " + due.line() + "): "
                                    + e.getMessage(), "scenario"));
                }
            }
        }
        simulation.runUntil(end);
    }

    public void runToEnd() {
        runUntil(scenario.until_us());
    }

    public boolean done() {
        return simulation.now_us() >= scenario.until_us();
    }
}
