package io.jkbms.app.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jkbms.core.board.BoardModel;
import io.jkbms.core.board.Chemistry;
import io.jkbms.core.settings.Presets;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.telemetry.Telemetry;
import io.jkbms.sim.ScenarioRun;
import io.jkbms.sim.SimEvent;
import io.jkbms.sim.Simulation;
import io.jkbms.sim.SimulationListener;
import io.jkbms.sim.cell.PackSpec;
import io.jkbms.sim.scenario.Durations;
import io.jkbms.sim.scenario.Scenario;
import io.jkbms.sim.scenario.ScenarioException;
import io.jkbms.sim.scenario.ScenarioParser;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code jkbms simulate FILE [--until D] [--out DIR]}: run a scenario as fast as possible and write what happened. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Run a scenario (YAML, see docs/scenarios.md) with the real firmware against the simulated pack, "
                + "as fast as possible, and write DIR/timeline.csv, events.json, summary.json and plot.png.",
                "With --bench, measure simulated control ticks per second instead (24S pack, 100 ms control period)."})
public final class SimulateCommand implements Callable<Integer> {
    static final int EXIT_INVALID = 2;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "the scenario file")
    Path file;

    @Option(names = "--until", description = "simulate this long instead of the scenario's 'until' (e.g. 2h, 7d)")
    String until;

    @Option(names = "--out", description = "output folder (default: out/<scenario name>)")
    Path out;

    @Option(names = "--sample", description = "timeline.csv row interval, a multiple of 100ms (default: the scenario's "
            + "'sample', else about 10 000 rows)")
    String sample;

    @Option(names = "--bench", description = "measure simulation speed (ticks per second) and print it")
    boolean bench;

    @Option(names = "--no-progress", description = "no progress bar even on a terminal")
    boolean noProgress;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (bench) {
            return Bench.run(o, err, until);
        }
        if (file == null) {
            err.println("simulate: a scenario FILE is needed (or --bench); examples are in examples/");
            return EXIT_INVALID;
        }
        Scenario scenario;
        try {
            scenario = ScenarioParser.parse(file);
            if (until != null) {
                scenario = scenario.withUntil(positive("--until", Durations.parse_us(until)));
            }
            if (sample != null) {
                long s = Durations.parse_us(sample);
                if (s < 100_000 || s % 100_000 != 0) {
                    throw new IllegalArgumentException("--sample must be a multiple of 100ms, was " + sample);
                }
                scenario = scenario.withSample(s);
            }
        } catch (ScenarioException e) {
            err.println(e.getMessage());
            return EXIT_INVALID;
        } catch (IllegalArgumentException e) {
            err.println("simulate: " + e.getMessage());
            return EXIT_INVALID;
        }
        Path dir = out != null ? out : Path.of("out", baseName(file));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            err.println("simulate: cannot create the output folder " + dir + ": " + e.getMessage());
            return 1;
        }
        try {
            Result r = run(scenario, dir, !noProgress && System.console() != null);
            o.println(r.describe());
            o.flush();
            return 0;
        } catch (UncheckedIOException | IOException e) {
            err.println("simulate: writing " + dir + " failed: " + e.getMessage()
                    + " (nothing was left half-written; earlier outputs there are untouched)");
            return 1;
        }
    }

    private static long positive(String what, long us) {
        if (us <= 0) {
            throw new IllegalArgumentException(what + " must be after 0s");
        }
        return us;
    }

    static String baseName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** What a run produced. */
    record Result(Path dir, long simulated_us, double wall_s, long ticks) {
        String describe() {
            return String.format(Locale.ROOT, "simulated %s in %.2f s (%.0fx real time, %d control ticks); wrote %s: "
                            + "timeline.csv, events.json, summary.json, plot.png",
                    Durations.format(simulated_us), wall_s, simulated_us / 1e6 / Math.max(wall_s, 1e-9), ticks, dir);
        }
    }

    /**
     * Runs a scenario and writes its outputs into {@code dir}. Files are written under temporary names and moved into
     * place only when complete, so a failure (a full disk) never leaves a half-written output.
     */
    public static Result run(Scenario scenario, Path dir, boolean progress) throws IOException {
        Path csvPart = dir.resolve("timeline.csv.part");
        long expected = scenario.until_us() / scenario.sample_us() + 1;
        long t0 = System.nanoTime();
        ScenarioRun run;
        Recorder rec;
        try (BufferedWriter csv = Files.newBufferedWriter(csvPart, StandardCharsets.UTF_8)) {
            rec = new Recorder(csv, scenario.pack().cells(), expected);
            run = new ScenarioRun(scenario, rec);
            long chunk = Math.max(Simulation.CONTROL_PERIOD_us, scenario.until_us() / 200);
            if (progress) {
                try (ProgressBar bar = new ProgressBarBuilder().setTaskName("simulating").setInitialMax(200)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate().build()) {
                    while (!run.done()) {
                        run.runUntil(run.simulation().now_us() + chunk);
                        bar.stepTo(Math.min(200, run.simulation().now_us() * 200 / scenario.until_us()));
                    }
                }
            } else {
                run.runToEnd();
            }
        } catch (IOException | UncheckedIOException e) {
            Files.deleteIfExists(csvPart);
            throw e;
        }
        double wall_s = (System.nanoTime() - t0) / 1e9;
        Simulation sim = run.simulation();

        Map<String, Integer> counts = new TreeMap<>();
        for (SimEvent e : rec.events) {
            if (!e.phase().equals("recover") && !e.phase().equals("stop")) {
                counts.merge(e.event(), 1, Integer::sum);
            }
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        List<Map<String, Object>> events = new ArrayList<>();
        for (SimEvent e : rec.events) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("t_s", e.t_us() / 1e6);
            m.put("event", e.event());
            m.put("phase", e.phase());
            if (e.cell() > 0) {
                m.put("cell", e.cell());
            }
            if (!e.unit().isEmpty()) {
                m.put("value", e.value());
                m.put("unit", e.unit());
            }
            if (!e.detail().isEmpty()) {
                m.put("detail", e.detail());
            }
            m.put("source", e.source());
            events.add(m);
        }
        Path eventsPart = dir.resolve("events.json.part");
        Path summaryPart = dir.resolve("summary.json.part");
        Path plotPart = dir.resolve("plot.png.part");
        try {
            json.writeValue(eventsPart.toFile(), events);
            json.writeValue(summaryPart.toFile(), summary(scenario, sim, wall_s, counts, rec.events.size()));
            PlotWriter.write(plotPart, baseName(Path.of(scenario.file())) + " (" + scenario.model().name() + ", "
                    + scenario.pack().cells() + "S " + scenario.pack().chemistry() + ")", rec.series, rec.events);
            move(csvPart, dir.resolve("timeline.csv"));
            move(eventsPart, dir.resolve("events.json"));
            move(summaryPart, dir.resolve("summary.json"));
            move(plotPart, dir.resolve("plot.png"));
        } finally {
            for (Path p : new Path[]{csvPart, eventsPart, summaryPart, plotPart}) {
                Files.deleteIfExists(p);
            }
        }
        return new Result(dir, sim.now_us(), wall_s, sim.ticks());
    }

    private static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Map<String, Object> summary(Scenario s, Simulation sim, double wall_s, Map<String, Integer> counts,
                                               int eventCount) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", s.file());
        m.put("description", s.description());
        m.put("board", s.model().name());
        m.put("chemistry", s.pack().chemistry().name());
        m.put("cells", s.pack().cells());
        m.put("capacity_Ah", s.pack().capacity_Ah());
        m.put("seed", s.pack().seed());
        m.put("simulated_s", sim.now_us() / 1e6);
        m.put("control_period_ms", Simulation.CONTROL_PERIOD_us / 1000);
        m.put("ticks", sim.ticks());
        // Wall-clock figures differ run to run; everything else in the outputs is identical for the same file and seed.
        m.put("wall_s", Math.round(wall_s * 1000) / 1000.0);
        m.put("speedup", Math.round(sim.now_us() / 1e6 / Math.max(wall_s, 1e-9)));
        m.put("events", eventCount);
        m.put("event_counts", counts);
        Telemetry t = sim.bms().telemetry();
        Map<String, Object> fin = new LinkedHashMap<>();
        fin.put("power", t.power().name());
        fin.put("pack_V", round(sim.plant().packVoltage_V(), 3));
        fin.put("current_A", round(sim.plant().packCurrent_A(), 3));
        fin.put("soc_true_pct", round(sim.pack().meanSoc_pct(), 2));
        fin.put("soc_bms_pct", t.soc_pct());
        fin.put("cell_min_mV", t.min_mV());
        fin.put("cell_max_mV", t.max_mV());
        fin.put("cells_C", round(sim.plant().cells_C(), 1));
        fin.put("mos_C", round(sim.plant().mos_C(), 1));
        fin.put("charge_mos", t.chargeMos());
        fin.put("discharge_mos", t.dischargeMos());
        fin.put("alarms", t.alarms().stream().map(Enum::name).toList());
        fin.put("cycles", t.cycles());
        m.put("final", fin);
        return m;
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    /** {@code simulate --bench}: control ticks per second with the firmware in the loop. */
    static final class Bench {
        private Bench() {
        }

        static int run(PrintWriter o, PrintWriter err, String until) {
            long span_us;
            try {
                span_us = until == null ? 7L * 86_400_000_000L : positive("--until", Durations.parse_us(until));
            } catch (IllegalArgumentException e) {
                err.println("simulate --bench: " + e.getMessage());
                return EXIT_INVALID;
            }
            Simulation warm = benchSimulation();
            warm.runUntil(86_400_000_000L); // JIT warm-up: one simulated day
            Simulation sim = benchSimulation();
            long t0 = System.nanoTime();
            sim.runUntil(span_us);
            double wall = (System.nanoTime() - t0) / 1e9;
            double ticksPerS = sim.ticks() / wall;
            double speedup = span_us / 1e6 / wall;
            o.printf(Locale.ROOT, "simulate --bench: 24S LFP 280 Ah on JK-BD4A24S-12P, firmware in the loop, 100 ms control"
                    + " period%n  simulated %s in %.2f s wall: %.0f control ticks/s = %.0fx real time"
                    + " (%.2f simulated years per wall minute)%n", Durations.format(span_us), wall, ticksPerS, speedup,
                    speedup * 60 / (365.25 * 86_400));
            o.flush();
            return 0;
        }

        /** The benchmark pack: 24S LFP 280 Ah with spread, a solar day and a load, so balancing and protections run. */
        static Simulation benchSimulation() {
            PackSpec spec = new PackSpec(Chemistry.LFP, 24, 280, 50, 3, 3, 10, 7, 3, 60, 10);
            var settings = Presets.forChemistry(Chemistry.LFP).with(SettingsPatch.builder()
                    .set(SettingKey.CELL_COUNT, 24).set(SettingKey.CAPACITY_mAh, 280_000).build());
            Simulation sim = new Simulation(BoardModel.parse("JK-BD4A24S-12P"), spec, settings, 25, SimulationListener.NONE);
            sim.sources().setSolar(120, 24 * 3.45, 6, 18);
            sim.sources().setLoad(0, 1_500, Double.POSITIVE_INFINITY);
            sim.sources().setAmbientDaily(15, 30);
            return sim;
        }
    }
}
