package io.jkbms.sim.scenario;

import io.jkbms.sim.ScenarioRun;
import io.jkbms.sim.SimEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultScenarioTest {

    @Test
    void theBuiltInTwinIsA16sLfp280AhPackOnSolarWithADailyLoad() {
        Scenario s = DefaultScenario.load();
        assertThat(s.model().name()).isEqualTo("JK-BD4A24S-12P");
        assertThat(s.pack().cells()).isEqualTo(16);
        assertThat(s.pack().capacity_Ah()).isEqualTo(280);
        assertThat(s.timeline().get(0).actions()).anyMatch(a -> a instanceof Action.Solar)
                .anyMatch(a -> a instanceof Action.Profile p && p.repeat() && p.power());
    }

    @Test
    void itCyclesThePackDailyWithoutProtectionTrips() {
        List<SimEvent> events = new ArrayList<>();
        double[] socRange = {100, 0};
        ScenarioRun run = new ScenarioRun(DefaultScenario.load().withUntil(3 * 86_400_000_000L).withSample(60_000_000L),
                new io.jkbms.sim.SimulationListener() {
                    @Override
                    public void onEvent(SimEvent e) {
                        events.add(e);
                    }

                    @Override
                    public void onSample(io.jkbms.sim.Simulation sim) {
                        socRange[0] = Math.min(socRange[0], sim.pack().meanSoc_pct());
                        socRange[1] = Math.max(socRange[1], sim.pack().meanSoc_pct());
                    }
                });
        run.runToEnd();
        assertThat(events).noneMatch(e -> e.phase().equals("trip") && !e.event().equals("LOW_SOC"));
        assertThat(socRange[1] - socRange[0]).as("daily swing of the SOC").isGreaterThan(20);
    }

    @Test
    void anInlineProfileTableIsCheckedLikeACsv() {
        String head = "chemistry: LFP\ncells: 16\ncapacity_Ah: 100\nuntil: 1h\ntimeline:\n  - at: 0s\n    profile: ";
        assertThat(ScenarioParser.parse("t", head + "{table: [[0, 5], [60, 10]]}", java.nio.file.Path.of("."))
                .timeline().get(0).actions().get(0)).isInstanceOf(Action.Profile.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScenarioParser.parse("t",
                        head + "{table: [[0, 5], [0, 10]]}", java.nio.file.Path.of(".")))
                .hasMessageContaining("t:7:").hasMessageContaining("increase");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScenarioParser.parse("t",
                        head + "{table: [[0, 5]], column: volts}", java.nio.file.Path.of(".")))
                .hasMessageContaining("column must be current_A or power_W");
    }
}
