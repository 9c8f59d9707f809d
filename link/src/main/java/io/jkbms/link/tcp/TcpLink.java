package io.jkbms.link.tcp;

import io.jkbms.link.Link;
import io.jkbms.link.LinkException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/** A TCP connection as a {@link Link}. */
public final class TcpLink implements Link {
    private final Socket socket;
    private final String description;
    private final InputStream in;
    private final OutputStream out;

    private TcpLink(Socket socket, String description) throws IOException {
        this.socket = socket;
        this.description = description;
        socket.setTcpNoDelay(true);
        // Taken once: after a close, reads and writes fail with an IOException the callers handle.
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to HOST:PORT, failing with a clear message after {@code connectTimeout_ms}. */
    public static TcpLink connect(String host, int port, int connectTimeout_ms, int readTimeout_ms) throws LinkException {
        Socket s = new Socket();
        String d = "tcp://" + host + ":" + port;
        try {
            s.connect(new InetSocketAddress(host, port), connectTimeout_ms);
            s.setSoTimeout(readTimeout_ms);
            return new TcpLink(s, d);
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // the connection failed; nothing to close
            }
            throw new LinkException("cannot reach " + d + ": " + e.getMessage(), e);
        }
    }

    /** Wraps an accepted connection. */
    public static TcpLink accepted(Socket socket, int readTimeout_ms) throws IOException {
        socket.setSoTimeout(readTimeout_ms);
        return new TcpLink(socket, "tcp://" + socket.getRemoteSocketAddress());
    }

    /** Parses "HOST:PORT" (IPv6 as [::1]:PORT). */
    public static InetSocketAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + hostPort + "'");
        }
        String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a number in '" + hostPort + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535 in '" + hostPort + "'");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    @Override
    public InputStream in() {
        return in;
    }

    @Override
    public OutputStream out() {
        return out;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
