package io.jkbms.protocol.can;

import io.jkbms.core.settings.CanProtocol;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static io.jkbms.protocol.can.CanMessage.*;
import static org.assertj.core.api.Assertions.assertThat;

class CanScheduleTest {

    /** Every slot of the first 10 s, found by asking at each millisecond. */
    private static Map<CanMessage, List<Long>> slots(CanProtocol p) {
        Map<CanMessage, List<Long>> m = new EnumMap<>(CanMessage.class);
        for (long t = 0; t <= 10_000; t++) {
            for (CanMessage msg : CanSchedule.dueAt(p, t)) {
                m.computeIfAbsent(msg, k -> new ArrayList<>()).add(t);
            }
        }
        return m;
    }

    @Test
    void jkNativePeriods() {
        Map<CanMessage, List<Long>> s = slots(CanProtocol.JK_NATIVE);
        assertThat(s).containsOnlyKeys(JK_BATT_ST, JK_CELL_VOLT, JK_CELL_TEMP, JK_ALM_INFO);
        assertThat(s.get(JK_BATT_ST)).hasSize(501).startsWith(0L, 20L, 40L).endsWith(10_000L);
        for (CanMessage m : List.of(JK_CELL_VOLT, JK_CELL_TEMP, JK_ALM_INFO)) {
            assertThat(s.get(m)).hasSize(101).startsWith(0L, 100L, 200L);
        }
        assertThat(CanSchedule.dueAt(CanProtocol.JK_NATIVE, 300)).containsExactly(JK_BATT_ST, JK_CELL_VOLT, JK_CELL_TEMP, JK_ALM_INFO);
        assertThat(CanSchedule.dueAt(CanProtocol.JK_NATIVE, 320)).containsExactly(JK_BATT_ST);
        assertThat(CanSchedule.dueAt(CanProtocol.JK_NATIVE, 321)).isEmpty();
        assertThat(CanSchedule.dueAt(CanProtocol.JK_NATIVE, -20)).isEmpty();
    }

    @Test
    void pylontechOneCyclePerSecondTenMillisecondsApart() {
        Map<CanMessage, List<Long>> s = slots(CanProtocol.PYLONTECH);
        assertThat(s).hasSize(6);
        List<CanMessage> order = CanMessage.of(CanProtocol.PYLONTECH);
        for (int i = 0; i < order.size(); i++) {
            List<Long> times = s.get(order.get(i));
            assertThat(times).hasSize(i == 0 ? 11 : 10); // 0x351 also at 10 000 ms
            for (int k = 0; k < times.size(); k++) {
                assertThat(times.get(k)).isEqualTo(k * 1000L + i * 10L);
            }
        }
        assertThat(CanSchedule.dueAt(CanProtocol.PYLONTECH, 2_030)).containsExactly(PYLON_ALARMS);
    }

    @Test
    void aLateCallerGetsEachMessageOnceAtItsLatestSlot() {
        assertThat(CanSchedule.dueBetween(CanProtocol.JK_NATIVE, 0, 19)).isEmpty();
        assertThat(CanSchedule.dueBetween(CanProtocol.JK_NATIVE, 0, 20)).containsExactly(new CanSchedule.Due(20, JK_BATT_ST));
        assertThat(CanSchedule.dueBetween(CanProtocol.JK_NATIVE, -1, 0)).extracting(CanSchedule.Due::message)
                .containsExactly(JK_BATT_ST, JK_CELL_VOLT, JK_CELL_TEMP, JK_ALM_INFO);
        // A 5 s stall: one of each, not 250 stale BATT_ST.
        assertThat(CanSchedule.dueBetween(CanProtocol.JK_NATIVE, 10, 5_030)).containsExactly(
                new CanSchedule.Due(5_000, JK_CELL_VOLT), new CanSchedule.Due(5_000, JK_CELL_TEMP),
                new CanSchedule.Due(5_000, JK_ALM_INFO), new CanSchedule.Due(5_020, JK_BATT_ST));
        assertThat(CanSchedule.dueBetween(CanProtocol.PYLONTECH, 995, 1_025)).containsExactly(
                new CanSchedule.Due(1_000, PYLON_LIMITS), new CanSchedule.Due(1_010, PYLON_SOC),
                new CanSchedule.Due(1_020, PYLON_MEASUREMENTS));
        assertThat(CanSchedule.dueBetween(CanProtocol.PYLONTECH, 100, 100)).isEmpty();
    }

    @Test
    void dueBetweenOverConsecutiveWindowsEqualsDueAtEveryMillisecond() {
        for (CanProtocol p : CanProtocol.values()) {
            List<CanSchedule.Due> stepped = new ArrayList<>();
            for (long t = 0; t <= 3_000; t++) {
                for (CanMessage m : CanSchedule.dueAt(p, t)) {
                    stepped.add(new CanSchedule.Due(t, m));
                }
            }
            List<CanSchedule.Due> windowed = new ArrayList<>();
            for (long t = -1; t < 3_000; t += 10) { // windows no longer than the shortest period: nothing collapses
                windowed.addAll(CanSchedule.dueBetween(p, t, Math.min(t + 10, 3_000)));
            }
            assertThat(windowed).containsExactlyInAnyOrderElementsOf(stepped);
        }
    }

    @Test
    void nextAfterIsTheNextSlot() {
        assertThat(CanSchedule.nextAfter(CanProtocol.JK_NATIVE, -5)).isZero();
        assertThat(CanSchedule.nextAfter(CanProtocol.JK_NATIVE, 0)).isEqualTo(20);
        assertThat(CanSchedule.nextAfter(CanProtocol.JK_NATIVE, 99)).isEqualTo(100);
        assertThat(CanSchedule.nextAfter(CanProtocol.PYLONTECH, 50)).isEqualTo(1_000);
        assertThat(CanSchedule.nextAfter(CanProtocol.PYLONTECH, 1_000)).isEqualTo(1_010);
        for (long t = 0; t < 2_000; t++) {
            long next = CanSchedule.nextAfter(CanProtocol.PYLONTECH, t);
            assertThat(CanSchedule.dueAt(CanProtocol.PYLONTECH, next)).isNotEmpty();
            for (long u = t + 1; u < next; u++) {
                assertThat(CanSchedule.dueAt(CanProtocol.PYLONTECH, u)).isEmpty();
            }
        }
    }
}
