package io.jkbms.sim.twin;

import io.jkbms.sim.ScenarioRun;
import io.jkbms.sim.SimEvent;
import io.jkbms.sim.Simulation;
import io.jkbms.sim.SimulationListener;
import io.jkbms.sim.scenario.Scenario;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A digital twin: a scenario's simulation paced to the wall clock (speed 1× by default, adjustable), on its own thread.
 * The firmware is single-threaded by contract, so everything that touches the simulation — the runner's steps, the
 * protocol sessions' reads and writes, the app's controls — goes through {@link #call}, which holds one lock.
 * The scenario's {@code until} is ignored: a twin runs until it is closed.
 */
public final class Twin implements AutoCloseable {
    /** How far the runner advances per step at most (in simulated time), so calls never wait long for the lock. */
    private static final long STEP_us = 100_000L;

    private final ScenarioRun run;
    private final LongSupplier wallNanos;
    private final List<SimulationListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private final Thread thread;
    private volatile boolean closed;
    private volatile double speed = 1.0;
    private long anchorWall_ns;
    private long anchorSim_us;

    public Twin(Scenario scenario) {
        this(scenario, System::nanoTime);
    }

    /** @param wallNanos the wall clock (tests pass their own) */
    public Twin(Scenario scenario, LongSupplier wallNanos) {
        this.wallNanos = wallNanos;
        this.run = new ScenarioRun(scenario.withUntil(Long.MAX_VALUE / 4), new SimulationListener() {
            @Override
            public void onEvent(SimEvent event) {
                for (SimulationListener l : listeners) {
                    l.onEvent(event);
                }
            }

            @Override
            public void onSample(Simulation simulation) {
                for (SimulationListener l : listeners) {
                    l.onSample(simulation);
                }
            }
        });
        this.anchorWall_ns = wallNanos.getAsLong();
        this.thread = new Thread(this::loop, "jkbms-twin");
        thread.setDaemon(true);
    }

    /** Starts pacing the simulation to the wall clock. */
    public Twin start() {
        synchronized (lock) {
            anchorWall_ns = wallNanos.getAsLong();
            anchorSim_us = run.simulation().now_us();
        }
        thread.start();
        return this;
    }

    public void addListener(SimulationListener l) {
        listeners.add(l);
    }

    public void removeListener(SimulationListener l) {
        listeners.remove(l);
    }

    /** Runs {@code f} on the simulation under the twin's lock and returns its result. */
    public <T> T call(Function<Simulation, T> f) {
        synchronized (lock) {
            return f.apply(run.simulation());
        }
    }

    /** Time speed: 1 = real time; 1000 = a simulated hour in 3.6 s. Takes effect from now on. */
    public void setSpeed(double speed) {
        if (!(speed > 0) || speed > 100_000) {
            throw new IllegalArgumentException("speed must be in (0, 100000], was " + speed);
        }
        synchronized (lock) {
            anchorSim_us = run.simulation().now_us();
            anchorWall_ns = wallNanos.getAsLong();
            this.speed = speed;
        }
    }

    public double speed() {
        synchronized (lock) {
            return speed;
        }
    }

    /**
     * Advances the simulation to where the wall clock says it should be (the runner calls it; tests may too). Works in
     * chunks of at most 5 s of simulated time, releasing the lock between them, so sessions are never kept waiting.
     */
    public void catchUp() {
        long started_ns = wallNanos.getAsLong();
        long target;
        synchronized (lock) {
            // The target is fixed for this call: recomputing it every chunk chased the clock and spun a core.
            target = anchorSim_us + (long) ((started_ns - anchorWall_ns) / 1000.0 * speed);
        }
        while (true) {
            synchronized (lock) {
                Simulation sim = run.simulation();
                if (sim.now_us() >= target) {
                    return;
                }
                long end = Math.min(target, sim.now_us() + STEP_us * 50);
                while (sim.now_us() < end) {
                    run.runUntil(Math.min(end, sim.now_us() + STEP_us));
                }
                if (wallNanos.getAsLong() - started_ns > 1_000_000_000L) {
                    // A second spent catching up: the machine cannot keep up with this speed. Re-anchor (run as fast
                    // as it can) instead of racing for ever.
                    anchorSim_us = sim.now_us();
                    anchorWall_ns = wallNanos.getAsLong();
                    return;
                }
            }
        }
    }

    private void loop() {
        while (!closed) {
            catchUp();
            try {
                Thread.sleep(Math.max(1, (long) (Simulation.CONTROL_PERIOD_us / 1000 / Math.max(1, speed))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public Scenario scenario() {
        return run.scenario();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
