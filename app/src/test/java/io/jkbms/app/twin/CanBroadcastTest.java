package io.jkbms.app.twin;

import io.jkbms.core.settings.CanProtocol;
import io.jkbms.core.settings.CommPortMode;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.link.DeviceEndpoint;
import io.jkbms.link.serial.SerialLink;
import io.jkbms.protocol.can.CanCodec;
import io.jkbms.protocol.can.CanFrame;
import io.jkbms.protocol.can.CanPayload;
import io.jkbms.protocol.can.JkBattStatus;
import io.jkbms.protocol.can.PylonMeasurements;
import io.jkbms.protocol.can.Slcan;
import io.jkbms.protocol.can.SlcanDeviceSession;
import io.jkbms.sim.scenario.ScenarioParser;
import io.jkbms.sim.twin.Twin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The twin's CAN broadcasts, read as a USB-CAN adapter would deliver them (slcan over a real pty pair). */
class CanBroadcastTest {

    private static Twin twin(String model) {
        return new Twin(ScenarioParser.parse("can", """
                board: %s
                chemistry: LFP
                cells: 16
                capacity_Ah: 100
                settings: {comm_port_mode: CAN}
                until: 1d
                timeline:
                  - at: 0s
                    load: {current_A: 12}
                """.formatted(model), Path.of("."))).start();
    }

    /** Reads slcan lines for a while from the adapter end of the pty. */
    private static List<String> read(InputStream in, long ms) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        long end = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < end) {
            if (in.available() == 0) {
                Thread.onSpinWait();
                continue;
            }
            int c = in.read();
            if (c == '\r') {
                lines.add(line.toString());
                line.setLength(0);
            } else if (c >= 0) {
                line.append((char) c);
            }
        }
        return lines;
    }

    @Test
    void aCModelInCanModeBroadcastsJkNativeThenPylontechAtTheirPeriods(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("ttyBoard");
        Path b = dir.resolve("ttyAdapter");
        Process socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b).start();
        try (Twin twin = twin("JK-BD4A24S-12PC")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(a) && Files.exists(b));
            TwinBackend board = new TwinBackend(twin, true);
            try (DeviceEndpoint e = new DeviceEndpoint(SerialLink.open(a.toRealPath().toString(), SerialLink.JK_BAUD, 5),
                    o -> new SlcanDeviceSession(board, o), System::currentTimeMillis).start();
                 SerialLink adapter = SerialLink.open(b.toRealPath().toString(), SerialLink.JK_BAUD, 5)) {
                List<String> lines = read(adapter.in(), 1_000);
                assertThat(lines).startsWith("C", "S5", "O"); // closed, JK native 250 kbit/s, opened
                long batt = lines.stream().filter(l -> l.startsWith("t2F4")).count();
                assertThat(batt).as("0x02F4 every 20 ms in a second").isBetween(30L, 55L);
                assertThat(lines).anyMatch(l -> l.startsWith("t4F4")).anyMatch(l -> l.startsWith("t5F4"));
                CanPayload p = CanCodec.decode(Slcan.decode(lines.stream().filter(l -> l.startsWith("t2F4")).findFirst().orElseThrow()));
                assertThat(p).isInstanceOf(JkBattStatus.class);

                board.applySettings(SettingsPatch.of(SettingKey.CAN_PROTOCOL, CanProtocol.PYLONTECH.ordinal()), "test");
                List<String> pylon = read(adapter.in(), 2_500);
                assertThat(pylon).containsSubsequence("C", "S6", "O"); // closed before the new bitrate: 500 kbit/s
                assertThat(pylon).anyMatch(l -> l.startsWith("t351")).anyMatch(l -> l.startsWith("t35E"));
                CanFrame m = Slcan.decode(pylon.stream().filter(l -> l.startsWith("t356")).findFirst().orElseThrow());
                PylonMeasurements pm = (PylonMeasurements) CanCodec.decode(m);
                assertThat(pm.toString()).isNotEmpty();

                board.applySettings(SettingsPatch.of(SettingKey.COMM_PORT_MODE, CommPortMode.RS485.ordinal()), "test");
                assertThat(read(adapter.in(), 300)).contains("C"); // the channel is closed when CAN goes off
                assertThat(read(adapter.in(), 1_000)).as("no CAN while the port is in RS485 mode").isEmpty();
            }
        } finally {
            socat.destroy();
        }
    }

    @Test
    void aModelWithoutCCannotBeSetToCanMode() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> twin("JK-BD4A24S-12P"))
                .hasMessageContaining("comm_port_mode").hasMessageContaining("'C' suffix");
    }
}
