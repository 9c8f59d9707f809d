package io.jkbms.link.can;

import io.jkbms.core.settings.CanProtocol;
import io.jkbms.protocol.can.CanFrame;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * SocketCAN for real: runs only where a vcan0 or can0 interface exists (they need the vcan kernel module or a CAN
 * adapter; the build machines have neither, so there it is skipped, saying why).
 */
class SocketCanBusTest {
    private static Optional<String> canInterface() {
        for (String i : new String[]{"vcan0", "can0"}) {
            if (Files.exists(Path.of("/sys/class/net", i))) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    @Test
    void aMissingInterfaceIsAClearError() {
        assertThatThrownBy(() -> SocketCanBus.open("nosuchcan9"))
                .hasMessageContaining("cannot open socketcan:nosuchcan9");
    }

    @Test
    void framesGoBetweenTwoSocketsOnARealInterface() throws Exception {
        Optional<String> iface = canInterface();
        assumeTrue(iface.isPresent(), "no vcan0 or can0 here: SocketCAN needs `modprobe vcan && ip link add vcan0 type "
                + "vcan && ip link set vcan0 up` (root, the vcan module) or a CAN adapter; not exercised");
        try (SocketCanBus inverter = SocketCanBus.open(iface.get()); SocketCanBus board = SocketCanBus.open(iface.get())) {
            CanFrame f = new CanFrame(0x2F4, new byte[]{0x13, 0x01, (byte) 0xD7, 0x11, 0x33, 0, 0x64, 0});
            board.send(f);
            assertThat(inverter.receive(Duration.ofSeconds(2))).contains(f);
            assertThat(inverter.receive(Duration.ofMillis(50))).isEmpty();

            CanBroadcastEndpoint e = new CanBroadcastEndpoint(board, new CanBoard(CanProtocol.JK_NATIVE), () -> 0);
            e.poll(0);
            assertThat(inverter.receive(Duration.ofSeconds(2))).hasValueSatisfying(r -> assertThat(r.id()).isEqualTo(0x2F4));
        }
    }
}
