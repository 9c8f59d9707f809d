package io.jkbms.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.jkbms.app.device.Device;
import io.jkbms.app.device.DeviceException;
import io.jkbms.app.device.TwinPanel;
import io.jkbms.core.board.Chemistry;
import io.jkbms.core.settings.InvalidSettingsException;
import io.jkbms.core.settings.Presets;
import io.jkbms.core.settings.SettingGroup;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.settings.SettingsValidator;
import io.jkbms.core.settings.Violation;
import io.jkbms.firmware.Switch;
import io.jkbms.protocol.device.DeviceCommand;
import io.jkbms.sim.board.SimulatedBoard;
import io.jkbms.sim.scenario.Action;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The handlers of docs/api.md. Every answer is JSON; every failure an {@link ApiException}. */
final class Api {
    private final Device device;
    private final ObjectMapper json;

    Api(Device device, ObjectMapper json) {
        this.device = device;
        this.json = json;
    }

    private String who(Context ctx) {
        return "web " + ctx.ip();
    }

    // ---- reads

    void status(Context ctx) {
        ctx.json(device.status());
    }

    void device(Context ctx) {
        ctx.json(device.device());
    }

    void settings(Context ctx) throws DeviceException {
        ctx.json(device.settings());
    }

    void schema(Context ctx) {
        Set<SettingKey> writable = device.writable();
        List<Map<String, Object>> groups = new ArrayList<>();
        for (SettingGroup g : SettingGroup.values()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (SettingKey k : SettingKey.values()) {
                if (k.group() != g) {
                    continue;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", k.jsonName());
                row.put("kind", k.kind().name());
                row.put("unit", k.unit());
                row.put("min", k.min());
                row.put("max", k.max());
                row.put("range", k.rangeText());
                row.put("description", k.description());
                row.put("enum", k.enumNames());
                row.put("available", writable.contains(k));
                if (!writable.contains(k)) {
                    row.put("unavailableReason", unavailable(k));
                }
                rows.add(row);
            }
            if (!rows.isEmpty()) {
                groups.add(Map.of("id", g.name(), "title", g.title(), "settings", rows));
            }
        }
        ctx.json(Map.of("groups", groups));
    }

    private String unavailable(SettingKey k) {
        if (k.requires().isPresent() && !device.model().has(k.requires().get())) {
            return "needs a board with the " + k.requires().get().name().toLowerCase(Locale.ROOT) + " function ("
                    + k.requires().get() + ")";
        }
        return "the protocol to this board does not carry it";
    }

    void presets(Context ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Chemistry c : Chemistry.values()) {
            out.put(c.name(), Presets.chemistryChange(c).toNamedValues());
        }
        ctx.json(out);
    }

    // ---- settings

    private SettingsPatch patch(Context ctx) throws DeviceException {
        Body body = Body.parse(json, ctx.body());
        @SuppressWarnings("unchecked")
        Map<String, Object> named = json.convertValue(body.node(), LinkedHashMap.class);
        if (named.isEmpty()) {
            throw new ApiException(400, "no settings given: send an object such as {\"cell_ovp_mV\": 3650}");
        }
        SettingsPatch.Parsed parsed = SettingsPatch.parseAll(named);
        List<Violation> problems = new ArrayList<>(parsed.problems());
        Set<SettingKey> writable = device.writable();
        for (Map.Entry<SettingKey, Integer> e : parsed.patch().values().entrySet()) {
            if (!writable.contains(e.getKey())) {
                problems.add(new Violation(e.getKey().jsonName(), String.valueOf(named.get(e.getKey().jsonName())),
                        "not settable here", unavailable(e.getKey())));
            }
        }
        if (!problems.isEmpty()) {
            // Report the ranges and cross-field rules of what did parse too: every problem in one answer.
            try {
                SettingsValidator.apply(device.model(), device.currentSettings(), parsed.patch());
            } catch (InvalidSettingsException e) {
                problems.addAll(e.violations());
            }
            throw invalid(problems);
        }
        return parsed.patch();
    }

    private static ApiException invalid(List<Violation> problems) {
        return new ApiException(400, "invalid settings", Map.of("problems", list(problems)));
    }

