package io.jkbms.protocol.uart;

import io.jkbms.core.settings.SettingsPatch;

/** What a received 4E57 write asks the board to do ({@link UartWrites#interpret}). */
public sealed interface UartWriteAction
        permits UartWriteAction.SettingChange, UartWriteAction.Command, UartWriteAction.DeviceParameter,
        UartWriteAction.Rejected {

    UartId id();

    /** A parameter with a board setting, converted to stored units; not yet validated (SettingsValidator.apply). */
    record SettingChange(UartId id, SettingsPatch patch) implements UartWriteAction {
    }

    /**
     * An action, with the raw value written. {@code settingsEffect} is the switch's setting (charge_enabled, …)
     * for the three switches, empty for the others.
     */
    record Command(UartId id, UartCommandKind kind, long value, SettingsPatch settingsEffect) implements UartWriteAction {
    }

    /** A JK parameter the BD4A lacks, kept in {@link UartDevice} ({@link UartDevice#with}). */
    record DeviceParameter(UartId id, UartValue value) implements UartWriteAction {
    }

    /** Not accepted, with the reason in words. */
    record Rejected(UartId id, String reason) implements UartWriteAction {
    }
}
