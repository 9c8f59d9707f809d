package io.jkbms.app.bench;

import java.net.http.WebSocket;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * One browser stand-in on /api/live: for every status message whose {@code sampled_ms} falls in the measurement
 * window it records receive time minus {@code sampled_ms} (both {@link System#currentTimeMillis()}, so whole ms).
 * The receive time is taken when the last fragment of the message arrives, before any parsing. The JDK calls a
 * listener's methods one at a time per WebSocket; the lock only makes the results visible to the reporting thread.
 */
final class LiveClient implements WebSocket.Listener {
    private final Set<Long> seenByAny;
    private final StringBuilder partial = new StringBuilder();
    private volatile long windowStart_ms = Long.MAX_VALUE;
    private volatile long windowEnd_ms = Long.MAX_VALUE;
    private int[] latencies_ms = new int[64];
    private int received;
    private int messages;
    private volatile boolean closed;
    volatile WebSocket socket;

    LiveClient(Set<Long> seenByAny) {
        this.seenByAny = seenByAny;
    }

    /** Readings sampled in [start, end) count; earlier and later ones are ignored. */
    void window(long start_ms, long end_ms) {
        windowEnd_ms = end_ms;
        windowStart_ms = start_ms;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long now = System.currentTimeMillis();
        if (!last) {
            partial.append(data);
            webSocket.request(1);
            return null;
        }
        CharSequence text = data;
        if (partial.length() > 0) {
            partial.append(data);
            text = partial.toString();
            partial.setLength(0);
        }
        long sampled = statusSampledMs(text);
        synchronized (this) {
            messages++;
            if (sampled >= windowStart_ms && sampled < windowEnd_ms) {
                if (received == latencies_ms.length) {
                    latencies_ms = Arrays.copyOf(latencies_ms, received * 2);
                }
                latencies_ms[received++] = (int) (now - sampled);
                seenByAny.add(sampled);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed = true;
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed = true;
    }

    boolean closed() {
        return closed;
    }

    synchronized int received() {
        return received;
    }

    synchronized int messages() {
        return messages;
    }

    synchronized int[] latencies() {
        return Arrays.copyOf(latencies_ms, received);
    }

    /**
     * The {@code sampled_ms} of a {@code {"type":"status",…}} message, or -1 for anything else (events). A plain scan,
     * not a JSON parse: the clients share the machine with the server, so they should cost as little as possible.
     */
    static long statusSampledMs(CharSequence text) {
        String s = text.toString();
        int head = s.indexOf("\"type\"");
        if (head < 0 || !s.startsWith("\"status\"", skipSpaceAndColon(s, head + 6))) {
            return -1;
        }
        int k = s.indexOf("\"sampled_ms\"");
        if (k < 0) {
            return -1;
        }
        int i = skipSpaceAndColon(s, k + 12);
        long v = 0;
        int digits = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            v = v * 10 + (s.charAt(i++) - '0');
            digits++;
        }
        return digits == 0 ? -1 : v;
    }

    private static int skipSpaceAndColon(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == ':')) {
            i++;
        }
        return i;
    }
}
