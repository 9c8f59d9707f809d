package io.jkbms.app.web;

import io.jkbms.app.device.Device;
import io.jkbms.app.device.RemoteDevice;
import io.jkbms.app.device.TwinDevice;
import io.jkbms.app.twin.TwinBackend;
import io.jkbms.sim.scenario.Scenario;
import io.jkbms.sim.twin.Twin;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;

/** The main job once its options are checked: a device (twin or real board) and the web app in front of it. */
public final class Serve implements AutoCloseable {
    private final Device device;
    private final WebServer server;
    private final String token;

    private Serve(Device device, WebServer server, String token) {
        this.device = device;
        this.server = server;
        this.token = token;
    }

    /** A twin of {@code scenario} at {@code speed}, with the app in front. */
    public static Serve twin(Scenario scenario, double speed, InetAddress bind, int port, Path data,
                             Optional<Path> webRoot) throws IOException {
        String token = TokenStore.loadOrCreate(data);
        Twin twin = new Twin(scenario);
        TwinDevice device = new TwinDevice(twin, new TwinBackend(twin, true));
        device.twin().orElseThrow().setSpeed(speed);
        return start(device, bind, port, token, webRoot);
    }

    /** A real board through the protocol client named by {@code connect} (see {@link RemoteDevice#parse}). */
    public static Serve board(String connect, InetAddress bind, int port, Path data, Optional<Path> webRoot)
            throws IOException {
        RemoteDevice.Target target = RemoteDevice.parse(connect);
        String token = TokenStore.loadOrCreate(data);
        return start(RemoteDevice.start(target), bind, port, token, webRoot);
    }

    private static Serve start(Device device, InetAddress bind, int port, String token, Optional<Path> webRoot)
            throws IOException {
        WebServer server = new WebServer(device, bind, port, token, webRoot);
        try {
            server.start();
        } catch (RuntimeException e) {
            device.close();
            throw new IOException("cannot listen on " + bind.getHostAddress() + ":" + port + " ("
                    + rootMessage(e) + "); is another jkbms running? choose another port with --port", e);
        }
        if (device instanceof TwinDevice t) {
            t.twinRunner().start();
        }
        return new Serve(device, server, token);
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

    @Override
    public void close() {
        server.close();
        device.close();
    }
}
