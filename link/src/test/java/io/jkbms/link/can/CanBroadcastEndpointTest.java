package io.jkbms.link.can;

import io.jkbms.core.settings.CanProtocol;
import io.jkbms.core.settings.CommPortMode;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.protocol.can.CanFrame;
import io.jkbms.protocol.can.JkBattStatus;
import io.jkbms.protocol.can.CanCodec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The twin's CAN broadcast as an inverter on the same bus receives it, the schedule driven by a clock of the test's. */
class CanBroadcastEndpointTest {
    private static final long T0 = 5_000_000;

    /** Polls every 5 ms over [0, until) and returns what the inverter node received, by id. */
    private static Map<Integer, Integer> broadcast(CanBoard board, long until_ms, List<CanFrame> received)
            throws IOException {
        MemoryCanBus.Network wire = new MemoryCanBus.Network();
        MemoryCanBus inverter = wire.attach("inverter");
        try (CanBroadcastEndpoint twin = new CanBroadcastEndpoint(wire.attach("twin"), board, () -> 0)) {
            for (long t = 0; t < until_ms; t += CanBroadcastEndpoint.POLL_ms) {
                twin.poll(T0 + t);
            }
        }
        Map<Integer, Integer> byId = new TreeMap<>();
        for (Optional<CanFrame> f = inverter.receive(Duration.ZERO); f.isPresent(); f = inverter.receive(Duration.ZERO)) {
            received.add(f.get());
            byId.merge(f.get().id(), 1, Integer::sum);
        }
        return byId;
    }

    @Test
    void jkNativeGoesOutAtItsPeriodsOverTheBus() throws Exception {
        List<CanFrame> frames = new ArrayList<>();
        Map<Integer, Integer> byId = broadcast(new CanBoard(CanProtocol.JK_NATIVE), 1_000, frames);
        // BATT_ST every 20 ms, CELL_VOLT and CELL_TEMP every 100 ms; no alarm, so no ALM_INFO
        assertThat(byId).isEqualTo(Map.of(0x02F4, 50, 0x04F4, 10, 0x05F4, 10));
        JkBattStatus batt = (JkBattStatus) CanCodec.decode(frames.get(0));
        assertThat(batt.packVoltage_mV()).isEqualTo(52_800);
        assertThat(batt.soc_pct()).isEqualTo(60);
    }

    @Test
    void pylontechGoesOutOnceASecondTenMillisecondsApart() throws Exception {
        Map<Integer, Integer> byId = broadcast(new CanBoard(CanProtocol.PYLONTECH), 3_000, new ArrayList<>());
        assertThat(byId).containsOnlyKeys(0x351, 0x355, 0x356, 0x359, 0x35C, 0x35E);
        assertThat(byId.values()).containsOnly(3);
    }

    @Test
    void nothingGoesOutWhileThePortIsInRs485Mode() throws Exception {
        CanBoard board = new CanBoard(CanProtocol.JK_NATIVE);
        board.set(SettingKey.COMM_PORT_MODE, CommPortMode.RS485.ordinal());
        assertThat(broadcast(board, 1_000, new ArrayList<>())).isEmpty();
    }

    @Test
    void aClosedNodeRefusesToSend() {
        MemoryCanBus node = new MemoryCanBus.Network().attach("gone");
        node.close();
        assertThatThrownBy(() -> node.send(new CanFrame(0x100, new byte[0]))).hasMessageContaining("memory:gone is closed");
    }
}
