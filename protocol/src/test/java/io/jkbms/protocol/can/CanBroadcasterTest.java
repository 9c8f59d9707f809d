package io.jkbms.protocol.can;

import io.jkbms.core.board.BoardModel;
import io.jkbms.core.settings.CanProtocol;
import io.jkbms.core.settings.CommPortMode;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.telemetry.Alarm;
import io.jkbms.protocol.device.FakeBackend;
import io.jkbms.protocol.uart.TelemetryBuilder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** What the board broadcasts on CAN, driven with simulated time. */
class CanBroadcasterTest {
    private static final long T0 = 7_777_777;

    /** A frame and the poll time (ms after T0) that emitted it. */
    private record Sent(long at, CanFrame frame) {
    }

    private static FakeBackend canBoard(CanProtocol protocol) {
        FakeBackend b = FakeBackend.lfp16("JK-BD4A24S-12PHCR", "11.26");
        b.applySettings(SettingsPatch.builder().set(SettingKey.COMM_PORT_MODE, CommPortMode.CAN.ordinal())
                .set(SettingKey.CAN_PROTOCOL, protocol.ordinal()).build(), "test");
        return b;
    }

    /** Polls every {@code step} ms over [from, to), both relative to T0. */
    private static List<Sent> run(CanBroadcaster c, long from, long to, long step) {
        List<Sent> out = new ArrayList<>();
        for (long t = from; t < to; t += step) {
            long at = t;
            c.poll(T0 + t, f -> out.add(new Sent(at, f)));
        }
        return out;
    }

    private static Map<Integer, Integer> countById(List<Sent> sent) {
        Map<Integer, Integer> m = new TreeMap<>();
        for (Sent s : sent) {
            m.merge(s.frame().id(), 1, Integer::sum);
        }
        return m;
    }

    @Test
    void everyPollsFramesComeFromOneSnapshotOfTheBoard() {
        FakeBackend b = canBoard(CanProtocol.JK_NATIVE);
        CanBroadcaster c = new CanBroadcaster(b);
        List<Sent> sent = run(c, 0, 1_000, 10);
        assertThat(sent).isNotEmpty();
        assertThat(b.telemetryReads).isZero();
        assertThat(b.snapshotReads).isEqualTo(50); // one per poll with frames due: BATT_ST every 20 ms
    }

    @Test
    void aModelWithoutCanSendsNothingEvenInCanMode() {
        FakeBackend b = FakeBackend.lfp16("JK-BD4A24S-12PHR", "11.26");
        b.settings = b.settings.with(SettingKey.COMM_PORT_MODE, CommPortMode.CAN.ordinal()); // as if forced
        CanBroadcaster c = new CanBroadcaster(b);
        assertThat(c.active()).isFalse();
        List<CanFrame> out = new ArrayList<>();
        for (long t = 0; t < 3_000; t += 10) {
            assertThat(c.poll(T0 + t, out::add)).isEmpty();
        }
        assertThat(out).isEmpty();
    }

    @Test
    void aCanModelInRs485ModeSendsNothing() {
        FakeBackend b = FakeBackend.lfp16("JK-BD4A24S-12PHCR", "11.26");
        assertThat(b.settings.commPortMode()).isEqualTo(CommPortMode.RS485);
        CanBroadcaster c = new CanBroadcaster(b);
        assertThat(c.active()).isFalse();
        assertThat(run(c, 0, 3_000, 10)).isEmpty();
    }

    @Test
    void jkNativeRatesOverSimulatedSeconds() {
        FakeBackend b = canBoard(CanProtocol.JK_NATIVE);
        CanBroadcaster c = new CanBroadcaster(b);
        assertThat(c.active()).isTrue();
        assertThat(c.poll(T0, f -> { })).hasValue(CanProtocol.JK_NATIVE);

        List<Sent> second = run(c, 10, 1_010, 10); // the first poll above was the schedule's 0
        assertThat(countById(second)).containsExactly(Map.entry(0x2F4, 50), Map.entry(0x4F4, 10), Map.entry(0x5F4, 10));

        List<Sent> more = run(c, 1_010, 5_010, 10);
        assertThat(countById(more)).containsExactly(Map.entry(0x2F4, 200), Map.entry(0x4F4, 40), Map.entry(0x5F4, 40));
        // on their slots: BATT_ST every 20 ms, the others every 100 ms
        assertThat(more).filteredOn(s -> s.frame().id() == 0x2F4).extracting(Sent::at)
                .allSatisfy(at -> assertThat(at % 20).isZero());
        assertThat(more).filteredOn(s -> s.frame().id() != 0x2F4).extracting(Sent::at)
                .allSatisfy(at -> assertThat(at % 100).isZero());
        // and carrying the board's state
        CanFrame batt = CanFrames.build(CanMessage.JK_BATT_ST, b.telemetry, b.settings, CanOptions.defaults(b.settings))
                .orElseThrow();
        assertThat(more).filteredOn(s -> s.frame().id() == 0x2F4).extracting(Sent::frame).containsOnly(batt);
        assertThat(batt.length()).isEqualTo(8);
    }

