package io.jkbms.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jkbms.app.device.DeviceListener;
import io.jkbms.app.device.EventView;
import io.jkbms.app.device.StatusView;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    private final ObjectMapper json;
    private final Map<Session, AtomicInteger> sessions = new ConcurrentHashMap<>();

    LiveHub(ObjectMapper json) {
        this.json = json;
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
        sessions.forEach((s, n) -> send(s, n, text, true));
    }

    @Override
    public void onEvent(EventView event) {
        if (sessions.isEmpty()) {
            return;
        }
        String text = json.valueToTree(event).toString();
        sessions.forEach((s, n) -> send(s, n, text, false));
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
