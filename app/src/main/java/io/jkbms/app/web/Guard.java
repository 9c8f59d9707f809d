package io.jkbms.app.web;

import io.javalin.http.Context;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Who may do what (docs/api.md, Security): writes need the token; reads need it too unless the client is on
 * loopback; the Host must name this server (DNS rebinding) and an Origin, when sent, must be this server's own
 * (cross-site requests and WebSocket hijacking).
 */
final class Guard {
    private final byte[] token;
    private final Set<String> hosts;

    Guard(String token, InetAddress bind) {
        this.token = token.getBytes(StandardCharsets.US_ASCII);
        this.hosts = allowedHosts(bind);
    }

    /** Host names (without port) a request may address this server by. */
    static Set<String> allowedHosts(InetAddress bind) {
        Set<String> h = new HashSet<>(Set.of("127.0.0.1", "localhost", "[::1]"));
        h.add(literal(bind));
        if (bind.isAnyLocalAddress()) {
            // Listening everywhere: any address of this machine, and its names.
            try {
                for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                        h.add(literal(a));
                    }
                }
            } catch (SocketException ignored) {
                // only the names above
            }
            try {
                InetAddress local = InetAddress.getLocalHost();
                h.add(local.getHostName().toLowerCase(Locale.ROOT));
                h.add(local.getCanonicalHostName().toLowerCase(Locale.ROOT));
            } catch (UnknownHostException ignored) {
                // no name for this host
            }
        } else if (!bind.isLoopbackAddress()) {
            h.add(bind.getHostName().toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(h);
    }

    private static String literal(InetAddress a) {
        String s = a.getHostAddress();
        if (a instanceof Inet6Address) {
            int pct = s.indexOf('%');
            return "[" + (pct < 0 ? s : s.substring(0, pct)) + "]";
        }
        return s;
    }

    /** The host part of a Host header ("127.0.0.1:8080" → "127.0.0.1", "[::1]:80" → "[::1]"). */
    static String hostOnly(String hostHeader) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    void checkHost(String hostHeader) {
        if (hostHeader == null || !hosts.contains(hostOnly(hostHeader))) {
            throw new ApiException(403, "this server does not answer to host '" + hostHeader + "'");
        }
    }

    /** An Origin header, when there is one, must be this server: http(s)://<the Host header>. */
    void checkOrigin(String origin, String hostHeader) {
        if (origin == null || origin.isEmpty()) {
            return;
        }
        String o = origin.toLowerCase(Locale.ROOT);
        String host = hostHeader == null ? "" : hostHeader.toLowerCase(Locale.ROOT);
        if (!o.equals("http://" + host) && !o.equals("https://" + host)) {
            throw new ApiException(403, "cross-site request refused (origin " + origin + ")");
        }
    }

    boolean tokenMatches(String presented) {
        return presented != null
                && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.US_ASCII));
    }

    static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String a = authorization.trim();
        return a.regionMatches(true, 0, "Bearer ", 0, 7) ? a.substring(7).trim() : null;
    }

    static boolean fromLoopback(String ip) {
        try {
            return InetAddress.getByName(ip).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Before every /api request. */
    void check(Context ctx) {
        checkHost(ctx.header("Host"));
        String m = ctx.method().name();
        // The settings check is a POST only because it carries a body: it writes nothing.
        boolean write = !m.equals("GET") && !m.equals("HEAD") && !m.equals("OPTIONS")
                && !ctx.path().equals("/api/settings/check");
        if (write) {
            checkOrigin(ctx.header("Origin"), ctx.header("Host"));
            if (!tokenMatches(bearer(ctx.header("Authorization")))) {
                throw new ApiException(401, "this change needs the write token: send 'Authorization: Bearer <token>' "
                        + "(printed at start-up, kept in the data folder's 'token' file)");
            }
            String type = ctx.header("Content-Type");
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                throw new ApiException(415, "send the body as JSON (Content-Type: application/json)");
            }
        } else if (!fromLoopback(ctx.ip()) && !tokenMatches(bearer(ctx.header("Authorization")))
                && !tokenMatches(ctx.queryParam("token"))) {
            throw new ApiException(401, "reading from another machine needs the token (Authorization: Bearer <token>)");
        }
    }

    /** Before a WebSocket upgrade: same host and origin rules; off loopback the token as ?token=. */
    void checkUpgrade(Context ctx) {
        checkHost(ctx.header("Host"));
        checkOrigin(ctx.header("Origin"), ctx.header("Host"));
        if (!fromLoopback(ctx.ip()) && !tokenMatches(ctx.queryParam("token"))
                && !tokenMatches(bearer(ctx.header("Authorization")))) {
            throw new ApiException(401, "the live feed from another machine needs ?token=<token>");
        }
    }
}
