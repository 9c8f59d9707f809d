package io.jkbms.protocol.uart;

/** The frame type of a 4E57 frame (offset 10): the code is the ordinal. */
public enum UartFrameType {
    REQUEST,
    REPLY,
    /** The BMS sends on its own ("active upload"). */
    UPLOAD;

    public int code() {
        return ordinal();
    }
}
