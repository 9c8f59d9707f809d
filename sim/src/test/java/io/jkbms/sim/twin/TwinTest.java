package io.jkbms.sim.twin;

import io.jkbms.firmware.Switch;
import io.jkbms.sim.scenario.Scenario;
import io.jkbms.sim.scenario.ScenarioParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TwinTest {
    private static Scenario scenario() {
        return ScenarioParser.parse("twin", """
                chemistry: LFP
                cells: 16
                capacity_Ah: 100
                until: 1h
                timeline:
                  - at: 0s
                    load: {current_A: 10}
                """, Path.of("."));
    }

    private static long now(Twin twin) {
        return twin.call(sim -> sim.now_us());
    }

    private static double current(Twin twin) {
        return twin.call(sim -> sim.plant().packCurrent_A());
    }

    @Test
    void theSimulationFollowsTheWallClockAtTheChosenSpeed() {
        AtomicLong wall = new AtomicLong(1_000_000_000L);
        try (Twin twin = new Twin(scenario(), wall::get)) {
            wall.addAndGet(2_000_000_000L); // 2 s of wall time
            twin.catchUp();
            assertThat(now(twin)).isEqualTo(2_000_000L);
            twin.setSpeed(100);
            wall.addAndGet(3_000_000_000L); // 3 s at 100x = 300 s simulated
            twin.catchUp();
            assertThat(now(twin)).isEqualTo(302_000_000L);
            // It ran past the scenario's 'until' (1 h would be reached later): a twin is open-ended.
            twin.setSpeed(10_000);
            wall.addAndGet(2_000_000_000L);
            twin.catchUp(); // at most 5 s of simulation per catch-up step: it keeps up in several calls
            for (int i = 0; i < 10_000 && now(twin) < 20_302_000_000L; i++) {
                twin.catchUp();
            }
            assertThat(now(twin)).isGreaterThan(3_600_000_000L);
        }
    }

    @Test
    void callsChangeTheBoardUnderTheLock() {
        AtomicLong wall = new AtomicLong(0);
        try (Twin twin = new Twin(scenario(), wall::get)) {
            wall.addAndGet(1_000_000_000L);
            twin.catchUp();
            assertThat(current(twin)).isLessThan(-9.9);
            twin.call(sim -> {
                sim.bms().setSwitch(Switch.DISCHARGE, false, "test");
                return null;
            });
            wall.addAndGet(500_000_000L);
            twin.catchUp();
            assertThat(current(twin)).isZero();
        }
    }

    @Test
    void theRunnerThreadAdvancesTimeByItself() throws Exception {
        try (Twin twin = new Twin(scenario()).start()) {
            twin.setSpeed(50);
            Thread.sleep(400);
            assertThat(now(twin)).isGreaterThan(5_000_000L);
        }
    }

    @Test
    void anImpossibleSpeedIsRefused() {
        try (Twin twin = new Twin(scenario())) {
            assertThatThrownBy(() -> twin.setSpeed(0)).hasMessageContaining("speed");
            assertThatThrownBy(() -> twin.setSpeed(1e9)).hasMessageContaining("100000");
        }
    }
}
