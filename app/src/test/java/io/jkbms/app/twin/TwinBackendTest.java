package io.jkbms.app.twin;

import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.link.DeviceEndpoint;
import io.jkbms.link.Link;
import io.jkbms.link.client.BmsClient;
import io.jkbms.link.client.BoardInfo;
import io.jkbms.link.client.BoardStatus;
import io.jkbms.link.client.ConfirmationException;
import io.jkbms.link.client.Jk02Client;
import io.jkbms.link.serial.SerialLink;
import io.jkbms.link.tcp.TcpDeviceServer;
import io.jkbms.link.tcp.TcpLink;
import io.jkbms.core.telemetry.PowerState;
import io.jkbms.protocol.device.DeviceCommand;
import io.jkbms.protocol.device.DeviceSession;
import io.jkbms.protocol.jk02.Jk02DeviceSession;
import io.jkbms.protocol.jk02.Jk02Layout;
import io.jkbms.protocol.uart.UartDeviceSession;
import io.jkbms.sim.scenario.ScenarioParser;
import io.jkbms.sim.twin.Twin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A client talking to the twin over real transports, as it would to a board. */
class TwinBackendTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private Twin twin;
    private TwinBackend board;

    @BeforeEach
    void startTwin() {
        twin = new Twin(ScenarioParser.parse("twin", """
                board: JK-BD4A24S-12P
                chemistry: LFP
                cells: 16
                capacity_Ah: 100
                pack: {soc_pct: 60, seed: 3}
                until: 1d
                timeline:
                  - at: 0s
                    load: {current_A: 10}
                """, Path.of("."))).start();
        twin.setSpeed(10);
        board = new TwinBackend(twin, true);
    }

    @AfterEach
    void stopTwin() {
        twin.close();
    }

    private Function<Consumer<byte[]>, DeviceSession> sessions(String protocol) {
        return "jk02".equals(protocol) ? out -> new Jk02DeviceSession(board, out) : out -> new UartDeviceSession(board, out);
    }

    private TcpDeviceServer serve(String protocol) throws IOException {
        return new TcpDeviceServer(InetAddress.getLoopbackAddress(), 0, sessions(protocol), System::currentTimeMillis);
    }

    private int twinSetting(SettingKey key) {
        return twin.call(sim -> sim.bms().settings().get(key));
    }

    private double twinCurrent_A() {
        return twin.call(sim -> sim.plant().packCurrent_A());
    }

    /** Everything a client does, over whatever link it is given. */
    private void exercise(BmsClient client, String protocol) throws IOException {
        BoardInfo info = client.info();
        assertThat(info.model()).contains("BD4A24S");
        if (protocol.equals("jk02")) {
            assertThat(info.layout()).isEqualTo("JK02_32S");
            assertThat(info.softwareVersion()).startsWith("11.");
        }
        SettingsPatch settings = client.settings();
        assertThat(settings.values().get(SettingKey.CELL_OVP_mV)).isEqualTo(3600);
        assertThat(settings.values().get(SettingKey.CELL_COUNT)).isEqualTo(16);

        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            BoardStatus status = client.status(); // the first reading may predate the twin's first tick with the load
            assertThat(status.cell_mV()).hasSize(16);
            assertThat(status.packVoltage_mV()).isBetween(50_000, 55_000);
            assertThat(status.current_mA()).isBetween(-10_100, -9_900);
            assertThat(status.dischargeMos()).isTrue();
            assertThat(status.mosTemperature().valid()).isTrue();
            assertThat(status.temperatures()).hasSizeGreaterThanOrEqualTo(4);
            assertThat(status.temperatures().get(0).valid()).isTrue();
            assertThat(status.cycles()).isNotNegative();
            assertThat(status.fullCapacity_mAh()).isBetween(90_000L, 100_000L);
            if (protocol.equals("jk02")) {
                assertThat(status.runtime_s()).isPositive();
                assertThat(status.remaining_mAh()).isBetween(50_000L, 70_000L);
            } else {
                assertThat(status.runtime_s() % 60).isZero(); // whole minutes
                assertThat(status.remaining_mAh()).isZero(); // 4E57 does not carry it
            }
        });

        // A change the firmware accepts is applied and read back.
        client.set(SettingKey.CELL_OVP_mV, 3550);
        assertThat(twinSetting(SettingKey.CELL_OVP_mV)).isEqualTo(3550);
        assertThat(client.settings().values().get(SettingKey.CELL_OVP_mV)).isEqualTo(3550);

        // A change it refuses (recovery above the limit) changes nothing and is reported by name.
        assertThatThrownBy(() -> client.set(SettingKey.CELL_OVPR_mV, 3700))
                .isInstanceOf(ConfirmationException.class)
                .hasMessageContaining("cell_ovpr_mV = 3700").hasMessageContaining("still reports 3400");
        assertThat(twinSetting(SettingKey.CELL_OVPR_mV)).isEqualTo(3400);

        // Switching discharge off stops the current in the twin.
        client.set(SettingKey.DISCHARGE_ENABLED, 0);
        await().atMost(Duration.ofSeconds(3)).until(() -> twinCurrent_A() == 0.0);
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(client.status().dischargeMos()).isFalse());
        assertThat(client.diagnostics().framesGood()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jk02", "4e57"})
    void aClientOverTcpReadsEverythingChangesASettingAndSwitchesDischargeOff(String protocol) throws Exception {
        try (TcpDeviceServer server = serve(protocol);
             BmsClient client = BmsClient.open(protocol, TcpLink.connect("127.0.0.1", server.port(), 2_000, 50), TIMEOUT)) {
            exercise(client, protocol);
        }
    }

    private io.jkbms.core.telemetry.Telemetry twinTelemetry() {
        return twin.call(sim -> sim.bms().telemetry());
    }

    @Test
    void jk02CommandsActOnTheTwinAndAreConfirmedByReadBack() throws Exception {
        try (TcpDeviceServer server = serve("jk02");
             BmsClient client = BmsClient.open("jk02", TcpLink.connect("127.0.0.1", server.port(), 2_000, 50), TIMEOUT)) {
            await().atMost(Duration.ofSeconds(3)).until(() -> client.status().current_mA() < -9_000);

            client.command(new DeviceCommand.Emergency(true));
            assertThat(twinTelemetry().emergency()).isTrue();
            assertThat(client.status().emergency()).isTrue();
            client.command(new DeviceCommand.Emergency(false));
            assertThat(twinTelemetry().emergency()).isFalse();

            // A meter reading 2 % above the board: the board reads what the meter says from then on.
            int before_mV = twinTelemetry().packVoltage_mV();
            client.command(new DeviceCommand.CalibratePackVoltage(before_mV * 102 / 100));
            assertThat(twinTelemetry().packVoltage_mV()).isBetween(before_mV * 101 / 100, before_mV * 103 / 100);

            client.command(new DeviceCommand.CalibrateCurrent(-10_300));
            assertThat(twinTelemetry().current_mA()).isBetween(-10_450, -10_150);
            // A meter that says the current flows the other way is refused by the firmware: nothing to read back.
            assertThatThrownBy(() -> client.command(new DeviceCommand.CalibrateCurrent(10_000)))
                    .isInstanceOf(ConfirmationException.class)
                    .hasMessageContaining("current calibration to 10000 mA").hasMessageContaining("it reports -10");

            assertThatThrownBy(() -> client.command(new DeviceCommand.Wake()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wake").hasMessageContaining("JK02");

            client.set(SettingKey.CELL_OVP_mV, 3550);
            client.command(new DeviceCommand.FactoryReset()); // acknowledged; the values are the board's own
            await().atMost(Duration.ofSeconds(3)).until(() -> twinSetting(SettingKey.CELL_OVP_mV) == 3600);

            client.command(new DeviceCommand.PowerOff());
            await().atMost(Duration.ofSeconds(3)).until(() -> twinTelemetry().power() == PowerState.OFF);
        }
    }

    @Test
    void uartCommandsActOnTheTwin() throws Exception {
        try (TcpDeviceServer server = serve("4e57");
             BmsClient client = BmsClient.open("4e57", TcpLink.connect("127.0.0.1", server.port(), 2_000, 50), TIMEOUT)) {
            await().atMost(Duration.ofSeconds(3)).until(() -> client.status().current_mA() < -9_000);

            client.command(new DeviceCommand.CalibrateCurrent(-10_300));
            assertThat(twinTelemetry().current_mA()).isBetween(-10_450, -10_150);

            client.set(SettingKey.CELL_OVP_mV, 3550);
            client.command(new DeviceCommand.FactoryReset());
            assertThat(twinSetting(SettingKey.CELL_OVP_mV)).isEqualTo(3600);

            assertThatThrownBy(() -> client.command(new DeviceCommand.Emergency(true)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("emergency on")
                    .hasMessageContaining("4E57");

            twin.call(sim -> {
                sim.bms().powerOff();
                return null;
            });
            client.command(new DeviceCommand.Wake());
            await().atMost(Duration.ofSeconds(3)).until(() -> twinTelemetry().power() == PowerState.ON);
        }
    }

    @Test
    void theTwinSpeaksTheOlderLayoutWhenItSaysFirmware10() throws Exception {
        board = new TwinBackend(twin, false);
        try (TcpDeviceServer server = serve("jk02");
             Jk02Client client = Jk02Client.connect(TcpLink.connect("127.0.0.1", server.port(), 2_000, 50), TIMEOUT)) {
            assertThat(client.layout()).isEqualTo(Jk02Layout.JK02_24S);
            assertThat(client.status().cell_mV()).hasSize(16);
            assertThat(client.settings().values().get(SettingKey.CELL_UVP_mV)).isEqualTo(2600);
            BoardStatus status = client.status();
            assertThat(status.temperatures()).hasSize(4);
            assertThat(status.temperatures().subList(2, 4)).containsOnly(io.jkbms.core.telemetry.TemperatureReading.ABSENT);
            // the 24S layout has no emergency register
            assertThatThrownBy(() -> client.command(new DeviceCommand.Emergency(true)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JK02_24S");
        }
    }

    @Test
    void manyClientsAtOnceEachGetTheirOwnSession() throws Exception {
        try (TcpDeviceServer server = serve("jk02")) {
            Jk02Client[] clients = new Jk02Client[5];
            for (int i = 0; i < clients.length; i++) {
                clients[i] = Jk02Client.connect(TcpLink.connect("127.0.0.1", server.port(), 2_000, 50), TIMEOUT);
            }
            for (Jk02Client c : clients) {
                assertThat(c.status().cell_mV()).hasSize(16);
            }
            assertThat(server.connections()).isEqualTo(5);
            for (Jk02Client c : clients) {
                c.close();
            }
        }
    }

    @Test
    void bytesCorruptedOnTheLinkAreCountedAndTheSessionRecovers() throws Exception {
        AtomicInteger frames = new AtomicInteger();
        // A link that flips one byte in every fourth frame the board sends.
        Function<Consumer<byte[]>, DeviceSession> corrupting = out -> new Jk02DeviceSession(board, bytes -> {
            byte[] b = bytes.clone();
            if (b.length == 300 && frames.incrementAndGet() % 4 == 0) {
                b[150] ^= 0x5A;
            }
            out.accept(b);
        });
        try (TcpDeviceServer server = new TcpDeviceServer(InetAddress.getLoopbackAddress(), 0, corrupting,
                System::currentTimeMillis);
             Jk02Client client = Jk02Client.connect(TcpLink.connect("127.0.0.1", server.port(), 2_000, 50), TIMEOUT)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> client.diagnostics().checksumErrors() >= 2);
            long good = client.diagnostics().framesGood();
            await().atMost(Duration.ofSeconds(5)).until(() -> client.diagnostics().framesGood() > good + 2);
            assertThat(client.status().cell_mV()).hasSize(16);
            client.set(SettingKey.BALANCE_TRIGGER_mV, 15); // writes still go through and are confirmed
        }
    }

    @Test
    void garbageSentToTheBoardIsSkippedAndTheNextRequestAnswered() throws Exception {
        try (TcpDeviceServer server = serve("4e57");
             TcpLink link = TcpLink.connect("127.0.0.1", server.port(), 2_000, 50)) {
            link.write("AT\r\n\u0000garbage 4E 57\u0013".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            BmsClient client = BmsClient.open("4e57", link, TIMEOUT);
            assertThat(client.status().cell_mV()).hasSize(16);
        }
    }

    /** A GATT characteristic in memory: writes go to the board's session, its frames come back as notifications cut
     *  the way an old module cuts them (128 + 128 + 44), with the "AT\r\n" newer firmware appends. */
    private static final class FakeGatt implements io.jkbms.link.ble.BleGatt {
        private volatile Consumer<byte[]> sink = b -> { };
        private final Jk02DeviceSession session;
        private final java.util.concurrent.ScheduledExecutorService poller =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

        FakeGatt(TwinBackend board) {
            session = new Jk02DeviceSession(board, frame -> {
                for (int i = 0; i < frame.length; i += 128) {
                    sink.accept(java.util.Arrays.copyOfRange(frame, i, Math.min(frame.length, i + 128)));
                }
                sink.accept("AT\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            });
            poller.scheduleAtFixedRate(() -> {
                synchronized (session) {
                    session.poll(System.currentTimeMillis());
                }
            }, 10, 10, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        @Override
        public void write(byte[] data) {
            synchronized (session) {
                session.onBytes(data, 0, data.length);
            }
        }

        @Override
        public void onNotification(Consumer<byte[]> sink) {
            this.sink = sink;
        }

        @Override
        public String describe() {
            return "ble:fake";
        }

        @Override
        public void close() {
            poller.shutdownNow();
        }
    }

    @Test
    void overBleNotificationsTheSameClientWorks() throws Exception {
        try (BmsClient client = BmsClient.open("jk02", new io.jkbms.link.ble.BleLink(new FakeGatt(board), 50), TIMEOUT)) {
            exercise(client, "jk02");
            assertThat(client.diagnostics().endpoint()).isEqualTo("ble:fake");
        }
    }

    @Test
    void anUnreachableBoardIsAClearError() {
        assertThatThrownBy(() -> TcpLink.connect("127.0.0.1", 1, 500, 50))
                .hasMessageContaining("cannot reach tcp://127.0.0.1:1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jk02", "4e57"})
    void overARealPseudoTerminalPair(String protocol, @TempDir Path dir) throws Exception {
        Path a = dir.resolve("ttyBoard");
        Path b = dir.resolve("ttyClient");
        Process socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(a) && Files.exists(b));
            Link boardSide = SerialLink.open(a.toRealPath().toString(), SerialLink.JK_BAUD, 20);
            try (DeviceEndpoint endpoint = new DeviceEndpoint(boardSide, sessions(protocol), System::currentTimeMillis).start();
                 BmsClient client = BmsClient.open(protocol, SerialLink.open(b.toRealPath().toString(), SerialLink.JK_BAUD, 50),
                         TIMEOUT)) {
                exercise(client, protocol);
                assertThat(endpoint.isOpen()).isTrue();
            }
        } finally {
            socat.destroy();
        }
    }
}
