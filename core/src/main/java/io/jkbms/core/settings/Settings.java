package io.jkbms.core.settings;

import io.jkbms.core.board.Chemistry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable, complete set of board settings: one int per {@link SettingKey}, the balance-wire resistance of each of
 * the 24 cell channels, and the user-data text. Changes produce a new instance ({@link #with}); whether an instance is
 * acceptable for a board is decided by {@link SettingsValidator}, so a change is applied whole or not at all.
 * Reading a value is an array index: cheap enough for the firmware's control loop.
 */
public final class Settings {
    /** Cell channels with a wire-resistance setting (the BD4A has at most 24 cells). */
    public static final int WIRE_CHANNELS = 24;
    public static final int WIRE_RESISTANCE_MAX_mOhm = 1_000;
    /** JK02 register 0x9F carries at most 13 ASCII bytes. */
    public static final int USER_DATA_MAX_CHARS = 13;
    public static final String WIRE_RESISTANCE = "wire_resistance_mOhm";
    public static final String USER_DATA = "user_data";

    private static final SettingKey[] KEYS = SettingKey.values();

    private final int[] values;
    private final int[] wireResistance_mOhm;
    private final String userData;

    private Settings(int[] values, int[] wireResistance_mOhm, String userData) {
        this.values = values;
        this.wireResistance_mOhm = wireResistance_mOhm;
        this.userData = userData;
    }

    /** Settings from a complete table of values; used by {@link Presets}. */
    static Settings of(Map<SettingKey, Integer> all, int[] wireResistance_mOhm, String userData) {
        int[] v = new int[KEYS.length];
        for (SettingKey k : KEYS) {
            Integer x = all.get(k);
            if (x == null) {
                throw new IllegalStateException("no value for " + k.jsonName());
            }
            v[k.ordinal()] = x;
        }
        return new Settings(v, Arrays.copyOf(wireResistance_mOhm, WIRE_CHANNELS), userData);
    }

    public int get(SettingKey key) {
        return values[key.ordinal()];
    }

    public boolean isOn(SettingKey key) {
        return values[key.ordinal()] != 0;
    }

    public Chemistry chemistry() {
        return Chemistry.values()[get(SettingKey.BATTERY_TYPE)];
    }

    public CommPortMode commPortMode() {
        return CommPortMode.values()[get(SettingKey.COMM_PORT_MODE)];
    }

    public CanProtocol canProtocol() {
        return CanProtocol.values()[get(SettingKey.CAN_PROTOCOL)];
    }

    /** Balance-wire resistance of a cell channel, 1-based. */
    public int wireResistance_mOhm(int cell) {
        return wireResistance_mOhm[cell - 1];
    }

    public int[] wireResistances_mOhm() {
        return wireResistance_mOhm.clone();
    }

    public String userData() {
        return userData;
    }

    /** A copy with the patch applied. The result is not validated: see {@link SettingsValidator#apply}. */
    public Settings with(SettingsPatch patch) {
        int[] v = values.clone();
        patch.values().forEach((k, x) -> v[k.ordinal()] = x);
        int[] w = wireResistance_mOhm.clone();
        patch.wireResistance_mOhm().forEach((cell, x) -> w[cell - 1] = x);
        return new Settings(v, w, patch.userData().orElse(userData));
    }

    public Settings with(SettingKey key, int value) {
        return with(SettingsPatch.of(key, value));
    }

    /** Every field by its JSON name, in table order, as JSON shows it (numbers, booleans, enum names, an array, text). */
    public Map<String, Object> toNamedValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (SettingKey k : KEYS) {
            m.put(k.jsonName(), k.toJsonValue(values[k.ordinal()]));
        }
        List<Integer> w = new ArrayList<>(WIRE_CHANNELS);
        for (int x : wireResistance_mOhm) {
            w.add(x);
        }
        m.put(WIRE_RESISTANCE, w);
        m.put(USER_DATA, userData);
        return m;
    }

    /** The fields that differ from {@code other}, as a patch that turns {@code other} into this. */
    public SettingsPatch diffFrom(Settings other) {
        SettingsPatch.Builder b = SettingsPatch.builder();
        for (SettingKey k : KEYS) {
            if (values[k.ordinal()] != other.values[k.ordinal()]) {
                b.set(k, values[k.ordinal()]);
            }
        }
        for (int i = 0; i < WIRE_CHANNELS; i++) {
            if (wireResistance_mOhm[i] != other.wireResistance_mOhm[i]) {
                b.wireResistance(i + 1, wireResistance_mOhm[i]);
            }
        }
        if (!userData.equals(other.userData)) {
            b.userData(userData);
        }
        return b.build();
    }

    static boolean isPrintableAscii(String s) {
        return StandardCharsets.US_ASCII.newEncoder().canEncode(s) && s.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Settings s && Arrays.equals(values, s.values)
                && Arrays.equals(wireResistance_mOhm, s.wireResistance_mOhm) && userData.equals(s.userData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(values), Arrays.hashCode(wireResistance_mOhm), userData);
    }

    @Override
    public String toString() {
        return "Settings" + toNamedValues();
    }
}
