package io.jkbms.protocol.uart;

/** Who sent a 4E57 frame (offset 9): the code is the ordinal. */
public enum UartSource {
    BMS,
    BT,
    GPS,
    PC;

    public int code() {
        return ordinal();
    }
}
