package io.jkbms.protocol.can;

import io.jkbms.core.settings.CanProtocol;
import io.jkbms.core.settings.CommPortMode;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.device.FakeBackend;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The board's CAN broadcast written to an slcan adapter, driven with simulated time. */
class SlcanDeviceSessionTest {
    private static final long T0 = 424_242;

    private final List<String> out = new ArrayList<>();

    private SlcanDeviceSession session(FakeBackend b) {
        return new SlcanDeviceSession(b, bytes -> out.add(new String(bytes, StandardCharsets.US_ASCII)));
    }

    private static FakeBackend canBoard(CanProtocol protocol) {
        FakeBackend b = FakeBackend.lfp16("JK-BD4A24S-12PHCR", "11.26");
        b.applySettings(SettingsPatch.builder().set(SettingKey.COMM_PORT_MODE, CommPortMode.CAN.ordinal())
                .set(SettingKey.CAN_PROTOCOL, protocol.ordinal()).build(), "test");
        return b;
    }

    private void run(SlcanDeviceSession s, long from, long to) {
        for (long t = from; t < to; t += 10) {
            s.poll(T0 + t);
        }
    }

    private static boolean isFrame(String w) {
        return w.startsWith("t");
    }

    private static int id(String w) throws CodecException {
        assertThat(w).endsWith("\r");
        return Slcan.decode(w.substring(0, w.length() - 1)).id();
    }

    private static Map<Integer, Integer> countById(List<String> writes) throws CodecException {
        Map<Integer, Integer> m = new TreeMap<>();
        for (String w : writes) {
            if (isFrame(w)) {
                m.merge(id(w), 1, Integer::sum);
            }
        }
        return m;
    }

    @Test
    void nativeOpensAt250kThenBroadcasts() throws CodecException {
        SlcanDeviceSession s = session(canBoard(CanProtocol.JK_NATIVE));
        run(s, 0, 1_000);
        // Closed first (an adapter may still be open from an earlier run), then 250 kbit/s, then open.
        assertThat(out.subList(0, 3)).containsExactly("C\r", "S5\r", "O\r");
        assertThat(id(out.get(3))).isEqualTo(0x2F4);
        assertThat(out.subList(3, out.size())).allSatisfy(w -> assertThat(w).startsWith("t"));
        assertThat(countById(out)).containsExactly(Map.entry(0x2F4, 50), Map.entry(0x4F4, 10), Map.entry(0x5F4, 10));
        assertThat(out).filteredOn(w -> w.startsWith("C") || w.startsWith("S") || w.startsWith("O")).hasSize(3);
    }

    @Test
    void nothingAtAllWithoutCan() {
        SlcanDeviceSession rs485 = session(FakeBackend.lfp16("JK-BD4A24S-12PHCR", "11.26"));
        run(rs485, 0, 2_000);
        FakeBackend noC = FakeBackend.lfp16("JK-BD4A24S-12PHR", "11.26");
        noC.settings = noC.settings.with(SettingKey.COMM_PORT_MODE, CommPortMode.CAN.ordinal());
        SlcanDeviceSession s = session(noC);
        run(s, 0, 2_000);
        assertThat(out).isEmpty();
    }

    @Test
    void bytesFromTheAdapterChangeNothing() throws CodecException {
        SlcanDeviceSession s = session(canBoard(CanProtocol.JK_NATIVE));
        byte[] junk = "\r\u0007t1230\rZ\r".getBytes(StandardCharsets.US_ASCII);
        s.onBytes(junk, 0, junk.length);
        assertThat(out).isEmpty();
        run(s, 0, 100);
        assertThat(out).startsWith("C\r", "S5\r", "O\r");
        assertThat(countById(out)).containsEntry(0x2F4, 5);
    }

    @Test
    void switchingToPylontechSetsTheAdapterTo500kBeforeTheFirstPylontechFrame() throws CodecException {
        FakeBackend b = canBoard(CanProtocol.JK_NATIVE);
        SlcanDeviceSession s = session(b);
        run(s, 0, 1_000);
        int nativeWrites = out.size();

        b.applySettings(SettingsPatch.of(SettingKey.CAN_PROTOCOL, CanProtocol.PYLONTECH.ordinal()), "app");
        run(s, 1_000, 3_000);
        List<String> after = out.subList(nativeWrites, out.size());
        int firstPylon = -1;
        for (int i = 0; i < after.size(); i++) {
            if (isFrame(after.get(i)) && id(after.get(i)) == 0x351) {
                firstPylon = i;
                break;
            }
        }
        assertThat(firstPylon).isGreaterThanOrEqualTo(2);
        assertThat(after.subList(firstPylon - 2, firstPylon)).containsExactly("S6\r", "O\r");
        assertThat(after.subList(0, firstPylon - 2)).as("nothing native after the switch")
                .allSatisfy(w -> assertThat(w).doesNotStartWith("t"));
        assertThat(countById(after)).containsOnlyKeys(0x351, 0x355, 0x356, 0x359, 0x35C, 0x35E)
                .allSatisfy((id, n) -> assertThat(n).isEqualTo(2));
        assertThat(after).filteredOn(w -> w.startsWith("S")).containsExactly("S6\r");

        // staying on Pylontech does not reconfigure the adapter again
        int n = out.size();
        run(s, 3_000, 5_000);
        assertThat(out.subList(n, out.size())).allSatisfy(w -> assertThat(w).startsWith("t3"));
    }

    /**
     * Lawicel/slcan: "Sn" (bitrate) and "O" (open) are only accepted while the channel is closed ("Channel
     * configuration commands must be sent before opening the channel"). Changing the frame set on an open channel must
     * therefore close it first ("C\r"), or the adapter refuses S6 and O and stays at 250 kbit/s.
     */
    @Test
    void changingTheBitrateClosesTheOpenChannelFirst() {
        FakeBackend b = canBoard(CanProtocol.JK_NATIVE);
        SlcanDeviceSession s = session(b);
        run(s, 0, 500);
        int n = out.size();
        b.applySettings(SettingsPatch.of(SettingKey.CAN_PROTOCOL, CanProtocol.PYLONTECH.ordinal()), "app");
        run(s, 500, 600);
        List<String> control = out.subList(n, out.size()).stream().filter(w -> !w.startsWith("t")).toList();
        assertThat(control).containsExactly("C\r", "S6\r", "O\r");
    }
}
