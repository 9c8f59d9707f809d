package io.jkbms.bench;

import io.jkbms.core.board.BoardModel;
import io.jkbms.core.board.Chemistry;
import io.jkbms.core.settings.Presets;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.sim.Simulation;
import io.jkbms.sim.SimulationListener;
import io.jkbms.sim.cell.PackSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Simulated control ticks per second: a 24S LFP 280 Ah pack on a JK-BD4A24S-12P with the firmware in the loop at its
 * 100 ms control period, under a solar day and a constant-power load (so balancing, anchoring and the bus solve all
 * run). One operation = one control tick; the score is ticks per second, so real-time factor = score / 10.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SimulationBenchmark {
    private static final int TICKS = 600; // one simulated minute per invocation

    private Simulation simulation;

    @Setup
    public void setup() {
        PackSpec spec = new PackSpec(Chemistry.LFP, 24, 280, 50, 3, 3, 10, 7, 3, 60, 10);
        var settings = Presets.forChemistry(Chemistry.LFP).with(SettingsPatch.builder()
                .set(SettingKey.CELL_COUNT, 24).set(SettingKey.CAPACITY_mAh, 280_000).build());
        simulation = new Simulation(BoardModel.parse("JK-BD4A24S-12P"), spec, settings, 25, SimulationListener.NONE);
        simulation.sources().setSolar(120, 24 * 3.45, 6, 18);
        simulation.sources().setLoad(0, 1_500, Double.POSITIVE_INFINITY);
        simulation.sources().setAmbientDaily(15, 30);
    }

    @Benchmark
    @OperationsPerInvocation(TICKS)
    public long controlTicks() {
        simulation.runUntil(simulation.now_us() + TICKS * Simulation.CONTROL_PERIOD_us);
        return simulation.ticks();
    }
}
