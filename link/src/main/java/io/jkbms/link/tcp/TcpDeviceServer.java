package io.jkbms.link.tcp;

import io.jkbms.link.DeviceEndpoint;
import io.jkbms.protocol.device.DeviceSession;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The twin listening on a TCP port: every connection gets its own device-side session (as a BLE-TCP bridge or an
 * RS485-Ethernet gateway would give each client the board's byte stream).
 */
public final class TcpDeviceServer implements java.io.Closeable {
    /** Read timeout of a connection: how long a read waits before the reader checks whether it should stop. */
    public static final int READ_TIMEOUT_ms = 20;
    /** At most this many clients at once; more are refused (closed at once) so a flood cannot exhaust the machine. */
    public static final int MAX_CONNECTIONS = 64;

    private final ServerSocket server;
    private final Function<Consumer<byte[]>, DeviceSession> sessions;
    private final LongSupplier clock_ms;
    private final List<DeviceEndpoint> endpoints = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    public TcpDeviceServer(InetAddress bind, int port, Function<Consumer<byte[]>, DeviceSession> sessions,
                           LongSupplier clock_ms) throws IOException {
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        try {
            server.bind(new InetSocketAddress(bind, port));
        } catch (IOException e) {
            server.close();
            throw new io.jkbms.link.LinkException("cannot listen on " + bind.getHostAddress() + ":" + port + ": "
                    + e.getMessage(), e);
        }
        this.sessions = sessions;
        this.clock_ms = clock_ms;
        this.acceptor = new Thread(this::accept, "jkbms-tcp-accept :" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections being served now. */
    public int connections() {
        endpoints.removeIf(e -> !e.isOpen());
        return endpoints.size();
    }

    private void accept() {
        System.Logger log = System.getLogger(TcpDeviceServer.class.getName());
        while (!closed) {
            Socket s = null;
            try {
                s = server.accept();
                endpoints.removeIf(e -> !e.isOpen());
                if (endpoints.size() >= MAX_CONNECTIONS) {
                    log.log(System.Logger.Level.WARNING, "port " + port() + ": " + MAX_CONNECTIONS
                            + " clients already connected; refusing " + s.getRemoteSocketAddress());
                    s.close();
                    continue;
                }
                s.setKeepAlive(true);
                endpoints.add(new DeviceEndpoint(TcpLink.accepted(s, READ_TIMEOUT_ms), sessions, clock_ms).start());
            } catch (IOException | RuntimeException e) {
                closeQuietly(s);
                if (!closed) {
                    // Out of file descriptors and the like: say so and back off rather than spin.
                    log.log(System.Logger.Level.WARNING, "accept on port " + port() + " failed: " + e.getMessage());
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (DeviceEndpoint e : endpoints) {
            e.close();
        }
    }
}
