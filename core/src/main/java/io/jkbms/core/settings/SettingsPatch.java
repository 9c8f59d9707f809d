package io.jkbms.core.settings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A partial change of settings: some scalar fields, some wire resistances (by 1-based cell), maybe the user data.
 * {@link #parse} reads the JSON form ({@code {"cell_ovp_mV": 3600, "charge_enabled": true}}) and reports every
 * unknown name, wrong type or out-of-range value at once.
 */
public record SettingsPatch(Map<SettingKey, Integer> values, Map<Integer, Integer> wireResistance_mOhm,
                            Optional<String> userData) {

    public SettingsPatch {
        values = Collections.unmodifiableMap(values.isEmpty() ? new EnumMap<>(SettingKey.class) : new EnumMap<>(values));
        wireResistance_mOhm = Collections.unmodifiableMap(new TreeMap<>(wireResistance_mOhm));
    }

    public static SettingsPatch of(SettingKey key, int value) {
        return builder().set(key, value).build();
    }

    public boolean isEmpty() {
        return values.isEmpty() && wireResistance_mOhm.isEmpty() && userData.isEmpty();
    }

    /** The changed fields by JSON name, as JSON shows them. */
    public Map<String, Object> toNamedValues() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k.jsonName(), k.toJsonValue(v)));
        wireResistance_mOhm.forEach((cell, v) -> m.put(Settings.WIRE_RESISTANCE + "[" + cell + "]", v));
        userData.ifPresent(u -> m.put(Settings.USER_DATA, u));
        return m;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses the JSON form. Values may be numbers (integers), booleans for switches, enum names for enums, an array or
     * an object {"1": mOhm} for wire resistances, and text for user data. Only names and types are checked here;
     * ranges and cross-field rules are {@link SettingsValidator}'s.
     *
     * @throws InvalidSettingsException listing every unknown name and wrongly typed value, if there is any
     */
    public static SettingsPatch parse(Map<String, ?> named) {
        Parsed p = parseAll(named);
        if (!p.problems().isEmpty()) {
            throw new InvalidSettingsException(p.problems());
        }
        return p.patch();
    }

    /** What {@link #parseAll} understood, and one violation for each entry it could not. */
    public record Parsed(SettingsPatch patch, List<Violation> problems) {
        public Parsed {
            problems = List.copyOf(problems);
        }
    }

    /** Like {@link #parse}, but keeps what it understood beside the problems, so a caller can report everything. */
    public static Parsed parseAll(Map<String, ?> named) {
        Builder b = builder();
        List<Violation> problems = new ArrayList<>();
        for (Map.Entry<String, ?> e : named.entrySet()) {
            String name = e.getKey();
            Object raw = e.getValue();
            if (name.equals(Settings.WIRE_RESISTANCE)) {
                parseWires(raw, b, problems);
                continue;
            }
            if (name.equals(Settings.USER_DATA)) {
                if (raw instanceof String s && s.length() <= Settings.USER_DATA_MAX_CHARS && Settings.isPrintableAscii(s)) {
                    b.userData(s);
                } else {
                    problems.add(new Violation(name, String.valueOf(raw),
                            "text of at most " + Settings.USER_DATA_MAX_CHARS + " printable ASCII characters",
                            "not accepted as user data"));
                }
                continue;
            }
            Optional<SettingKey> key = SettingKey.byJsonName(name);
            if (key.isEmpty()) {
                problems.add(new Violation(name, String.valueOf(raw), "a setting name as `jkbms presets --json` prints it",
                        "unknown setting"));
                continue;
            }
            SettingKey k = key.get();
            Optional<Integer> v = toStored(k, raw);
            if (v.isEmpty()) {
                problems.add(new Violation(name, String.valueOf(raw), k.rangeText(), "wrong type: expected " + expected(k)));
            } else {
                // Ranges and cross-field rules are the validator's: it reports them all together.
                b.set(k, v.get());
            }
        }
        return new Parsed(b.build(), problems);
    }

    private static String expected(SettingKey k) {
        switch (k.kind()) {
            case BOOL: return "true or false";
            case ENUM: return "one of " + k.rangeText();
            default: return "an integer in " + k.unit();
        }
    }

    private static Optional<Integer> toStored(SettingKey k, Object raw) {
        switch (k.kind()) {
            case BOOL:
                if (raw instanceof Boolean bo) {
                    return Optional.of(bo ? 1 : 0);
                }
                return integer(raw).filter(i -> i == 0 || i == 1);
            case ENUM:
                if (raw instanceof String s) {
                    int i = k.enumNames().indexOf(s.trim().toUpperCase(Locale.ROOT));
                    if (i < 0 && k == SettingKey.BATTERY_TYPE) {
                        try {
                            i = io.jkbms.core.board.Chemistry.parse(s).ordinal();
                        } catch (IllegalArgumentException ex) {
                            return Optional.empty();
                        }
                    }
                    return i < 0 ? Optional.empty() : Optional.of(i);
                }
                return Optional.empty();
            default:
                return integer(raw);
        }
    }

    private static Optional<Integer> integer(Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            long l = ((Number) raw).longValue();
            return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? Optional.of((int) l) : Optional.empty();
        }
        if (raw instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                return Optional.of((int) d);
            }
        }
        return Optional.empty();
    }

    private static void parseWires(Object raw, Builder b, List<Violation> problems) {
        String field = Settings.WIRE_RESISTANCE;
        String allowed = "up to " + Settings.WIRE_CHANNELS + " values, each 0.." + Settings.WIRE_RESISTANCE_MAX_mOhm + " mOhm";
        if (raw instanceof List<?> list) {
            if (list.size() > Settings.WIRE_CHANNELS) {
                problems.add(new Violation(field, list.size() + " values", allowed, "too many cells"));
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                wire(field + "[" + (i + 1) + "]", i + 1, list.get(i), allowed, b, problems);
            }
        } else if (raw instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                int cell;
                try {
                    cell = Integer.parseInt(String.valueOf(e.getKey()));
                } catch (NumberFormatException ex) {
                    cell = -1;
                }
                if (cell < 1 || cell > Settings.WIRE_CHANNELS) {
                    problems.add(new Violation(field + "[" + e.getKey() + "]", String.valueOf(e.getValue()),
                            "cells 1.." + Settings.WIRE_CHANNELS, "no such cell"));
                } else {
                    wire(field + "[" + cell + "]", cell, e.getValue(), allowed, b, problems);
                }
            }
        } else {
            problems.add(new Violation(field, String.valueOf(raw), allowed, "wrong type: expected an array of integers"));
        }
    }

    private static void wire(String name, int cell, Object v, String allowed, Builder b, List<Violation> problems) {
        Optional<Integer> x = integer(v);
        if (x.isEmpty() || x.get() < 0 || x.get() > Settings.WIRE_RESISTANCE_MAX_mOhm) {
            problems.add(new Violation(name, String.valueOf(v), "0.." + Settings.WIRE_RESISTANCE_MAX_mOhm + " mOhm",
                    x.isEmpty() ? "wrong type: expected an integer" : "out of range"));
        } else {
            b.wireResistance(cell, x.get());
        }
    }

    /** Collects a patch field by field. */
    public static final class Builder {
        private final EnumMap<SettingKey, Integer> values = new EnumMap<>(SettingKey.class);
        private final TreeMap<Integer, Integer> wires = new TreeMap<>();
        private Optional<String> userData = Optional.empty();

        public Builder set(SettingKey key, int value) {
            values.put(key, value);
            return this;
        }

        public Builder set(SettingKey key, boolean on) {
            return set(key, on ? 1 : 0);
        }

        public Builder wireResistance(int cell, int mOhm) {
            if (cell < 1 || cell > Settings.WIRE_CHANNELS) {
                throw new IllegalArgumentException("cell " + cell + " is outside 1.." + Settings.WIRE_CHANNELS);
            }
            wires.put(cell, mOhm);
            return this;
        }

        public Builder userData(String text) {
            userData = Optional.of(text);
            return this;
        }

        public Builder setAll(SettingsPatch other) {
            values.putAll(other.values());
            wires.putAll(other.wireResistance_mOhm());
            other.userData().ifPresent(this::userData);
            return this;
        }

        public SettingsPatch build() {
            return new SettingsPatch(values, wires, userData);
        }
    }
}
