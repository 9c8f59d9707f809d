package io.jkbms.firmware.protection;

import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;

/** How long a condition must last: a setting in seconds or milliseconds, or a fixed time. */
public sealed interface Delay {
    long ms(Settings settings);

    Delay NONE = new Fixed(0);

    static Delay seconds(SettingKey key) {
        return new SettingSeconds(key);
    }

    static Delay millis(SettingKey key) {
        return new SettingMillis(key);
    }

    static Delay fixed(long ms) {
        return new Fixed(ms);
    }

    record SettingSeconds(SettingKey key) implements Delay {
        @Override
        public long ms(Settings settings) {
            return settings.get(key) * 1000L;
        }
    }

    record SettingMillis(SettingKey key) implements Delay {
        @Override
        public long ms(Settings settings) {
            return settings.get(key);
        }
    }

    record Fixed(long ms) implements Delay {
        @Override
        public long ms(Settings settings) {
            return ms;
        }
    }
}
