package io.jkbms.app.device;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The events a real board's readings imply: its protocols carry no event log, so a protection trip or recovery, a
 * MOSFET switching, the heater, the balancer and emergency mode are seen as changes between one reading and the
 * next (the twin's firmware reports its own). Names match the firmware's event types, so they file the same way.
 */
final class StatusEvents {
    private StatusView previous;

    /** What changed since the previous reading (nothing for the first). */
    List<EventView> next(StatusView now) {
        List<EventView> out = new ArrayList<>();
        StatusView before = previous;
        previous = now;
        if (before == null) {
            return out;
        }
        long t = now.time_ms();
        Set<String> was = codes(before);
        Set<String> is = codes(now);
        for (StatusView.AlarmView a : now.alarms()) {
            if (!was.contains(a.code())) {
                out.add(new EventView("event", t, a.code(), "TRIP", 0, a.text() + " (alarm set)"));
            }
        }
        for (StatusView.AlarmView a : before.alarms()) {
            if (!is.contains(a.code())) {
                out.add(new EventView("event", t, a.code(), "RECOVER", 0, a.text() + " (alarm cleared)"));
            }
        }
        change(out, t, "SWITCH", "charge MOSFET", before.chargeMos(), now.chargeMos());
        change(out, t, "SWITCH", "discharge MOSFET", before.dischargeMos(), now.dischargeMos());
        change(out, t, "HEATING", "heater", before.heating(), now.heating());
        change(out, t, "EMERGENCY", "emergency mode", before.emergency(), now.emergency());
        change(out, t, "BALANCE", "balancer", before.balancer().active(), now.balancer().active());
        return out;
    }

    private static void change(List<EventView> out, long t, String event, String what, boolean was, boolean is) {
        if (was != is) {
            out.add(new EventView("event", t, event, is ? "ON" : "OFF", 0, what + (is ? " on" : " off")));
        }
    }

    private static Set<String> codes(StatusView s) {
        Set<String> out = new HashSet<>();
        for (StatusView.AlarmView a : s.alarms()) {
            out.add(a.code());
        }
        return out;
    }
}
