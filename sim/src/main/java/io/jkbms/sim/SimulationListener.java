package io.jkbms.sim;

/** Receives a run's events as they happen and a call at every sampling instant. */
public interface SimulationListener {
    void onEvent(SimEvent event);

    /** Called every sampling interval; read what is needed from the simulation, do not keep it. */
    default void onSample(Simulation simulation) {
    }

    SimulationListener NONE = e -> { };
}
