package io.jkbms.protocol.can;

import io.jkbms.protocol.CodecException;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The slcan (Lawicel) serial text form of CAN frames, as USB-CAN adapters speak it: {@code tIIILDD..\r} for a standard
 * frame (III = 11-bit id in hex, L = length, DD = data bytes in hex), {@code Sn\r} to set the bitrate
 * (S5 = 250 kbit/s, S6 = 500 kbit/s) and {@code O\r} to open the channel.
 */
public final class Slcan {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private Slcan() {
    }

    /** ASCII hex digits only: Integer.parseInt would also take a sign or non-ASCII digits. */
    private static boolean hex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    public static byte[] encode(CanFrame f) {
        StringBuilder sb = new StringBuilder(6 + 2 * f.data().length);
        sb.append('t').append(String.format("%03X", f.id())).append(f.data().length).append(HEX.formatHex(f.data())).append('\r');
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The command that sets an adapter to a bitrate: "S5\r" for 250 kbit/s, "S6\r" for 500 kbit/s. */
    public static byte[] bitrate(int bitsPerSecond) {
        int code;
        switch (bitsPerSecond) {
            case 125_000: code = 4; break;
            case 250_000: code = 5; break;
            case 500_000: code = 6; break;
            case 1_000_000: code = 8; break;
            default: throw new IllegalArgumentException("no slcan code for " + bitsPerSecond + " bit/s");
        }
        return ("S" + code + "\r").getBytes(StandardCharsets.US_ASCII);
    }

    public static final byte[] OPEN = "O\r".getBytes(StandardCharsets.US_ASCII);
    /** Closes the channel: adapters take a bitrate only while closed. */
    public static final byte[] CLOSE = "C\r".getBytes(StandardCharsets.US_ASCII);

    /** Parses one line (without its \r) of the form tIIILDD... */
    public static CanFrame decode(String line) throws CodecException {
        if (line.length() < 5 || line.charAt(0) != 't') {
            throw new CodecException("not an slcan standard frame: '" + line + "'");
        }
        if (!hex(line, 1, 4)) {
            throw new CodecException("bad slcan id in '" + line + "' (three hex digits expected)");
        }
        int id = Integer.parseInt(line.substring(1, 4), 16);
        char l = line.charAt(4);
        if (l < '0' || l > '8') {
            throw new CodecException("slcan line '" + line + "' declares no valid length ('" + l + "', 0-8 expected)");
        }
        int len = l - '0';
        if (line.length() != 5 + 2 * len) {
            throw new CodecException("slcan line '" + line + "' does not carry the " + len + " bytes it declares");
        }
        if (!hex(line, 5, line.length())) {
            throw new CodecException("bad slcan data in '" + line + "'");
        }
        return CanFrame.decode(id, HEX.parseHex(line.substring(5)));
    }
}
