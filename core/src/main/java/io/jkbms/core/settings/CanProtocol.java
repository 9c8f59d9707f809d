package io.jkbms.core.settings;

/** Which frame set the CAN port broadcasts: JK's native BMS-CAN (250 kbit/s) or the Pylontech-compatible set (500 kbit/s). */
public enum CanProtocol {
    JK_NATIVE,
    PYLONTECH
}
