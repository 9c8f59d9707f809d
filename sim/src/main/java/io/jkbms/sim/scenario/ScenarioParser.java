package io.jkbms.sim.scenario;

import io.jkbms.core.board.BoardModel;
import io.jkbms.core.board.Chemistry;
import io.jkbms.core.settings.InvalidSettingsException;
import io.jkbms.core.settings.Presets;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.settings.SettingsValidator;
import io.jkbms.core.settings.Violation;
import io.jkbms.firmware.Switch;
import io.jkbms.sim.board.SensorErrors;
import io.jkbms.sim.board.SimulatedBoard;
import io.jkbms.sim.cell.PackSpec;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a YAML scenario (format: docs/scenarios.md) and refuses, before anything runs, whatever would fail: unknown
 * keys, wrong types, values out of range, settings the board would reject, actions a model cannot do. Every error
 * names the line. SnakeYAML's node tree is used because it keeps each value's position.
 */
public final class ScenarioParser {
    private static final Set<String> TOP = Set.of("name", "description", "board", "chemistry", "cells", "capacity_Ah",
            "settings", "pack", "ambient_C", "ambient", "sensor_errors", "until", "sample", "timeline");
    private static final Set<String> PACK = Set.of("soc_pct", "soc_spread_pct", "capacity_spread_pct",
            "resistance_spread_pct", "seed", "self_discharge_pct_per_month", "wire_resistance_mOhm", "wire_spread_pct");
    private static final Set<String> ENTRY = Set.of("at", "charger", "load", "solar", "profile", "capacitor", "fault",
            "leaky_cell", "weak_cell", "cells_soc_pct", "switch", "emergency", "button", "display", "power_off",
            "settings", "ambient_C", "ambient");
    private static final Set<String> FAULTS = Set.of("short_circuit", "open_balance_wire", "open_temperature_sensor",
            "shorted_temperature_sensor", "temperature_sensor_ok", "leaky_cell", "weak_cell");

    private final String file;
    private final Path baseDir;

    private ScenarioParser(String file, Path baseDir) {
        this.file = file;
        this.baseDir = baseDir;
    }