    @Test
    void alarmInfoOnlyWhileAnAlarmIsActive() {
        FakeBackend b = canBoard(CanProtocol.JK_NATIVE);
        CanBroadcaster c = new CanBroadcaster(b);
        assertThat(countById(run(c, 0, 1_000, 10))).doesNotContainKey(0x7F4);
        b.telemetry = TelemetryBuilder.telemetry().cells(FakeBackend.CELLS_16).alarms(Alarm.CELL_OVP).build();
        assertThat(countById(run(c, 1_000, 2_000, 10))).containsEntry(0x7F4, 10).containsEntry(0x2F4, 50);
    }

    @Test
    void aLatePollSendsTheCurrentStateOnceNotABurst() {
        CanBroadcaster c = new CanBroadcaster(canBoard(CanProtocol.JK_NATIVE));
        run(c, 0, 100, 10);
        List<CanFrame> out = new ArrayList<>();
        c.poll(T0 + 700, out::add); // 600 ms late
        assertThat(out).extracting(CanFrame::id).containsExactly(0x2F4, 0x4F4, 0x5F4);
    }

    @Test
    void switchingToPylontechRestartsTheSchedule() {
        FakeBackend b = canBoard(CanProtocol.JK_NATIVE);
        CanBroadcaster c = new CanBroadcaster(b);
        run(c, 0, 1_235, 10); // some native traffic first, switch mid-cycle at 1 235 ms (not on a native slot)

        b.applySettings(SettingsPatch.of(SettingKey.CAN_PROTOCOL, CanProtocol.PYLONTECH.ordinal()), "app");
        List<Sent> sent = new ArrayList<>();
        for (long t = 1_235; t < 3_235; t += 10) {
            long at = t;
            assertThat(c.poll(T0 + t, f -> sent.add(new Sent(at, f)))).hasValue(CanProtocol.PYLONTECH);
        }
        assertThat(sent).extracting(s -> s.frame().id()).doesNotContain(0x2F4, 0x4F4, 0x5F4, 0x7F4);
        List<Sent> first = sent.stream().filter(s -> s.at() < 2_235).toList();
        assertThat(first).extracting(s -> s.frame().id()).containsExactly(0x351, 0x355, 0x356, 0x359, 0x35C, 0x35E);
        assertThat(first).extracting(Sent::at).containsExactly(1_235L, 1_245L, 1_255L, 1_265L, 1_275L, 1_285L);
        assertThat(countById(sent)).containsOnlyKeys(0x351, 0x355, 0x356, 0x359, 0x35C, 0x35E)
                .allSatisfy((id, n) -> assertThat(n).isEqualTo(2));
        assertThat(sent).filteredOn(s -> s.frame().id() == 0x35E).extracting(s -> new String(s.frame().data()))
                .containsOnly("GOODWE  ");

        // and back to native: the native schedule restarts at the switch
        b.applySettings(SettingsPatch.of(SettingKey.CAN_PROTOCOL, CanProtocol.JK_NATIVE.ordinal()), "app");
        List<CanFrame> back = new ArrayList<>();
        assertThat(c.poll(T0 + 3_245, back::add)).hasValue(CanProtocol.JK_NATIVE);
        assertThat(back).extracting(CanFrame::id).containsExactly(0x2F4, 0x4F4, 0x5F4);
    }

    @Test
    void leavingCanModeStopsAndReturningRestarts() {
        FakeBackend b = canBoard(CanProtocol.JK_NATIVE);
        CanBroadcaster c = new CanBroadcaster(b);
        run(c, 0, 505, 10);
        b.applySettings(SettingsPatch.of(SettingKey.COMM_PORT_MODE, CommPortMode.RS485.ordinal()), "app");
        assertThat(run(c, 505, 2_005, 10)).isEmpty();
        assertThat(c.poll(T0 + 2_005, f -> { })).isEqualTo(Optional.empty());
        b.applySettings(SettingsPatch.of(SettingKey.COMM_PORT_MODE, CommPortMode.CAN.ordinal()), "app");
        List<Sent> again = run(c, 2_015, 3_015, 10);
        assertThat(again.get(0).at()).isEqualTo(2_015);
        assertThat(countById(again)).containsEntry(0x2F4, 50).containsEntry(0x4F4, 10);
    }

    @Test
    void theModelWithoutCanCannotBeSwitchedToCanMode() {
        FakeBackend b = FakeBackend.lfp16("JK-BD4A20S-12P", "11.26");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.applySettings(
                SettingsPatch.of(SettingKey.COMM_PORT_MODE, CommPortMode.CAN.ordinal()), "app"))
                .isInstanceOf(io.jkbms.core.settings.InvalidSettingsException.class);
        assertThat(new CanBroadcaster(b).active()).isFalse();
        assertThat(BoardModel.parse("JK-BD4A20S-12P").has(io.jkbms.core.board.BoardFunction.CAN)).isFalse();
    }
}
