package io.jkbms.app.device;

import io.jkbms.app.twin.TwinBackend;
import io.jkbms.core.settings.InvalidSettingsException;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.link.tcp.TcpDeviceServer;
import io.jkbms.protocol.jk02.Jk02DeviceSession;
import io.jkbms.protocol.uart.UartDeviceSession;
import io.jkbms.sim.scenario.DefaultScenario;
import io.jkbms.sim.twin.Twin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A real board's side of the web app, against a twin in this process speaking the board's protocols over TCP. */
class RemoteDeviceTest {
    private final Twin twin = new Twin(DefaultScenario.load()).start();
    private final TwinBackend board = new TwinBackend(twin, true);
    private TcpDeviceServer server;
    private RemoteDevice device;

    @AfterEach
    void stop() throws Exception {
        if (device != null) {
            device.close();
        }
        if (server != null) {
            server.close();
        }
        twin.close();
    }

    private TcpDeviceServer jk02(int port) throws Exception {
        return new TcpDeviceServer(InetAddress.getLoopbackAddress(), port, o -> new Jk02DeviceSession(board, o),
                System::currentTimeMillis);
    }

    @Test
    void followsAJk02BoardWritesWithReadBackAndReconnects() throws Exception {
        server = jk02(0);
        int port = server.port();
        device = RemoteDevice.start(new RemoteDevice.Tcp("127.0.0.1", port));
        await().atMost(Duration.ofSeconds(10)).until(() -> device.status().online());
        StatusView s = device.status();
        assertThat(s.cell_mV()).hasSize(16);
        assertThat(s.packVoltage_mV()).isBetween(40_000, 60_000);
        assertThat(device.device().model()).isEqualTo("JK-BD4A24S-12P");
        assertThat(device.device().layout()).isEqualTo("JK02_32S");
        assertThat(device.settings()).containsEntry("cell_count", 16);

        Map<SettingKey, Integer> readBack = device.apply(SettingsPatch.of(SettingKey.CELL_OVP_mV, 3590), "test");
        assertThat(readBack).containsEntry(SettingKey.CELL_OVP_mV, 3590);
        assertThat(board.settings().get(SettingKey.CELL_OVP_mV)).as("the firmware applied it").isEqualTo(3590);

        // Invalid as a whole: refused before anything is sent.
        assertThatThrownBy(() -> device.apply(SettingsPatch.builder().set(SettingKey.CELL_UVP_mV, 2700)
                .set(SettingKey.CELL_OVPR_mV, 3700).build(), "test")).isInstanceOf(InvalidSettingsException.class);
        assertThat(board.settings().get(SettingKey.CELL_UVP_mV)).isNotEqualTo(2700);

        device.command(new io.jkbms.protocol.device.DeviceCommand.Emergency(true), "test");
        assertThat(board.telemetry().emergency()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> device.status().emergency());

        server.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> !device.status().online());
        assertThat(device.status().reason()).isNotBlank();
        assertThat(device.status().cell_mV()).as("the last reading is kept").hasSize(16);
        assertThatThrownBy(device::settings).isInstanceOf(DeviceException.class)
                .satisfies(e -> assertThat(((DeviceException) e).kind()).isEqualTo(DeviceException.Kind.OFFLINE));

        server = jk02(port);
        await().atMost(Duration.ofSeconds(20)).until(() -> device.status().online());
        assertThat(device.device().link().connects()).isEqualTo(2);
    }

    @Test
    void followsA4e57Board() throws Exception {
        var state = UartDeviceSession.deviceState(board);
        server = new TcpDeviceServer(InetAddress.getLoopbackAddress(), 0, o -> new UartDeviceSession(board, state, o),
                System::currentTimeMillis);
        device = RemoteDevice.start(new RemoteDevice.UartTcp("127.0.0.1", server.port()));
        await().atMost(Duration.ofSeconds(10)).until(() -> device.status().online());
        assertThat(device.status().cell_mV()).hasSize(16);
        device.apply(SettingsPatch.of(SettingKey.CELL_OVP_mV, 3580), "test");
        assertThat(board.settings().get(SettingKey.CELL_OVP_mV)).isEqualTo(3580);
        // 4E57 has no emergency: refused naming it, and nothing sent.
        assertThatThrownBy(() -> device.command(new io.jkbms.protocol.device.DeviceCommand.Emergency(true), "test"))
                .isInstanceOf(DeviceException.class).hasMessageContaining("mergency");
        assertThat(board.telemetry().emergency()).isFalse();
    }

    @Test
    void anUnreachableBoardIsOfflineWithTheReason() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        device = RemoteDevice.start(new RemoteDevice.Tcp("127.0.0.1", port));
        await().atMost(Duration.ofSeconds(10)).until(() -> !device.status().reason().startsWith("connecting"));
        assertThat(device.status().online()).isFalse();
        assertThat(device.status().reason()).containsIgnoringCase("refused");
    }

    @Test
    void connectTargetsAreParsedOrRefusedWithTheForms() {
        assertThat(RemoteDevice.parse("tcp://10.0.0.5:8888")).isEqualTo(new RemoteDevice.Tcp("10.0.0.5", 8888));
        assertThat(RemoteDevice.parse("uart-tcp://gw:502")).isEqualTo(new RemoteDevice.UartTcp("gw", 502));
        assertThat(RemoteDevice.parse("serial:/dev/ttyUSB0")).isEqualTo(new RemoteDevice.Serial("/dev/ttyUSB0"));
        assertThat(RemoteDevice.parse("ble:c8:47:8c:00:00:01")).isEqualTo(new RemoteDevice.Ble("C8:47:8C:00:00:01"));
        assertThatThrownBy(() -> RemoteDevice.parse("http://x")).hasMessageContaining("tcp://HOST:PORT");
        assertThatThrownBy(() -> RemoteDevice.parse("ble:nonsense")).hasMessageContaining("not a board address");
        assertThatThrownBy(() -> RemoteDevice.parse("tcp://nohost")).hasMessageContaining("--connect");
    }
}
