package io.jkbms.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JsonMapper;
import io.jkbms.app.device.Device;
import io.jkbms.app.device.DeviceException;
import io.jkbms.app.history.History;
import io.jkbms.app.history.StoreException;
import org.eclipse.jetty.websocket.api.Session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The web app for one {@link Device}: the API of docs/api.md, the live WebSocket and the pages (served from the jar,
 * or from {@code webRoot} while working on them). Binds to loopback unless told otherwise.
 */
public final class WebServer implements AutoCloseable {
    private final Device device;
    private final ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private final LiveHub hub = new LiveHub(json);
    private final Javalin app;

    /**
     * @param webRoot a folder to serve the pages from instead of the jar (for working on them without a rebuild)
     */
    public WebServer(Device device, History history, InetAddress bind, int port, String token,
                     Optional<Path> webRoot) {
        this.device = device;
        Guard guard = new Guard(token, bind);
        Api api = new Api(device, json);
        HistoryApi past = new HistoryApi(history);
        this.app = Javalin.create(config -> {
            config.jetty.host = bind.getHostAddress();
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jsonMapper(new Mapper(json));
            // A reading is ~1 kB twice a second: compressing it per browser cost 5x the server's CPU and a
            // compressor's memory per browser, to save bandwidth nobody lacks. The feed goes uncompressed.
            config.jetty.modifyWebSocketServletFactory(f -> f.getAvailableExtensionNames().remove("permessage-deflate"));
            config.staticFiles.enableWebjars();
            if (webRoot.isPresent()) {
                config.staticFiles.add(webRoot.get().toAbsolutePath().toString(), Location.EXTERNAL);
            } else if (WebServer.class.getResource("/web/index.html") != null) {
                config.staticFiles.add("/web", Location.CLASSPATH);
            }
            var r = config.routes;
            r.before("/api/*", guard::check);
            r.get("/api/status", api::status);
            r.get("/api/device", api::device);
            r.get("/api/settings", api::settings);
            r.get("/api/settings/schema", api::schema);
            r.get("/api/presets", api::presets);
            r.put("/api/settings", api::putSettings);
            r.post("/api/settings/check", api::checkSettings);
            r.post("/api/switch/{name}", api::switchOn);
            r.post("/api/control/{action}", api::control);
            r.post("/api/calibrate/{what}", api::calibrate);
            r.get("/api/twin", api::twinState);
            r.post("/api/twin/{action}", api::twinAction);
            r.get("/api/history", past::chart);
            r.get("/api/history.csv", past::csv);
            r.get("/api/history/status", past::status);
            r.get("/api/events", past::events);
            r.get("/api/settings/history", past::settingsHistory);
            r.wsBeforeUpgrade("/api/live", guard::checkUpgrade);
            r.ws("/api/live", ws -> {
                ws.onConnect(ctx -> {
                    ctx.enableAutomaticPings();
                    Session s = ctx.session;
                    hub.add(s);
                    hub.sendTo(s, device.status());
                });
                ws.onClose(ctx -> hub.remove(ctx.session));
                ws.onError(ctx -> hub.remove(ctx.session));
            });
            r.exception(ApiException.class, (e, ctx) -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("error", e.getMessage());
                body.putAll(e.extra);
                ctx.status(e.status).json(body);
            });
            r.exception(DeviceException.class, (e, ctx) -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("error", e.getMessage());
                int status;
                switch (e.kind()) {
                    case OFFLINE:
                        status = 503;
                        body.put("reason", device.status().reason());
                        break;
                    case TIMEOUT:
                        status = 504;
                        break;
                    case UNSUPPORTED:
                        status = 501;
                        break;
                    default:
                        status = 409;
                }
                ctx.status(status).json(body);
            });
            r.exception(StoreException.class, (e, ctx) -> ctx.status(503).json(Map.of("error", e.getMessage(),
                    "kind", e.kind().name())));
            r.exception(IllegalStateException.class, (e, ctx) -> ctx.status(409).json(Map.of("error", e.getMessage())));
            r.error(404, "application/json", ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    ctx.json(Map.of("error", "no such page or endpoint: " + ctx.path()));
                }
            });
        });
        device.addListener(hub);
    }

    public WebServer start() {
        app.start();
        return this;
    }

    public int port() {
        return app.port();
    }

    /** Browsers on the live feed now. */
    public int liveClients() {
        return hub.size();
    }

    @Override
    public void close() {
        device.removeListener(hub);
        app.stop();
        hub.close();
    }

    /** Javalin's JSON through the app's one ObjectMapper. */
    private static final class Mapper implements JsonMapper {
        private final ObjectMapper json;

        Mapper(ObjectMapper json) {
            this.json = json;
        }

        @Override
        public String toJsonString(Object obj, Type type) {
            try {
                return json.writeValueAsString(obj);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public <T> T fromJsonString(String text, Type type) {
            try {
                return json.readValue(text, json.constructType(type));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