    public static Scenario parse(Path path) {
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(path.toString(), 0, "no such file");
        } catch (IOException e) {
            throw new ScenarioException(path.toString(), 0, "cannot read: " + e.getMessage());
        }
        Path dir = path.toAbsolutePath().getParent();
        return parse(path.toString(), text, dir == null ? Path.of(".") : dir);
    }

    /** Parses scenario text; {@code baseDir} resolves the profile files it names. */
    public static Scenario parse(String file, String text, Path baseDir) {
        return new ScenarioParser(file, baseDir).read(text);
    }

    private Scenario read(String text) {
        Node root;
        try (Reader r = new StringReader(text)) {
            root = new Yaml(new LoaderOptions()).compose(r);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ScenarioException(file, line, "not valid YAML: " + e.getProblem());
        } catch (YAMLException | IOException e) {
            throw new ScenarioException(file, 0, "not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw fail(null, "the scenario is empty");
        }
        Map<String, NodeTuple> top = mapping(root, "the scenario", TOP);

        BoardModel model = get(top, "board").map(n -> {
            try {
                return BoardModel.parse(scalar(n, "board"));
            } catch (IllegalArgumentException e) {
                throw fail(n, e.getMessage());
            }
        }).orElse(BoardModel.parse("JK-BD4A24S-12P"));
        Node chemNode = require(top, "chemistry", root);
        Chemistry chemistry;
        try {
            chemistry = Chemistry.parse(scalar(chemNode, "chemistry"));
        } catch (IllegalArgumentException e) {
            throw fail(chemNode, e.getMessage());
        }
        Node cellsNode = require(top, "cells", root);
        int cells = (int) integer(cellsNode, "cells", 1, model.maxCells());
        if (cells < chemistry.minCells() || cells > chemistry.maxCells(model)) {
            throw fail(cellsNode, "cells = " + cells + " (cell_count): " + model.name() + " supports "
                    + chemistry.minCells() + "-" + chemistry.maxCells(model) + " cells of " + chemistry.description());
        }
        Node capNode = require(top, "capacity_Ah", root);
        double capacity_Ah = number(capNode, "capacity_Ah", 1, 2000);

        Settings base = Presets.forChemistry(chemistry)
                .with(SettingsPatch.builder().set(SettingKey.CELL_COUNT, cells)
                        .set(SettingKey.CAPACITY_mAh, (int) Math.round(capacity_Ah * 1000)).build());
        Settings settings = base;
        Optional<Node> settingsNode = get(top, "settings");
        if (settingsNode.isPresent()) {
            settings = applySettings(model, base, settingsNode.get());
        } else {
            settings = validated(model, base, root, "the preset with cells and capacity_Ah");
        }

        Map<String, NodeTuple> pack = get(top, "pack").map(n -> mapping(n, "pack", PACK)).orElse(Map.of());
        PackSpec packSpec;
        try {
            packSpec = new PackSpec(chemistry, cells, capacity_Ah,
                    opt(pack, "soc_pct", 0, 100, 50),
                    opt(pack, "soc_spread_pct", 0, 50, 0),
                    opt(pack, "capacity_spread_pct", 0, 49, 0),
                    opt(pack, "resistance_spread_pct", 0, 89, 0),
                    get(pack, "seed").map(n -> integer(n, "seed", Long.MIN_VALUE, Long.MAX_VALUE)).orElse(1L),
                    opt(pack, "self_discharge_pct_per_month", 0, 100, 3),
                    opt(pack, "wire_resistance_mOhm", 0, 5000, 60),
                    opt(pack, "wire_spread_pct", 0, 90, 10));
        } catch (IllegalArgumentException e) {
            throw fail(top.get("pack").getValueNode(), e.getMessage());
        }

        double ambient_C = get(top, "ambient_C").map(n -> number(n, "ambient_C", -40, 80)).orElse(25.0);
        Optional<double[]> daily = get(top, "ambient").map(this::daily);
        SensorErrors errors = get(top, "sensor_errors").map(n -> {
            Map<String, NodeTuple> m = mapping(n, "sensor_errors", Set.of("pack_voltage_pct", "current_pct", "current_offset_mA"));
            return new SensorErrors(opt(m, "pack_voltage_pct", -10, 10, 0), opt(m, "current_pct", -10, 10, 0),
                    opt(m, "current_offset_mA", -5000, 5000, 0));
        }).orElse(SensorErrors.NONE);

        Node untilNode = require(top, "until", root);
        long until = duration(untilNode, "until");
        if (until <= 0) {
            throw fail(untilNode, "until must be after 0s");
        }
        long sample = get(top, "sample").map(n -> duration(n, "sample")).orElse(defaultSample(until));
        if (sample < 100_000 || sample % 100_000 != 0) {
            throw fail(top.get("sample") == null ? root : top.get("sample").getValueNode(),
                    "sample must be a multiple of the 100 ms control period");
        }

        List<Scenario.TimedActions> timeline = new ArrayList<>();
        Optional<Node> tl = get(top, "timeline");
        if (tl.isPresent()) {
            if (!(tl.get() instanceof SequenceNode seq)) {
                throw fail(tl.get(), "timeline must be a list of entries, each with 'at'");
            }
            long last = -1;
            Settings running = settings;
            for (Node entry : seq.getValue()) {
                Map<String, NodeTuple> m = mapping(entry, "a timeline entry", ENTRY);
                Node atNode = require(m, "at", entry);
                long at = duration(atNode, "at");
                if (at > until) {
                    throw fail(atNode, "at " + Durations.format(at) + " is after the end of the scenario (until "
                            + Durations.format(until) + "): it would never run");
                }
                if (at < last) {
                    throw fail(entry, "timeline entries must be in time order (" + Durations.format(at) + " comes after "
                            + Durations.format(last) + ")");
                }
                last = at;
                List<Action> actions = new ArrayList<>();
                for (NodeTuple t : m.values()) {
                    String key = key(t);
                    if (!key.equals("at")) {
                        Action a = action(key, t.getValueNode(), model, cells, running);
                        // Keep the settings as the board will have them, so a later settings entry is diffed
                        // against switches too (a switch is a setting).
                        if (a instanceof Action.Settings s) {
                            running = running.with(s.patch());
                        } else if (a instanceof Action.SetSwitch sw) {
                            running = running.with(sw.sw().key(), sw.on() ? 1 : 0);
                        }
                        actions.add(a);
                    }
                }
                if (actions.isEmpty()) {
                    throw fail(entry, "a timeline entry needs at least one action besides 'at' (one of "
                            + sorted(ENTRY) + ")");
                }
                timeline.add(new Scenario.TimedActions(at, line(entry), actions));
            }
        }
        String description = get(top, "description").map(n -> scalar(n, "description")).orElse("");
        return new Scenario(file, description, model, settings, packSpec, ambient_C, daily, errors, until, sample, timeline);
    }

    private static long defaultSample(long until_us) {
        // About 10 000 rows at most; at least the control period; whole seconds when over 100 s.
        long s = Math.max(100_000, until_us / 10_000);
        return s >= 1_000_000 ? (s / 1_000_000) * 1_000_000 : (s / 100_000) * 100_000;
    }

    private double[] daily(Node n) {
        Map<String, NodeTuple> m = mapping(n, "ambient", Set.of("min_C", "max_C"));
        double min = number(require(m, "min_C", n), "min_C", -40, 80);
        double max = number(require(m, "max_C", n), "max_C", -40, 80);
        if (max < min) {
            throw fail(n, "ambient max_C must not be below min_C");
        }
        return new double[]{min, max};
    }

    // ---- actions --------------------------------------------------------------------------------------------------

    private Action action(String key, Node v, BoardModel model, int cells, Settings running) {
        switch (key) {
            case "charger": {
                if (isOff(v)) {
                    return new Action.ChargerOff();
                }
                Map<String, NodeTuple> m = mapping(v, "charger", Set.of("current_A", "voltage_V"));
                return new Action.Charger(number(require(m, "voltage_V", v), "voltage_V", 1, 150),
                        number(require(m, "current_A", v), "current_A", 0, 500));
            }
            case "load": {
                if (isOff(v)) {
                    return new Action.Load(0, 0, Double.POSITIVE_INFINITY);
                }
                Map<String, NodeTuple> m = mapping(v, "load", Set.of("current_A", "power_W", "resistance_Ohm"));
                if (m.isEmpty()) {
                    throw fail(v, "load needs current_A, power_W or resistance_Ohm (or 'off')");
                }
                return new Action.Load(opt(m, "current_A", -500, 500, 0), opt(m, "power_W", -50_000, 50_000, 0),
                        opt(m, "resistance_Ohm", 0.001, 1e9, Double.POSITIVE_INFINITY));
            }
            case "solar": {
                if (isOff(v)) {
                    return new Action.SolarOff();
                }
                Map<String, NodeTuple> m = mapping(v, "solar", Set.of("peak_A", "voltage_V", "sunrise_h", "sunset_h"));
                double rise = opt(m, "sunrise_h", 0, 24, 6);
                double set = opt(m, "sunset_h", 0, 24, 18);
                if (set <= rise) {
                    throw fail(v, "solar sunset_h must be after sunrise_h");
                }
                return new Action.Solar(number(require(m, "peak_A", v), "peak_A", 0, 500),
                        number(require(m, "voltage_V", v), "voltage_V", 1, 150), rise, set);
            }
            case "profile":
                return isOff(v) ? new Action.ProfileOff() : profile(v);
            case "capacitor": {
                if (isOff(v)) {
                    return new Action.Capacitor(0, 0);
                }
                Map<String, NodeTuple> m = mapping(v, "capacitor", Set.of("capacitance_mF", "esr_mOhm"));
                return new Action.Capacitor(number(require(m, "capacitance_mF", v), "capacitance_mF", 0.001, 1e6) / 1000,
                        opt(m, "esr_mOhm", 0, 1e6, 10) / 1000);
            }
            case "fault":
                return fault(v, cells);
            case "leaky_cell":
            case "weak_cell":
                return fault(key, v, cells);
            case "cells_soc_pct": {
                if (!(v instanceof SequenceNode seq) || seq.getValue().size() != cells) {
                    throw fail(v, "cells_soc_pct must be a list of " + cells + " numbers, one per cell");
                }
                double[] soc = new double[cells];
                for (int i = 0; i < cells; i++) {
                    // Slightly below 0 % is an over-discharged cell (below the power-off voltage).
                    soc[i] = number(seq.getValue().get(i), "cells_soc_pct[" + (i + 1) + "]", -3, 100);
                }
                return new Action.CellsSoc(soc);
            }
            case "switch": {
                Map<String, NodeTuple> m = mapping(v, "switch", Set.of("charge", "discharge", "balance", "heating"));
                if (m.size() != 1) {
                    throw fail(v, "switch takes one of charge, discharge, balance, heating per entry");
                }
                NodeTuple t = m.values().iterator().next();
                Switch sw = Switch.valueOf(key(t).toUpperCase(Locale.ROOT));
                if (sw.requires().isPresent() && !model.has(sw.requires().get())) {
                    throw fail(t.getKeyNode(), model.name() + " has no " + sw.requires().get().description()
                            + " (needs the '" + sw.requires().get().suffix() + "' suffix)");
                }
                return new Action.SetSwitch(sw, onOff(t.getValueNode(), key(t)));
            }
            case "emergency":
                return new Action.Emergency(onOff(v, "emergency"));
            case "button":
                return new Action.Button();
            case "display":
                return new Action.Display();
            case "power_off":
                return new Action.PowerOff();
            case "settings": {
                Settings after = applySettings(model, running, v);
                return new Action.Settings(after.diffFrom(running));
            }
            case "ambient_C":
                return new Action.Ambient(number(v, "ambient_C", -40, 80));
            case "ambient": {
                double[] d = daily(v);
                return new Action.AmbientDaily(d[0], d[1]);
            }
            default:
                throw fail(v, "unknown action '" + key + "'");
        }
    }

    private Action fault(Node v, int cells) {
        Map<String, NodeTuple> m = mapping(v, "fault", FAULTS);
        if (m.size() != 1) {
            throw fail(v, "fault takes one of " + sorted(FAULTS) + " per entry");
        }
        NodeTuple t = m.values().iterator().next();
        return fault(key(t), t.getValueNode(), cells);
    }

    private Action fault(String kind, Node v, int cells) {
        switch (kind) {
            case "short_circuit": {
                if (isOff(v)) {
                    return new Action.ShortCircuit(Double.POSITIVE_INFINITY);
                }
                Map<String, NodeTuple> m = mapping(v, "short_circuit", Set.of("resistance_mOhm"));
                return new Action.ShortCircuit(number(require(m, "resistance_mOhm", v), "resistance_mOhm", 0.01, 1e6) / 1000);
            }
            case "open_balance_wire": {
                Map<String, NodeTuple> m = mapping(v, "open_balance_wire", Set.of("cell", "open"));
                return new Action.OpenBalanceWire((int) integer(require(m, "cell", v), "cell", 1, cells),
                        m.containsKey("open") ? onOff(m.get("open").getValueNode(), "open") : true);
            }
            case "open_temperature_sensor":
            case "shorted_temperature_sensor":
            case "temperature_sensor_ok": {
                Map<String, NodeTuple> m = mapping(v, kind, Set.of("sensor"));
                int sensor = (int) integer(require(m, "sensor", v), "sensor", 0, 4);
                SimulatedBoard.SensorFault f = kind.startsWith("open") ? SimulatedBoard.SensorFault.OPEN
                        : kind.startsWith("shorted") ? SimulatedBoard.SensorFault.SHORTED : SimulatedBoard.SensorFault.NONE;
                return new Action.TemperatureSensor(sensor, f);
            }
            case "leaky_cell": {
                Map<String, NodeTuple> m = mapping(v, "leaky_cell", Set.of("cell", "pct_per_day"));
                return new Action.LeakyCell((int) integer(require(m, "cell", v), "cell", 1, cells),
                        number(require(m, "pct_per_day", v), "pct_per_day", 0, 100));
            }
            case "weak_cell": {
                Map<String, NodeTuple> m = mapping(v, "weak_cell", Set.of("cell", "resistance_factor"));
                return new Action.WeakCell((int) integer(require(m, "cell", v), "cell", 1, cells),
                        number(require(m, "resistance_factor", v), "resistance_factor", 0.1, 100));
            }
            default:
                throw fail(v, "unknown fault '" + kind + "' (one of " + sorted(FAULTS) + ")");
        }
    }

    private Action profile(Node v) {
        Map<String, NodeTuple> m = mapping(v, "profile", Set.of("file", "repeat", "table", "column"));
        boolean repeat = m.containsKey("repeat") && onOff(m.get("repeat").getValueNode(), "repeat");
        if (m.containsKey("table")) {
            return inlineProfile(m, v, repeat);
        }
        Node fileNode = require(m, "file", v);
        String name = scalar(fileNode, "file");
        Path p = baseDir.resolve(name);
        List<String> lines;
        try {
            lines = Files.readAllLines(p);
        } catch (IOException e) {
            throw fail(fileNode, "cannot read profile " + p + ": " + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()));
        }
        if (lines.isEmpty()) {
            throw fail(fileNode, "profile " + name + " is empty");
        }
        String[] header = lines.get(0).trim().split("\\s*,\\s*");
        if (header.length != 2 || !header[0].equals("t_s") || !(header[1].equals("current_A") || header[1].equals("power_W"))) {
            throw fail(fileNode, "profile " + name + ":1: header must be 't_s,current_A' or 't_s,power_W' (positive draws from the pack)");
        }
        List<double[]> rows = new ArrayList<>();
        double lastT = -1;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s*,\\s*");
            try {
                if (f.length != 2) {
                    throw new NumberFormatException("expected 2 columns, found " + f.length);
                }
                double t = Double.parseDouble(f[0]);
                double x = Double.parseDouble(f[1]);
                if (!Double.isFinite(t) || !Double.isFinite(x) || t < 0 || t <= lastT) {
                    throw new NumberFormatException("times must be finite, >= 0 and increasing");
                }
                lastT = t;
                rows.add(new double[]{t, x});
            } catch (NumberFormatException e) {
                throw fail(fileNode, "profile " + name + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        if (rows.isEmpty()) {
            throw fail(fileNode, "profile " + name + " has no data rows");
        }
        double[] t = new double[rows.size()];
        double[] x = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            t[i] = rows.get(i)[0];
            x[i] = rows.get(i)[1];
        }
        return new Action.Profile(t, x, header[1].equals("power_W"), repeat, name);
    }

    /** {@code profile: {column: current_A, table: [[0, 4], [21600, 12], ...], repeat: true}}: the CSV's rows inline. */
    private Action inlineProfile(Map<String, NodeTuple> m, Node v, boolean repeat) {
        if (m.containsKey("file")) {
            throw fail(v, "profile takes either 'file' or 'table', not both");
        }
        String column = get(m, "column").map(n -> scalar(n, "column")).orElse("current_A");
        if (!column.equals("current_A") && !column.equals("power_W")) {
            throw fail(m.get("column").getValueNode(), "column must be current_A or power_W (positive draws from the pack)");
        }
        Node tableNode = m.get("table").getValueNode();
        if (!(tableNode instanceof SequenceNode rows) || rows.getValue().isEmpty()) {
            throw fail(tableNode, "table must be a list of [t_s, value] pairs");
        }
        double[] t = new double[rows.getValue().size()];
        double[] x = new double[t.length];
        double last = -1;
        for (int i = 0; i < t.length; i++) {
            Node row = rows.getValue().get(i);
            if (!(row instanceof SequenceNode pair) || pair.getValue().size() != 2) {
                throw fail(row, "each table row is [t_s, value]");
            }
            t[i] = number(pair.getValue().get(0), "t_s", 0, Durations.MAX_us / 1e6);
            x[i] = number(pair.getValue().get(1), column, -50_000, 50_000);
            if (t[i] <= last) {
                throw fail(row, "table times must increase");
            }
            last = t[i];
        }
        return new Action.Profile(t, x, column.equals("power_W"), repeat, "inline");
    }

    // ---- settings ---------------------------------------------------------------------------------------------------

    private Settings applySettings(BoardModel model, Settings current, Node n) {
        Map<String, NodeTuple> m = mapping(n, "settings", null);
        Map<String, Object> named = new LinkedHashMap<>();
        Map<String, Node> where = new LinkedHashMap<>();
        for (NodeTuple t : m.values()) {
            named.put(key(t), plain(t.getValueNode()));
            where.put(key(t), t.getValueNode());
        }
        try {
            return SettingsValidator.apply(model, current, SettingsPatch.parse(named));
        } catch (InvalidSettingsException e) {
            Violation first = e.violations().get(0);
            Node at = where.getOrDefault(first.field().replaceAll("\\[.*", ""), n);
            StringBuilder sb = new StringBuilder("settings refused by " + model.name() + ": ");
            for (int i = 0; i < e.violations().size(); i++) {
                sb.append(i == 0 ? "" : "; ").append(e.violations().get(i).line());
            }
            throw fail(at, sb.toString());
        }
    }

    private Settings validated(BoardModel model, Settings s, Node at, String what) {
        var r = SettingsValidator.validate(model, s);
        if (!r.isValid()) {
            throw fail(at, what + " is refused by " + model.name() + ": " + r.errors().get(0).line());
        }
        return s;
    }

    /** A YAML value as the settings parser expects it: numbers, booleans, text, lists and maps. */
    private Object plain(Node n) {
        return plain(n, 0);
    }

    private Object plain(Node n, int depth) {
        if (depth > 8) {
            // Settings are at most two levels deep; deeper is a mistake or a recursive alias.
            throw fail(n, "settings nest too deeply (a recursive alias?)");
        }
        if (n instanceof ScalarNode s) {
            String v = s.getValue();
            String tag = s.getTag().getValue();
            if (tag.endsWith(":bool")) {
                return Boolean.parseBoolean(v.toLowerCase(Locale.ROOT)) || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("on");
            }
            if (tag.endsWith(":int")) {
                try {
                    return Long.parseLong(v.replace("_", ""));
                } catch (NumberFormatException e) {
                    return v;
                }
            }
            if (tag.endsWith(":float")) {
                try {
                    return Double.parseDouble(v.replace("_", ""));
                } catch (NumberFormatException e) {
                    return v; // .inf, .nan: left as text, which the settings parser reports as a wrong type
                }
            }
            return v;
        }
        if (n instanceof SequenceNode seq) {
            List<Object> l = new ArrayList<>();
            for (Node c : seq.getValue()) {
                l.add(plain(c, depth + 1));
            }
            return l;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (NodeTuple t : ((MappingNode) n).getValue()) {
            m.put(key(t), plain(t.getValueNode(), depth + 1));
        }
        return m;
    }

    // ---- YAML helpers -------------------------------------------------------------------------------------------------

    private Map<String, NodeTuple> mapping(Node n, String what, Set<String> allowed) {
        if (!(n instanceof MappingNode mn)) {
            throw fail(n, what + " must be a mapping of keys to values");
        }
        Map<String, NodeTuple> m = new LinkedHashMap<>();
        for (NodeTuple t : mn.getValue()) {
            String k = key(t);
            if (allowed != null && !allowed.contains(k)) {
                throw fail(t.getKeyNode(), "unknown key '" + k + "' in " + what + " (allowed: " + sorted(allowed) + ")");
            }
            NodeTuple earlier = m.put(k, t);
            if (earlier != null) {
                // compose() does not check duplicates (SnakeYAML does that only when constructing objects).
                throw fail(t.getKeyNode(), "duplicate key '" + k + "' in " + what + " (first on line "
                        + line(earlier.getKeyNode()) + ")");
            }
        }
        return m;
    }

    private String key(NodeTuple t) {
        if (!(t.getKeyNode() instanceof ScalarNode s)) {
            throw fail(t.getKeyNode(), "keys must be plain names");
        }
        return s.getValue();
    }

    private static Optional<Node> get(Map<String, NodeTuple> m, String k) {
        NodeTuple t = m.get(k);
        return t == null ? Optional.empty() : Optional.of(t.getValueNode());
    }

    private Node require(Map<String, NodeTuple> m, String k, Node parent) {
        return get(m, k).orElseThrow(() -> fail(parent, "missing '" + k + "'"));
    }

    private String scalar(Node n, String what) {
        if (!(n instanceof ScalarNode s)) {
            throw fail(n, what + " must be a single value");
        }
        return s.getValue();
    }

    private double number(Node n, String what, double min, double max) {
        String s = scalar(n, what);
        double v;
        try {
            v = Double.parseDouble(s.replace("_", ""));
        } catch (NumberFormatException e) {
            throw fail(n, what + " must be a number, not '" + s + "'");
        }
        if (!Double.isFinite(v) || v < min || v > max) {
            throw fail(n, what + " = " + s + " is outside " + fmt(min) + ".." + fmt(max));
        }
        return v;
    }

    private long integer(Node n, String what, long min, long max) {
        String s = scalar(n, what);
        long v;
        try {
            v = Long.parseLong(s.replace("_", ""));
        } catch (NumberFormatException e) {
            throw fail(n, what + " must be a whole number, not '" + s + "'");
        }
        if (v < min || v > max) {
            throw fail(n, what + " = " + s + " is outside " + min + ".." + max);
        }
        return v;
    }

    private double opt(Map<String, NodeTuple> m, String k, double min, double max, double dflt) {
        return get(m, k).map(n -> number(n, k, min, max)).orElse(dflt);
    }

    private long duration(Node n, String what) {
        String s = scalar(n, what);
        try {
            return Durations.parse_us(s);
        } catch (IllegalArgumentException e) {
            throw fail(n, what + ": " + e.getMessage());
        }
    }

    private boolean isOff(Node n) {
        return n instanceof ScalarNode s && (s.getValue().equalsIgnoreCase("off") || s.getValue().equalsIgnoreCase("false")
                || s.getValue().equalsIgnoreCase("none"));
    }

    private boolean onOff(Node n, String what) {
        String s = scalar(n, what).toLowerCase(Locale.ROOT);
        switch (s) {
            case "on": case "true": case "yes": return true;
            case "off": case "false": case "no": return false;
            default: throw fail(n, what + " must be on or off, not '" + s + "'");
        }
    }

    private ScenarioException fail(Node n, String reason) {
        return new ScenarioException(file, n == null ? 0 : line(n), reason);
    }

    private static int line(Node n) {
        return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }

    private static String sorted(Set<String> s) {
        return String.join(", ", new java.util.TreeSet<>(s));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
