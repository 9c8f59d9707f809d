package io.jkbms.firmware;

import io.jkbms.core.board.BoardFunction;
import io.jkbms.core.settings.SettingKey;

import java.util.Optional;

/** The switches of the APP's control page that are stored as settings. */
public enum Switch {
    CHARGE(SettingKey.CHARGE_ENABLED, null),
    DISCHARGE(SettingKey.DISCHARGE_ENABLED, null),
    BALANCE(SettingKey.BALANCE_ENABLED, null),
    HEATING(SettingKey.HEATING_ENABLED, BoardFunction.HEATING);

    private final SettingKey key;
    private final Optional<BoardFunction> requires;

    Switch(SettingKey key, BoardFunction requires) {
        this.key = key;
        this.requires = Optional.ofNullable(requires);
    }

    public SettingKey key() {
        return key;
    }

    public Optional<BoardFunction> requires() {
        return requires;
    }
}
