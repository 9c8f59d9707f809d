package io.jkbms.firmware.protection;

import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;

/** Where a protection's level comes from: a setting (plus an offset) or a constant of the firmware. */
public sealed interface Threshold {
    int value(Settings settings);

    static Threshold setting(SettingKey key) {
        return new FromSetting(key, 0);
    }

    static Threshold setting(SettingKey key, int offset) {
        return new FromSetting(key, offset);
    }

    static Threshold constant(int value) {
        return new Constant(value);
    }

    record FromSetting(SettingKey key, int offset) implements Threshold {
        @Override
        public int value(Settings settings) {
            return settings.get(key) + offset;
        }
    }

    record Constant(int value) implements Threshold {
        @Override
        public int value(Settings settings) {
            return value;
        }
    }
}