    void putSettings(Context ctx) throws DeviceException {
        SettingsPatch patch = patch(ctx);
        Map<SettingKey, Integer> readBack;
        try {
            readBack = device.apply(patch, who(ctx));
        } catch (InvalidSettingsException e) {
            throw invalid(e.violations());
        }
        Map<String, Object> applied = new LinkedHashMap<>();
        readBack.forEach((k, v) -> applied.put(k.jsonName(), k.toJsonValue(v)));
        ctx.json(Map.of("applied", applied, "settings", device.settings()));
    }

    void checkSettings(Context ctx) throws DeviceException {
        List<Map<String, String>> problems = new ArrayList<>();
        SettingsPatch patch;
        try {
            patch = patch(ctx);
        } catch (ApiException e) {
            if (e.status != 400 || !e.extra.containsKey("problems")) {
                throw e;
            }
            ctx.json(Map.of("ok", false, "problems", e.extra.get("problems"), "changes", List.of(), "warnings", List.of()));
            return;
        }
        Settings current = device.currentSettings();
        Settings after = current;
        try {
            after = SettingsValidator.apply(device.model(), current, patch);
        } catch (InvalidSettingsException e) {
            problems.addAll(list(e.violations()));
        }
        List<Map<String, Object>> changes = new ArrayList<>();
        for (Map.Entry<SettingKey, Integer> e : patch.values().entrySet()) {
            SettingKey k = e.getKey();
            if (current.get(k) != e.getValue()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("field", k.jsonName());
                c.put("old", k.toJsonValue(current.get(k)));
                c.put("new", k.toJsonValue(e.getValue()));
                changes.add(c);
            }
        }
        List<Map<String, String>> warnings = problems.isEmpty()
                ? list(SettingsValidator.validate(device.model(), after).warnings()) : List.of();
        ctx.json(Map.of("ok", problems.isEmpty(), "problems", problems, "changes", changes, "warnings", warnings));
    }

