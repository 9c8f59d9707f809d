package io.jkbms.protocol;

import java.util.HexFormat;

/** Hex text for frames: what captures, logs and the CLI use. */
public final class Hex {
    private static final HexFormat UPPER = HexFormat.of().withUpperCase();

    private Hex() {
    }

    public static String of(byte[] bytes) {
        return UPPER.formatHex(bytes);
    }

    /** Parses hex, ignoring whitespace, colons and a leading 0x. */
    public static byte[] parse(String text) throws CodecException {
        String s = text.replaceAll("[\\s:]", "");
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        if (s.length() % 2 != 0) {
            throw new CodecException("hex text has an odd number of digits (" + s.length() + ")");
        }
        try {
            return HexFormat.of().parseHex(s);
        } catch (IllegalArgumentException e) {
            throw new CodecException("not hex: " + e.getMessage());
        }
    }
}
