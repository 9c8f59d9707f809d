package io.jkbms.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jkbms.app.device.DeviceListener;
import io.jkbms.app.device.EventView;
import io.jkbms.app.device.StatusView;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live feed (/api/live): each reading is serialised once and sent to every browser without waiting. A browser
 * that falls behind skips readings (the next one replaces them) rather than queueing them; one that stops reading
 * altogether is closed, so it cannot make the server hold memory without bound.
 */
final class LiveHub implements DeviceListener {
    /** Writes in flight beyond which a browser skips status messages. */
    static final int SKIP_ABOVE = 4;
    /** Writes in flight at which a browser is considered gone. */
    static final int CLOSE_AT = 256;

    /** Below this many browsers one thread sends to all; above, the sends are split over {@link #senders}. */
    static final int SPLIT_ABOVE = 64;

    private final ObjectMapper json;
    private final Map<Session, AtomicInteger> sessions = new ConcurrentHashMap<>();
    /**
     * Jetty frames and starts each write on the calling thread, ~20 µs a browser: one thread alone made the last of
     * 2 000 browsers wait 40 ms. The sends of one reading are split over the cores, and the reading is done before the
     * next starts, so no browser ever gets readings out of order.
     */
    private final ExecutorService senders;
    private final int parts;

    LiveHub(ObjectMapper json) {
        this.json = json;
        this.parts = Math.max(2, Runtime.getRuntime().availableProcessors());
        this.senders = Executors.newFixedThreadPool(parts - 1, r -> {
            Thread t = new Thread(r, "jkbms-live-sender");
            t.setDaemon(true);
            return t;
        });
    }

    void close() {
        senders.shutdownNow();
    }

    void add(Session s) {
        sessions.put(s, new AtomicInteger());
    }

    void remove(Session s) {
        sessions.remove(s);
    }

    int size() {
        return sessions.size();
    }

    /** The first message a new browser gets: the latest reading. */
    void sendTo(Session s, StatusView status) {
        AtomicInteger inFlight = sessions.get(s);
        if (inFlight != null) {
            send(s, inFlight, statusMessage(status), false);
        }
    }

    String statusMessage(StatusView status) {
        ObjectNode n = json.valueToTree(status);
        ObjectNode out = json.createObjectNode().put("type", "status");
        out.setAll(n);
        return out.toString();
    }

    @Override
    public void onStatus(StatusView status) {
        if (sessions.isEmpty()) {
            return;
        }
        String text = statusMessage(status);
        fanOut(text, true);
    }

    private void fanOut(String text, boolean skippable) {
        @SuppressWarnings("unchecked")
        Map.Entry<Session, AtomicInteger>[] all = sessions.entrySet().toArray(new Map.Entry[0]);
        if (all.length <= SPLIT_ABOVE) {
            sendRange(all, 0, all.length, text, skippable);
            return;
        }
        int chunk = (all.length + parts - 1) / parts;
        List<Future<?>> pending = new ArrayList<>(parts - 1);
        for (int from = chunk; from < all.length; from += chunk) {
            int f = from;
            int to = Math.min(all.length, from + chunk);
            try {
                pending.add(senders.submit(() -> sendRange(all, f, to, text, skippable)));
            } catch (RejectedExecutionException e) {
                sendRange(all, f, to, text, skippable);
            }
        }
        sendRange(all, 0, Math.min(chunk, all.length), text, skippable);
        for (Future<?> p : pending) {
            try {
                p.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                // a send that threw removed nobody: the next reading tries that browser again
            }
        }
    }

    private void sendRange(Map.Entry<Session, AtomicInteger>[] all, int from, int to, String text, boolean skippable) {
        for (int i = from; i < to; i++) {
            send(all[i].getKey(), all[i].getValue(), text, skippable);
        }
    }

    @Override
    public void onEvent(EventView event) {
        if (sessions.isEmpty()) {
            return;
        }
        fanOut(json.valueToTree(event).toString(), false);
    }

    private void send(Session s, AtomicInteger inFlight, String text, boolean skippable) {
        if (!s.isOpen()) {
            sessions.remove(s);
            return;
        }
        int n = inFlight.get();
        if (n >= CLOSE_AT) {
            sessions.remove(s);
            s.close(1008, "not reading the live feed", Callback.NOOP);
            return;
        }
        if (skippable && n > SKIP_ABOVE) {
            return;
        }
        inFlight.incrementAndGet();
        s.sendText(text, Callback.from(inFlight::decrementAndGet, failure -> {
            inFlight.decrementAndGet();
            sessions.remove(s);
        }));
    }
}