    private static List<Map<String, String>> list(List<Violation> vs) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Violation v : vs) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("field", v.field());
            m.put("value", v.value());
            m.put("allowed", v.allowed());
            m.put("reason", v.reason());
            out.add(m);
        }
        return out;
    }

    // ---- control

    void switchOn(Context ctx) throws DeviceException {
        String name = ctx.pathParam("name");
        boolean on = Body.parse(json, ctx.body()).bool("on");
        if (name.equals("emergency")) {
            device.command(new DeviceCommand.Emergency(on), who(ctx));
            ctx.json(Map.of("switch", name, "on", on));
            return;
        }
        Switch sw;
        try {
            sw = Switch.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(404, "no switch '" + name + "' (charge, discharge, balance, heating, emergency)");
        }
        if (!device.writable().contains(sw.key())) {
            throw new ApiException(409, name + ": " + unavailable(sw.key()));
        }
        Map<SettingKey, Integer> readBack;
        try {
            readBack = device.apply(SettingsPatch.of(sw.key(), on ? 1 : 0), who(ctx));
        } catch (InvalidSettingsException e) {
            throw invalid(e.violations());
        }
        ctx.json(Map.of("switch", name, "on", readBack.getOrDefault(sw.key(), on ? 1 : 0) == 1));
    }

    void control(Context ctx) throws DeviceException {
        String action = ctx.pathParam("action");
        DeviceCommand c;
        switch (action) {
            case "power-off":
                c = new DeviceCommand.PowerOff();
                break;
            case "factory-reset":
                c = new DeviceCommand.FactoryReset();
                break;
            case "wake":
                c = new DeviceCommand.Wake();
                break;
            default:
                throw new ApiException(404, "no control '" + action + "' (power-off, factory-reset, wake)");
        }
        Body body = Body.parse(json, ctx.body());
        if (!(c instanceof DeviceCommand.Wake) && !body.bool("confirm", false)) {
            throw new ApiException(400, action + " needs {\"confirm\": true}");
        }
        device.command(c, who(ctx));
        ctx.json(Map.of("done", action));
    }

    void calibrate(Context ctx) throws DeviceException {
        String what = ctx.pathParam("what");
        Body body = Body.parse(json, ctx.body());
        DeviceCommand c;
        if (what.equals("voltage")) {
            c = new DeviceCommand.CalibratePackVoltage(body.integer("measured_mV"));
        } else if (what.equals("current")) {
            c = new DeviceCommand.CalibrateCurrent(body.integer("measured_mA"));
        } else {
            throw new ApiException(404, "no calibration '" + what + "' (voltage, current)");
        }
        try {
            device.command(c, who(ctx));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
        ctx.json(Map.of("calibrated", what, "status", device.status()));
    }

    // ---- twin panel

    private TwinPanel panel() {
        return device.twin().orElseThrow(() -> new ApiException(404, "this is a real board, not a twin: it has no "
                + "twin panel"));
    }

    void twinState(Context ctx) {
        ctx.json(panel().state());
    }

    void twinAction(Context ctx) {
        TwinPanel panel = panel();
        String action = ctx.pathParam("action");
        Body b = Body.parse(json, ctx.body());
        try {
            if (action.equals("speed")) {
                panel.setSpeed(b.number("speed"));
            } else {
                panel.apply(action(action, b, panel));
            }
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, action + ": " + e.getMessage());
        }
        ctx.json(panel.state());
    }

    private static Action action(String name, Body b, TwinPanel panel) {
        switch (name) {
            case "charger":
                return b.bool("on", true) ? new Action.Charger(b.number("voltage_V"), b.number("current_A"))
                        : new Action.ChargerOff();
            case "load": {
                if (!b.bool("on", true)) {
                    return new Action.Load(0, 0, Double.POSITIVE_INFINITY);
                }
                int given = (b.has("current_A") ? 1 : 0) + (b.has("power_W") ? 1 : 0) + (b.has("resistance_Ohm") ? 1 : 0);
                if (given != 1) {
                    throw new IllegalArgumentException("give exactly one of current_A, power_W, resistance_Ohm "
                            + "(or on: false)");
                }
                return new Action.Load(b.number("current_A", 0), b.number("power_W", 0),
                        b.number("resistance_Ohm", Double.POSITIVE_INFINITY));
            }
            case "solar":
                if (!b.bool("on", true)) {
                    return new Action.SolarOff();
                }
                double voltage = b.has("voltage_V") ? b.number("voltage_V") : panel.state().solar().voltage_V();
                if (!(voltage > 0)) {
                    throw new IllegalArgumentException("voltage_V is missing (the solar charger's voltage)");
                }
                return new Action.Solar(b.number("peak_A"), voltage, b.number("sunrise_h", 6.5), b.number("sunset_h", 19));
            case "profile":
                if (b.bool("on")) {
                    throw new IllegalArgumentException("a profile can only be stopped here ({\"on\": false}); "
                            + "scenario files start them");
                }
                return new Action.ProfileOff();
            case "ambient":
                if (b.bool("daily", false)) {
                    return new Action.AmbientDaily(b.number("min_C"), b.number("max_C"));
                }
                return new Action.Ambient(b.number("ambient_C"));
            case "short":
                return b.bool("on") ? new Action.ShortCircuit(b.number("resistance_Ohm", 0.005))
                        : new Action.ShortCircuit(Double.POSITIVE_INFINITY);
            case "leaky-cell":
                return new Action.LeakyCell(b.integer("cell"), b.number("pctPerDay"));
            case "open-wire":
                return new Action.OpenBalanceWire(b.integer("cell"), b.bool("open"));
            case "sensor": {
                SimulatedBoard.SensorFault f;
                try {
                    f = SimulatedBoard.SensorFault.valueOf(b.text("fault").toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("fault must be NONE, OPEN or SHORTED");
                }
                return new Action.TemperatureSensor(b.integer("sensor"), f);
            }
            case "button":
                return new Action.Button();
            case "display":
                return new Action.Display();
            default:
                throw new ApiException(404, "no twin action '" + name + "' (speed, charger, load, solar, profile, "
                        + "ambient, short, leaky-cell, open-wire, sensor, button, display)");
        }
    }
}
