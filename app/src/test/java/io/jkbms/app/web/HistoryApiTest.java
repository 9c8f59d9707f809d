package io.jkbms.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jkbms.app.cli.JkbmsCommand;
import io.jkbms.app.history.History;
import io.jkbms.sim.scenario.DefaultScenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The history endpoints over HTTP, on the twin running fast, and {@code jkbms export} on the same data folder. */
class HistoryApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private Serve serve;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        serve = Serve.twin(DefaultScenario.load(), 200, InetAddress.getLoopbackAddress(), 0, data, Optional.empty(),
                History.Config.DEFAULT);
        await().atMost(Duration.ofSeconds(30)).until(() -> serve.history().recorder().status().written() > 700);
    }

    @AfterEach
    void stop() {
        serve.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serve.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void aChartOfTheLastMinutesComesRawWithEveryCellAndSensor() throws Exception {
        HttpResponse<String> r = get("/api/history");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode c = JSON.readTree(r.body());
        assertThat(c.get("resolution").asText()).isEqualTo("raw");
        assertThat(c.get("cells").asInt()).isEqualTo(16);
        assertThat(c.get("sensors").get(0).asText()).isEqualTo("MOS");
        int points = c.get("time_ms").size();
        assertThat(points).isGreaterThan(500);
        assertThat(c.get("series").get("packVoltage_mV").get("avg")).hasSize(points);
        assertThat(c.get("series").get("cell_mV")).hasSize(16);
        assertThat(c.get("series").get("cell_mV").get(15).get("avg").get(0).asInt()).isBetween(2500, 3700);

        long to = c.get("to_ms").asLong();
        JsonNode coarse = JSON.readTree(get("/api/history?from=" + (to - 3_600_000) + "&to=" + to + "&points=100")
                .body());
        assertThat(coarse.get("resolution").asText()).isEqualTo("minute");
        assertThat(coarse.get("series").get("current_mA").get("min")).isNotNull();
    }

    @Test
    void badRangesAndFiltersAreRefusedNamingWhatIsWrong() throws Exception {
        HttpResponse<String> badFrom = get("/api/history?from=yesterday");
        assertThat(badFrom.statusCode()).isEqualTo(400);
        assertThat(badFrom.body()).contains("from must be an ISO-8601 instant").contains("yesterday");
        HttpResponse<String> reversed = get("/api/events?from=2026-11-24T10:00:00Z&to=2026-11-24T09:00:00Z");
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(reversed.body()).contains("is after to");
        HttpResponse<String> cat = get("/api/events?category=protection,gossip");
        assertThat(cat.statusCode()).isEqualTo(400);
        assertThat(cat.body()).contains("'gossip' is not one of");
        assertThat(get("/api/history?points=5").body()).contains("points must be a whole number from 10");
        assertThat(get("/api/history.csv?resolution=second").body()).contains("resolution must be raw, minute or hour");
    }

    @Test
    void aSettingsChangeThroughTheApiIsInTheEventsAndTheSettingsHistory() throws Exception {
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serve.port()
                        + "/api/settings")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + serve.token())
                .PUT(HttpRequest.BodyPublishers.ofString("{\"cell_ovp_mV\": 3550}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> JSON.readTree(get("/api/settings/history").body())
                .get("changes").size() >= 2);
        JsonNode change = JSON.readTree(get("/api/settings/history").body()).get("changes").get(0);
        assertThat(change.get("who").asText()).isEqualTo("web 127.0.0.1");
        assertThat(change.get("changes").get(0).get("key").asText()).isEqualTo("cell_ovp_mV");
        assertThat(change.get("changes").get(0).get("new").asInt()).isEqualTo(3550);
        assertThat(change.get("changes").get(0).get("old").asInt()).isEqualTo(3600);

        JsonNode events = JSON.readTree(get("/api/events?category=settings&from=0").body()).get("events");
        assertThat(events).isNotEmpty();
        assertThat(events.get(0).get("who").asText()).isEqualTo("web 127.0.0.1");
        assertThat(events.get(0).get("text").asText()).contains("cell_ovp_mV").contains("3600 -> 3550");
    }

    @Test
    void csvHasAColumnPerFieldAndCellAndTheCliExportsTheSame() throws Exception {
        JsonNode chart = JSON.readTree(get("/api/history").body());
        long from = chart.get("time_ms").get(0).asLong();
        long to = chart.get("time_ms").get(99).asLong();
        HttpResponse<String> r = get("/api/history.csv?from=" + q(Instant.ofEpochMilli(from).toString()) + "&to="
                + q(Instant.ofEpochMilli(to).toString()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
        List<String> lines = r.body().lines().toList();
        assertThat(lines).hasSize(101);
        assertThat(lines.get(0)).startsWith("time,time_ms,packVoltage_mV,current_mA,soc_pct")
                .contains(",cell1_mV,").contains(",cell16_mV,").contains(",MOS_dC,").endsWith(",alarms");
        assertThat(lines.get(1)).startsWith(Instant.ofEpochMilli(from) + "," + from + ",");
        assertThat(lines.get(1).split(",", -1)).hasSize(lines.get(0).split(",").length);

        serve.history().recorder().close(); // the CLI reads the same file while the app runs; make sure it's written
        Path out = data.resolve("export.csv");
        StringWriter err = new StringWriter();
        int exit = JkbmsCommand.commandLine().setErr(new PrintWriter(err, true)).execute("export", "--data",
                data.toString(), "--from", Instant.ofEpochMilli(from).toString(), "--to",
                Instant.ofEpochMilli(to).toString(), "-o", out.toString());
        assertThat(exit).as(err.toString()).isZero();
        assertThat(Files.readAllLines(out)).isEqualTo(lines);
        assertThat(err.toString()).contains("100 rows of twin");

        int bad = JkbmsCommand.commandLine().setErr(new PrintWriter(err, true)).execute("export", "--data",
                data.resolve("nowhere").toString());
        assertThat(bad).isNotZero();
        assertThat(err.toString()).contains("no history in").contains("history.db is missing");
    }

    @Test
    void theAnalyticsAndTheRecorderStatusAnswer() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/analytics").statusCode() == 200);
        JsonNode a = JSON.readTree(get("/api/analytics").body());
        assertThat(a.get("chemistry").asText()).isEqualTo("LFP");
        assertThat(a.get("samples").asLong()).isGreaterThan(700);
        assertThat(a.get("resistance").get("cells")).hasSize(16);
        JsonNode status = JSON.readTree(get("/api/history/status").body());
        assertThat(status.get("recorder").get("ok").asBoolean()).isTrue();
        assertThat(status.get("recorder").get("store").asText()).startsWith("sqlite: ").endsWith("history.db");
        assertThat(status.get("spans").get("raw").get("newest_ms").asLong()).isPositive();
    }
}
