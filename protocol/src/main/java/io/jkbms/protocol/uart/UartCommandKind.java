package io.jkbms.protocol.uart;

/** The writes that are actions rather than parameter changes. */
public enum UartCommandKind {
    /** 0xAB: the charge MOS switch (the setting charge_enabled). */
    CHARGE_SWITCH,
    /** 0xAC: the discharge MOS switch (discharge_enabled). */
    DISCHARGE_SWITCH,
    /** 0x9D: the balancer switch (balance_enabled). JK firmware v11 ignores it (protocols.md §2.1). */
    BALANCER_SWITCH,
    /** 0xB8: start the current calibration. */
    START_CURRENT_CALIBRATION,
    /** 0xBB. */
    RESTART,
    /** 0xBC. */
    FACTORY_RESET,
    /** 0xBD. */
    UPGRADE
}
