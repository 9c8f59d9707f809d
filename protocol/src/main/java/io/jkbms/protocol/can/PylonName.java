package io.jkbms.protocol.can;

import java.nio.charset.StandardCharsets;

/** Pylontech 0x35E: 8 characters of manufacturer name, space-padded ("GOODWE  " in [UKS]). */
public record PylonName(String name) implements CanPayload {
    public static final PylonName GOODWE = new PylonName("GOODWE");
    public static final int LENGTH = 8;

    /** Pads to 8 characters with spaces; each character must be one byte (Latin-1). */
    public PylonName {
        Le.require(name.length() <= LENGTH, "a name of " + name.length() + " characters exceeds " + LENGTH);
        Le.require(name.chars().allMatch(c -> c <= 0xFF), "the name must be Latin-1: " + name);
        name = name + " ".repeat(LENGTH - name.length());
    }

    @Override
    public CanMessage message() {
        return CanMessage.PYLON_NAME;
    }

    @Override
    public CanFrame toFrame() {
        return new CanFrame(message().id(), name.getBytes(StandardCharsets.ISO_8859_1));
    }

    static PylonName decode(CanFrame f) {
        return new PylonName(new String(f.data(), 0, LENGTH, StandardCharsets.ISO_8859_1));
    }
}
