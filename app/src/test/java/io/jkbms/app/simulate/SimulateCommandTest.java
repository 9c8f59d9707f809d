package io.jkbms.app.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jkbms.app.cli.JkbmsCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimulateCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run jkbms(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = JkbmsCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    private static final String EXAMPLE = Path.of("..", "examples", "capacitive-load-short.yaml").toString();

    @Test
    void writesTheFourOutputsWithTheDocumentedColumnsAndEvents() throws Exception {
        Path out = dir.resolve("run");
        Run r = jkbms("simulate", EXAMPLE, "--out", out.toString(), "--no-progress");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("simulated 30min", "control ticks", out.toString());

        List<String> csv = Files.readAllLines(out.resolve("timeline.csv"));
        String header = csv.get(0);
        assertThat(header).startsWith("t_s,pack_V,current_A,soc_true_pct,soc_bms_pct,cell1_V,");
        assertThat(header).contains("cell16_V,t_mos_C,t1_C,t2_C,charge_mos,discharge_mos,balance_A");
        assertThat(csv).hasSize(1 + 1801); // 1 s rows over 30 min, both ends included
        assertThat(csv.get(1).split(",")).hasSize(header.split(",").length);

        JsonNode events = new ObjectMapper().readTree(out.resolve("events.json").toFile());
        assertThat(events.isArray()).isTrue();
        JsonNode first = events.get(0);
        assertThat(first.has("t_s") && first.has("event") && first.has("phase")).isTrue();
        assertThat(events).anyMatch(e -> e.get("event").asText().equals("SCP") && e.get("phase").asText().equals("trip"));

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("simulated_s").asDouble()).isEqualTo(1800.0);
        assertThat(summary.get("event_counts").get("SCP").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(summary.get("speedup").asLong()).isPositive();
        assertThat(summary.get("final").get("discharge_mos").asBoolean()).isTrue();

        BufferedImage plot = ImageIO.read(out.resolve("plot.png").toFile());
        assertThat(plot.getWidth()).isEqualTo(1400);
        assertThat(plot.getHeight()).isEqualTo(1200);
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("timeline.csv", "events.json", "summary.json", "plot.png");
        }
    }

    @Test
    void theSameFileAndSeedGiveByteIdenticalOutputs() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertThat(jkbms("simulate", EXAMPLE, "--out", a.toString(), "--until", "10min").exit()).isZero();
        assertThat(jkbms("simulate", EXAMPLE, "--out", b.toString(), "--until", "10min").exit()).isZero();
        for (String f : new String[]{"timeline.csv", "events.json", "plot.png"}) {
            assertThat(Files.readAllBytes(a.resolve(f))).as(f).isEqualTo(Files.readAllBytes(b.resolve(f)));
        }
        ObjectMapper m = new ObjectMapper();
        ObjectNode sa = (ObjectNode) m.readTree(a.resolve("summary.json").toFile());
        ObjectNode sb = (ObjectNode) m.readTree(b.resolve("summary.json").toFile());
        for (ObjectNode s : List.of(sa, sb)) {
            s.remove("wall_s"); // only the wall-clock figures differ between runs
            s.remove("speedup");
        }
        assertThat(sa).isEqualTo(sb);
    }

    @Test
    void aMalformedScenarioFailsBeforeRunningWithTheLineAndTheReason() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                chemistry: LFP
                cells: 16
                capacity_Ah: 100
                until: 1h
                timeline:
                  - at: 0s
                    chargr: {voltage_V: 58, current_A: 10}
                """);
        Path out = dir.resolve("never");
        Run r = jkbms("simulate", bad.toString(), "--out", out.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bad.yaml:7:", "unknown key 'chargr'");
        assertThat(out).doesNotExist();
    }

    @Test
    void settingsTheBoardRefusesAreReportedWithTheirLine() throws Exception {
        Path bad = dir.resolve("refused.yaml");
        Files.writeString(bad, """
                chemistry: LFP
                cells: 16
                capacity_Ah: 100
                until: 1h
                settings:
                  cell_ovp_mV: 3600
                  cell_ovpr_mV: 3650
                """);
        Run r = jkbms("simulate", bad.toString(), "--out", dir.resolve("x").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("refused.yaml:7:", "cell_ovpr_mV = 3650", "below the over-voltage limit");
    }

    @Test
    void untilOnTheCommandLineOverridesTheScenario() throws Exception {
        Path out = dir.resolve("short");
        assertThat(jkbms("simulate", EXAMPLE, "--out", out.toString(), "--until", "90s").exit()).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("simulated_s").asDouble()).isEqualTo(90.0);
        assertThat(jkbms("simulate", EXAMPLE, "--until", "soon").err()).contains("not a duration: 'soon'");
    }

    @Test
    void aMissingFileAndAMissingArgumentAreClearErrors() {
        assertThat(jkbms("simulate", dir.resolve("nope.yaml").toString()).err()).contains("nope.yaml: no such file");
        assertThat(jkbms("simulate").err()).contains("a scenario FILE is needed");
    }

    @Test
    void anOutputFolderThatCannotBeCreatedIsReported() throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        Run r = jkbms("simulate", EXAMPLE, "--out", file.resolve("sub").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot create the output folder");
    }

    @Test
    void benchReportsTicksPerSecond() {
        Run r = jkbms("simulate", "--bench", "--until", "1h");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("\\d+ control ticks/s = \\d+x real time");
    }
}
