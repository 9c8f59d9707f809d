package io.jkbms.app.web;

import io.jkbms.app.device.Device;
import io.jkbms.app.device.RemoteDevice;
import io.jkbms.app.device.TwinDevice;
import io.jkbms.app.history.History;
import io.jkbms.app.history.HistoryStore;
import io.jkbms.app.history.StoreException;
import io.jkbms.app.twin.TwinBackend;
import io.jkbms.sim.scenario.Scenario;
import io.jkbms.sim.twin.Twin;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;

/** The main job once its options are checked: a device (twin or real board) and the web app in front of it. */
public final class Serve implements AutoCloseable {
    /** The twin's history is kept under this name. */
    public static final String TWIN_BOARD = "twin";

    private final Device device;
    private final History history;
    private final WebServer server;
    private final String token;

    private Serve(Device device, History history, WebServer server, String token) {
        this.device = device;
        this.history = history;
        this.server = server;
        this.token = token;
    }

    /**
     * A twin of {@code scenario} at {@code speed}, recorded into the history, with the app in front. The twin's clock
     * starts now, or just after its newest recorded reading if an earlier run (at speed) got ahead of the wall clock,
     * so its history never runs backwards.
     */
    public static Serve twin(Scenario scenario, double speed, InetAddress bind, int port, Path data,
                             Optional<Path> webRoot, History.Config historyConfig) throws IOException {
        String token = TokenStore.loadOrCreate(data);
        HistoryStore store = openStore(historyConfig, data);
        long start_ms = History.resumeTime_ms(store, TWIN_BOARD, System.currentTimeMillis());
        Twin twin = new Twin(scenario);
        TwinDevice device = new TwinDevice(twin, new TwinBackend(twin, true), start_ms);
        device.twin().orElseThrow().setSpeed(speed);
        return start(device, History.record(store, device, TWIN_BOARD, historyConfig), bind, port, token, webRoot);
    }

    /**
     * A real board through the protocol client named by {@code connect} (see {@link RemoteDevice#parse}); its
     * history is kept under the {@code connect} text.
     */
    public static Serve board(String connect, InetAddress bind, int port, Path data, Optional<Path> webRoot,
                              History.Config historyConfig) throws IOException {
        RemoteDevice.Target target = RemoteDevice.parse(connect);
        String token = TokenStore.loadOrCreate(data);
        HistoryStore store = openStore(historyConfig, data);
        RemoteDevice device = RemoteDevice.start(target);
        return start(device, History.record(store, device, connect, historyConfig), bind, port, token, webRoot);
    }

    private static HistoryStore openStore(History.Config config, Path data) throws IOException {
        try {
            return config.open(data);
        } catch (StoreException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static Serve start(Device device, History history, InetAddress bind, int port, String token,
                               Optional<Path> webRoot) throws IOException {
        WebServer server = new WebServer(device, history, bind, port, token, webRoot);
        try {
            server.start();
        } catch (RuntimeException e) {
            history.close();
            device.close();
            throw new IOException("cannot listen on " + bind.getHostAddress() + ":" + port + " ("
                    + rootMessage(e) + "); is another jkbms running? choose another port with --port", e);
        }
        if (device instanceof TwinDevice t) {
            t.twinRunner().start();
        }
        return new Serve(device, history, server, token);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    public Device device() {
        return device;
    }

    public WebServer server() {
        return server;
    }

    public String token() {
        return token;
    }

    public int port() {
        return server.port();
    }

    public History history() {
        return history;
    }

    @Override
    public void close() {
        server.close();
        history.close();
        device.close();
    }
}
