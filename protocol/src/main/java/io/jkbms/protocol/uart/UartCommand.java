package io.jkbms.protocol.uart;

import java.util.Optional;

/** The command byte of a 4E57 frame (offset 8, protocols.md §2.1). */
public enum UartCommand {
    ACTIVATE(0x01),
    WRITE(0x02),
    READ_ONE(0x03),
    PASSWORD(0x05),
    READ_ALL(0x06);

    private final int code;

    UartCommand(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<UartCommand> ofCode(int code) {
        for (UartCommand c : values()) {
            if (c.code == code) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
