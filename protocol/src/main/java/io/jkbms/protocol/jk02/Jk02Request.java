package io.jkbms.protocol.jk02;

import io.jkbms.core.settings.SettingsPatch;

/**
 * What a received {@link Jk02Command} asks of the BMS (the device side), from {@link Jk02Mapping#interpret}.
 */
public sealed interface Jk02Request {

    /** 0x97: send the device-info frame, then an ACK. */
    record ReadDeviceInfo() implements Jk02Request {
    }

    /** 0x96: send the settings frame and an ACK, and stream cell info. */
    record ReadSettings() implements Jk02Request {
    }

    /**
     * A write that changes settings: one core setting, one wire resistance or the user data. The patch is not
     * validated here: that is {@code SettingsValidator.apply}'s job.
     */
    record ChangeSettings(Jk02Register register, SettingsPatch patch) implements Jk02Request {
    }

    /**
     * A write that does something other than set a core setting; {@code register().kind()} says what: a switch core
     * does not hold (value 1/0), a calibration (measured mV or mA), emergency, shutdown, restart, factory reset or the
     * logbook (value 0 for those without one).
     */
    record Action(Jk02Register register, long value) implements Jk02Request {
    }

    /** A well-formed command the table cannot act on, with the reason (the BMS's answer to these is not known). */
    record Unsupported(Jk02Command command, String reason) implements Jk02Request {
    }
}
