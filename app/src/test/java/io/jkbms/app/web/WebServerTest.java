package io.jkbms.app.web;

import io.jkbms.app.history.History;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.sim.scenario.DefaultScenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WebServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private Serve serve;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        serve = Serve.twin(DefaultScenario.load(), 1, InetAddress.getLoopbackAddress(), 0, data, Optional.empty(),
                History.Config.DEFAULT);
    }

    @AfterEach
    void stop() {
        serve.close();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + serve.port() + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> write(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String body) throws Exception {
        return write("PUT", "/api/settings", body, serve.token());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return write("POST", path, body, serve.token());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private JsonNode status() throws Exception {
        return json(get("/api/status"));
    }

    private int setting(SettingKey k) throws Exception {
        return serve.device().currentSettings().get(k);
    }

    @Test
    void statusIsOpenOnLoopbackAndCarriesEveryCell() throws Exception {
        HttpResponse<String> r = get("/api/status");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode s = json(r);
        assertThat(s.get("online").asBoolean()).isTrue();
        assertThat(s.get("cell_mV")).hasSize(16);
        assertThat(s.get("packVoltage_mV").asInt()).isBetween(40_000, 60_000);
        assertThat(s.get("temperatures").get(0).get("name").asText()).isEqualTo("T1");
        assertThat(json(get("/api/device")).get("model").asText()).isEqualTo("JK-BD4A24S-12P");
        assertThat(json(get("/api/settings")).get("cell_count").asInt()).isEqualTo(16);
    }

    @Test
    void aSettingIsAppliedByTheFirmwareAndReadBack() throws Exception {
        HttpResponse<String> r = put("{\"cell_ovp_mV\": 3600, \"charge_enabled\": true}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("applied").get("cell_ovp_mV").asInt()).isEqualTo(3600);
        assertThat(json(r).get("applied").get("charge_enabled").asBoolean()).isTrue();
        assertThat(setting(SettingKey.CELL_OVP_mV)).isEqualTo(3600);
        assertThat(json(get("/api/settings")).get("cell_ovp_mV").asInt()).isEqualTo(3600);
    }

    @Test
    void everyProblemIsNamedAndNothingIsWritten() throws Exception {
        int before = setting(SettingKey.CELL_UVP_mV);
        HttpResponse<String> r = put("{\"cell_uvp_mV\": 2700, \"cell_ovp_mV\": 9000, \"no_such\": 1}");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode problems = json(r).get("problems");
        assertThat(problems.findValuesAsText("field")).contains("cell_ovp_mV", "no_such");
        JsonNode ovp = null;
        for (JsonNode p : problems) {
            if (p.get("field").asText().equals("cell_ovp_mV")) {
                ovp = p;
            }
        }
        assertThat(ovp.get("value").asText()).isEqualTo("9000");
        assertThat(ovp.get("allowed").asText()).contains("1000..5000");
        assertThat(setting(SettingKey.CELL_UVP_mV)).as("the valid field of a refused change").isEqualTo(before);
    }

    @Test
    void checkPreviewsWithoutWriting() throws Exception {
        HttpResponse<String> r = write("POST", "/api/settings/check", "{\"cell_ovp_mV\": 3610}", null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode c = json(r);
        assertThat(c.get("ok").asBoolean()).isTrue();
        assertThat(c.get("changes").get(0).get("new").asInt()).isEqualTo(3610);
        assertThat(setting(SettingKey.CELL_OVP_mV)).isNotEqualTo(3610);
        JsonNode bad = json(write("POST", "/api/settings/check", "{\"cell_ovpr_mV\": 3700}", null));
        assertThat(bad.get("ok").asBoolean()).as("recovery above protection").isFalse();
    }

    @Test
    void writesNeedTheTokenAndComeFromThisSite() throws Exception {
        assertThat(write("PUT", "/api/settings", "{\"cell_ovp_mV\": 3611}", null).statusCode()).isEqualTo(401);
        assertThat(write("PUT", "/api/settings", "{\"cell_ovp_mV\": 3611}", "wrong").statusCode()).isEqualTo(401);
        assertThat(write("POST", "/api/switch/discharge", "{\"on\": false}", null).statusCode()).isEqualTo(401);
        HttpResponse<String> crossSite = http.send(HttpRequest.newBuilder(uri("/api/settings"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + serve.token())
                .header("Origin", "http://evil.example").PUT(HttpRequest.BodyPublishers.ofString("{\"cell_ovp_mV\": 3611}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(crossSite.statusCode()).isEqualTo(403);
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(uri("/api/settings"))
                .header("Content-Type", "text/plain").header("Authorization", "Bearer " + serve.token())
                .PUT(HttpRequest.BodyPublishers.ofString("{\"cell_ovp_mV\": 3611}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(setting(SettingKey.CELL_OVP_mV)).isNotEqualTo(3611);
        // No GET writes.
        assertThat(get("/api/switch/discharge").statusCode()).isEqualTo(404);
        assertThat(serve.device().currentSettings().isOn(SettingKey.DISCHARGE_ENABLED)).isTrue();
    }

    @Test
    void aRebindingHostIsRefused() throws Exception {
        try (Socket s = new Socket("127.0.0.1", serve.port())) {
            OutputStream o = s.getOutputStream();
            o.write(("GET /api/status HTTP/1.1\r\nHost: attacker.example:" + serve.port() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            o.flush();
            String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertThat(line).contains("403");
        }
    }

    @Test
    void switchingDischargeOffStopsTheCurrent() throws Exception {
        assertThat(post("/api/twin/profile", "{\"on\": false}").statusCode()).isEqualTo(200);
        assertThat(post("/api/twin/solar", "{\"on\": false}").statusCode()).isEqualTo(200);
        assertThat(post("/api/twin/load", "{\"current_A\": 20}").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> status().get("current_mA").asInt() < -15_000);
        HttpResponse<String> r = post("/api/switch/discharge", "{\"on\": false}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("on").asBoolean()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            JsonNode s = status();
            return !s.get("dischargeMos").asBoolean() && Math.abs(s.get("current_mA").asInt()) < 500;
        });
    }

    @Test
    void aShortCircuitFromTheTwinPanelShowsTheAlarm() throws Exception {
        assertThat(post("/api/twin/short", "{\"on\": true}").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> status().get("alarms").findValuesAsText("code").contains("SCP"));
        JsonNode s = status();
        assertThat(s.get("alarms").get(0).get("text").asText()).isEqualTo("short circuit");
        assertThat(s.get("dischargeMos").asBoolean()).isFalse();
        assertThat(json(get("/api/twin")).get("shortCircuit").asBoolean()).isTrue();
    }

    @Test
    void badTwinInputIsRefusedWithItsReason() throws Exception {
        HttpResponse<String> r = post("/api/twin/leaky-cell", "{\"cell\": 17, \"pctPerDay\": 5}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).contains("cell must be 1 to 16");
        assertThat(post("/api/twin/speed", "{\"speed\": 5000}").statusCode()).isEqualTo(400);
        assertThat(post("/api/twin/nonsense", "{}").statusCode()).isEqualTo(404);
        assertThat(post("/api/twin/load", "not json").statusCode()).isEqualTo(400);
    }

    @Test
    void controlNeedsConfirmationAndHeatingNeedsTheHFunction() throws Exception {
        assertThat(post("/api/control/factory-reset", "{}").statusCode()).isEqualTo(400);
        HttpResponse<String> heat = post("/api/switch/heating", "{\"on\": true}");
        assertThat(heat.statusCode()).isEqualTo(409);
        assertThat(json(heat).get("error").asText()).contains("heating");
        HttpResponse<String> em = post("/api/switch/emergency", "{\"on\": true}");
        assertThat(em.statusCode()).as(em.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(3)).until(() -> status().get("emergency").asBoolean());
        assertThat(post("/api/control/power-off", "{\"confirm\": true}").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(3)).until(() -> status().get("power").asText().equals("OFF"));
    }

    @Test
    void calibrationRefusesAnImplausibleReading() throws Exception {
        HttpResponse<String> r = post("/api/calibrate/voltage", "{\"measured_mV\": 10}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).isNotBlank();
        int pack = status().get("packVoltage_mV").asInt();
        assertThat(post("/api/calibrate/voltage", "{\"measured_mV\": " + (pack + 100) + "}").statusCode()).isEqualTo(200);
    }

    @Test
    void theLiveFeedPushesChangingReadings() throws Exception {
        List<JsonNode> got = new CopyOnWriteArrayList<>();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + serve.port() + "/api/live"),
                new WebSocket.Listener() {
                    private final StringBuilder buf = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        buf.append(data);
                        if (last) {
                            try {
                                got.add(JSON.readTree(buf.toString()));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            buf.setLength(0);
                        }
                        w.request(1);
                        return null;
                    }
                }).get();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> got.stream()
                    .filter(n -> n.get("type").asText().equals("status")).map(n -> n.get("sampled_ms").asLong())
                    .distinct().count() >= 3);
            assertThat(got.get(0).get("cell_mV")).hasSize(16);
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }

    @Test
    void theLiveFeedIsNotCompressed() throws Exception {
        // Browsers always offer permessage-deflate; per-browser compression was the feed's main cost (benchmarks.md).
        try (Socket s = new Socket("127.0.0.1", serve.port())) {
            s.getOutputStream().write(("GET /api/live HTTP/1.1\r\nHost: 127.0.0.1:" + serve.port() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.append(line).append('\n');
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("Sec-WebSocket-Extensions");
        }
    }

    @Test
    void theLiveFeedRefusesAnotherSite() {
        var attempt = http.newWebSocketBuilder().header("Origin", "http://evil.example")
                .buildAsync(URI.create("ws://127.0.0.1:" + serve.port() + "/api/live"), new WebSocket.Listener() { });
        org.assertj.core.api.Assertions.assertThatThrownBy(attempt::join).hasRootCauseMessage(
                "Unexpected HTTP response status code 403");
    }
}
