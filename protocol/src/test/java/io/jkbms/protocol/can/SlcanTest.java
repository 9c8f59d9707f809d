package io.jkbms.protocol.can;

import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The slcan (Lawicel) text form of CAN frames. */
class SlcanTest {

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** The line as an adapter hands it over, without its \r. */
    private static String line(CanFrame f) {
        String t = text(Slcan.encode(f));
        assertThat(t).endsWith("\r");
        return t.substring(0, t.length() - 1);
    }

    @Test
    void roundTripForEveryIdAndLength() throws CodecException {
        SplittableRandom rnd = new SplittableRandom(0x2F4);
        for (int id = 0; id <= CanFrame.MAX_ID; id++) {
            for (int len = 0; len <= CanFrame.MAX_DATA; len++) {
                byte[] data = new byte[len];
                rnd.nextBytes(data);
                CanFrame f = new CanFrame(id, data);
                String l = line(f);
                if (l.length() != 5 + 2 * len || l.charAt(0) != 't') {
                    throw new AssertionError("bad line for " + f + ": " + l);
                }
                if (!Slcan.decode(l).equals(f)) {
                    throw new AssertionError("round trip of " + f + " gave " + Slcan.decode(l));
                }
            }
        }
    }

    @Test
    void exactTextOfKnownFrames() throws CodecException {
        // JK native BATT_ST example of protocols.md §3.1: 27.5 V, 56.7 A, 51 %, 100 h
        CanFrame batt = new CanFrame(0x2F4, Hex.parse("1301D71133006400"));
        assertThat(text(Slcan.encode(batt))).isEqualTo("t2F481301D71133006400\r");
        assertThat(text(Slcan.encode(new CanFrame(0x4F4, Hex.parse("8C0A05920908"))))).isEqualTo("t4F468C0A05920908\r");
        assertThat(text(Slcan.encode(new CanFrame(0x7, new byte[0])))).isEqualTo("t0070\r");
        assertThat(text(Slcan.encode(new CanFrame(0x7FF, new byte[]{(byte) 0xAB})))).isEqualTo("t7FF1AB\r");
        assertThat(Slcan.decode("t35E8474F4F4457452020")).isEqualTo(new CanFrame(0x35E, "GOODWE  ".getBytes(StandardCharsets.US_ASCII)));
        assertThat(Slcan.decode("t2f481301d71133006400")).as("lower-case hex").isEqualTo(batt);
    }

    @Test
    void bitrateAndOpenCommands() {
        assertThat(text(Slcan.bitrate(250_000))).isEqualTo("S5\r");
        assertThat(text(Slcan.bitrate(500_000))).isEqualTo("S6\r");
        assertThat(text(Slcan.bitrate(125_000))).isEqualTo("S4\r");
        assertThat(text(Slcan.bitrate(1_000_000))).isEqualTo("S8\r");
        assertThat(text(Slcan.bitrate(CanMessage.bitrate(io.jkbms.core.settings.CanProtocol.JK_NATIVE)))).isEqualTo("S5\r");
        assertThat(text(Slcan.bitrate(CanMessage.bitrate(io.jkbms.core.settings.CanProtocol.PYLONTECH)))).isEqualTo("S6\r");
        assertThat(text(Slcan.OPEN)).isEqualTo("O\r");
        assertThatThrownBy(() -> Slcan.bitrate(300_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("300000");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                     | not an slcan standard frame",
            "t12                    | not an slcan standard frame",
            "T12345678              | not an slcan standard frame",
            "r1230                  | not an slcan standard frame",
            "x1230                  | not an slcan standard frame",
            "tXYZ0                  | bad slcan id",
            "t12G0                  | bad slcan id",
            "t800                   | not an slcan standard frame",
            "t8000                  | 0x800 is not an 11-bit identifier",
            "t1239000000000000000000 | declares",
            "t123A                  | declares",
            "t1232AB                | does not carry the 2 bytes it declares",
            "t1231ABCD              | does not carry the 1 bytes it declares",
            "t1231GG                | bad slcan data",
    })
    void malformedLinesAreRefusedNamingTheProblem(String line, String problem) {
        assertThatThrownBy(() -> Slcan.decode(line)).isInstanceOf(CodecException.class)
                .hasMessageContaining(problem.trim());
    }

    @Test
    void aLineStillCarryingItsCarriageReturnIsRefused() {
        assertThatThrownBy(() -> Slcan.decode("t1230\r")).isInstanceOf(CodecException.class).hasMessageContaining("declares");
    }

    /**
     * III is three hex digits and L one decimal digit 0-8: a sign is not a hex digit ("+7F" must not read as 0x07F)
     * and an Arabic-Indic one (U+0661) is not an ASCII length.
     */
    @Test
    void onlyAsciiDigitsAreAccepted() {
        assertThatThrownBy(() -> Slcan.decode("t123\u0661AB")).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> Slcan.decode("t+7F0")).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> Slcan.decode("t-010")).isInstanceOf(CodecException.class);
    }
}
