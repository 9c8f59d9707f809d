package io.jkbms.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jkbms.app.cli.JkbmsCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark runs and reports; no timing is asserted (speed is the benchmark's business, docs/benchmarks.md). */
class WebBenchCommandTest {
    @Test
    void oneClientForTwoSecondsReceivesReadings() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = JkbmsCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));

        int exit = cl.execute("web-bench", "--clients", "1", "--seconds", "2", "--warmup", "0.5", "--json");

        assertThat(exit).as(err.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString());
        JsonNode step = report.get("steps").get(0);
        assertThat(step.get("clients").asInt()).isEqualTo(1);
        assertThat(step.get("connected").asInt()).isEqualTo(1);
        assertThat(step.get("received").asLong()).isPositive();
        assertThat(step.get("p99_ms").asInt()).isNotNegative();
    }

    @Test
    void sampledMsIsReadFromStatusMessagesOnly() {
        assertThat(LiveClient.statusSampledMs("{\"type\":\"status\",\"online\":true,\"received_ms\":5,\"sampled_ms\":1732440000120,\"x\":1}"))
                .isEqualTo(1732440000120L);
        assertThat(LiveClient.statusSampledMs("{\"type\": \"status\", \"sampled_ms\": 42}")).isEqualTo(42);
        assertThat(LiveClient.statusSampledMs("{\"type\":\"event\",\"time_ms\":7,\"text\":\"sampled_ms\"}")).isEqualTo(-1);
    }

    @Test
    void percentileIsNearestRank() {
        int[] v = new int[100];
        for (int i = 0; i < 100; i++) {
            v[i] = i + 1;
        }
        assertThat(WebBenchCommand.pct(v, 50)).isEqualTo(50);
        assertThat(WebBenchCommand.pct(v, 99)).isEqualTo(99);
        assertThat(WebBenchCommand.pct(new int[]{7}, 99)).isEqualTo(7);
        assertThat(WebBenchCommand.pct(new int[0], 50)).isEqualTo(-1);
    }
}
