package io.jkbms.app.web;

import io.javalin.http.Context;
import io.jkbms.app.analytics.AnalyticsReport;
import io.jkbms.app.device.DeviceException;
import io.jkbms.app.history.History;
import io.jkbms.app.history.HistoryStore;
import io.jkbms.app.history.Instants;
import io.jkbms.app.history.Resolution;
import io.jkbms.app.history.StoreException;
import io.jkbms.app.history.StoredEvent;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The history's endpoints (docs/api.md): charts, events, settings history, CSV export and the recorder's status.
 * Ranges are {@code from} / {@code to} as ISO-8601 instants or epoch ms on the board's clock; without them, the hour
 * up to the newest reading.
 */
final class HistoryApi {
    static final int DEFAULT_POINTS = 4000;
    static final int MAX_POINTS = 20_000;
    private static final long HOUR_ms = 3_600_000;

    private final History history;

    HistoryApi(History history) {
        this.history = history;
    }

    private HistoryStore store() {
        return history.store();
    }

    record Range(long from_ms, long to_ms) {
    }

    /** The range asked for; a missing end is the newest reading (or now), a missing start an hour before the end. */
    Range range(Context ctx) throws StoreException {
        String from = ctx.queryParam("from");
        String to = ctx.queryParam("to");
        long end;
        if (to != null) {
            end = instant("to", to);
        } else {
            end = store().newest_ms(history.board()).orElseGet(System::currentTimeMillis);
        }
        long start = from != null ? instant("from", from) : end - HOUR_ms;
        if (start > end) {
            throw new ApiException(400, "from (" + Instant.ofEpochMilli(start) + ") is after to ("
                    + Instant.ofEpochMilli(end) + ")");
        }
        return new Range(start, end);
    }

    static long instant(String name, String value) {
        try {
            return Instants.parse(name, value);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
    }

    private static int intParam(Context ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // the message below
        }
        throw new ApiException(400, name + " must be a whole number from " + min + " to " + max + ", was '" + v + "'");
    }

    void chart(Context ctx) throws StoreException {
        Range r = range(ctx);
        int points = intParam(ctx, "points", DEFAULT_POINTS, 10, MAX_POINTS);
        ctx.json(store().chart(history.board(), r.from_ms(), r.to_ms(), points));
    }

    void events(Context ctx) throws StoreException {
        Range r = range(ctx);
        int limit = intParam(ctx, "limit", 500, 1, 10_000);
        Set<String> categories = new LinkedHashSet<>(StoredEvent.CATEGORIES);
        String filter = ctx.queryParam("category");
        if (filter != null && !filter.isBlank()) {
            categories.clear();
            for (String c : filter.split(",")) {
                String cat = c.trim().toLowerCase(Locale.ROOT);
                if (!StoredEvent.CATEGORIES.contains(cat)) {
                    throw new ApiException(400, "category '" + c.trim() + "' is not one of "
                            + String.join(", ", StoredEvent.CATEGORIES.stream().sorted().toList()));
                }
                categories.add(cat);
            }
        }
        List<StoredEvent> events = store().events(history.board(), r.from_ms(), r.to_ms(), categories, limit);
        ctx.json(Map.of("from_ms", r.from_ms(), "to_ms", r.to_ms(), "events", events));
    }

    void settingsHistory(Context ctx) throws StoreException {
        Range r = ctx.queryParam("from") == null ? new Range(0, Long.MAX_VALUE / 2) : range(ctx);
        ctx.json(Map.of("changes", store().settingsHistory(history.board(), r.from_ms(), r.to_ms())));
    }

    void status(Context ctx) throws StoreException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recorder", history.recorder().status());
        Map<String, Object> spans = new LinkedHashMap<>();
        try {
            store().spans(history.board()).forEach((res, span) -> spans.put(res.name().toLowerCase(Locale.ROOT), span));
        } catch (StoreException e) {
            spans.put("error", e.getMessage());
        }
        body.put("spans", spans);
        body.put("analytics", Map.of("ready", history.analytics().report().isPresent(),
                "problem", history.analytics().problem()));
        ctx.json(body);
    }

    /**
     * The analytics over the whole history (kept current as readings come), or over {@code from..to} when given
     * (read now). 503 while the history is still being read at start.
     */
    void analytics(Context ctx) throws StoreException, DeviceException {
        if (ctx.queryParam("from") != null || ctx.queryParam("to") != null) {
            Range r = range(ctx);
            ctx.json(history.analytics().analyse(r.from_ms(), r.to_ms()));
            return;
        }
        AnalyticsReport report = history.analytics().report().orElseThrow(() -> new ApiException(503,
                "the analytics are still reading the recorded history; ask again in a moment"));
        ctx.json(report);
    }

    void csv(Context ctx) throws StoreException {
        Range r = range(ctx);
        String res = ctx.queryParam("resolution");
        Resolution resolution;
        try {
            resolution = res == null ? Resolution.RAW : Resolution.valueOf(res.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "resolution must be raw, minute or hour; was '" + res + "'");
        }
        String name = "jkbms-" + history.board().replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + Instant.ofEpochMilli(r.from_ms()).toString().replace(':', '-') + ".csv";
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8),
                65_536)) {
            store().exportCsv(history.board(), resolution, r.from_ms(), r.to_ms(), w);
        } catch (java.io.IOException | UncheckedIOException e) {
            // the browser went away mid-download: nothing to answer
        } catch (IllegalArgumentException e) {
            throw new ApiException(404, e.getMessage());
        }
    }
}
