package io.jkbms.sim;

import io.jkbms.sim.scenario.Scenario;
import io.jkbms.sim.scenario.ScenarioParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The event-accurate loop around the short-circuit comparator, with the real firmware recovering after its 60 s. */
class SimulationTest {

    /** A 16S LFP pack; a load from 10 s, a 5 mΩ short at {@code shortAt} removed 1 s later; 3 min in all. */
    private static String scenario(String load, String shortAt) {
        return """
                board: JK-BD4A24S-12P
                chemistry: LFP
                cells: 16
                capacity_Ah: 100
                pack: {soc_pct: 60, seed: 2}
                until: 3min
                sample: 1s
                timeline:
                  - at: 10s
                    load: %s
                  - at: %s
                    fault: {short_circuit: {resistance_mOhm: 5}}
                  - at: 62s
                    fault: {short_circuit: off}
                """.formatted(load, shortAt);
    }

    private record Run(Simulation sim, List<SimEvent> events) {
        List<SimEvent> trips() {
            return events.stream().filter(e -> e.event().equals("SCP_COMPARATOR")).toList();
        }
    }

    private static Run run(String yaml) {
        Scenario s = ScenarioParser.parse("sim.yaml", yaml, Path.of("."));
        List<SimEvent> events = new ArrayList<>();
        ScenarioRun r = new ScenarioRun(s, events::add);
        r.runToEnd();
        assertThat(r.done()).isTrue();
        return new Run(r.simulation(), events);
    }

    @Test
    void aShortBetweenTicksTripsTheComparatorExactlyItsDelayLater() {
        Run r = run(scenario("{current_A: 20}", "60050ms"));
        List<SimEvent> trips = r.trips();
        assertThat(trips).hasSize(1);
        // 5 µs (the preset SCP delay) after the short, not at the next 100 ms tick.
        assertThat(trips.get(0).t_us()).isEqualTo(60_050_005L);
        assertThat(trips.get(0).value()).isEqualTo(5);
        assertThat(r.sim().comparatorTrips()).isEqualTo(1);
        assertThat(r.sim().lastComparatorTrip_us()).isEqualTo(60_050_005L);
    }

    @Test
    void afterTheShortIsRemovedTheBoardRecoversAndRunsAConstantCurrentLoad() {
        Run r = run(scenario("{current_A: 20}", "1min"));
        assertThat(r.trips()).hasSize(1);
        assertThat(r.sim().plant().packCurrent_A()).isCloseTo(-20, within(1e-3));
    }

    @Test
    void afterTheShortIsRemovedTheBoardRecoversAndRunsAConstantPowerLoad() {
        // A 1500 W inverter is about 29 A at 52 V: far below the 500 A comparator threshold. Once the short is gone,
        // closing the MOSFETs after the 60 s recovery must not trip the comparator again.
        Run r = run(scenario("{power_W: 1500}", "1min"));
        assertThat(r.trips()).as("comparator trips: %s", r.trips()).hasSize(1);
        double p = -r.sim().plant().packCurrent_A() * r.sim().plant().bus_V();
        assertThat(p).isCloseTo(1500, within(15.0));
    }

    @Test
    void theSameScenarioRunsTheSameWay() {
        Run a = run(scenario("{current_A: 20}", "1min"));
        Run b = run(scenario("{current_A: 20}", "1min"));
        assertThat(a.events()).isEqualTo(b.events());
        assertThat(a.sim().pack().meanSoc_pct()).isEqualTo(b.sim().pack().meanSoc_pct());
        assertThat(a.sim().plant().mos_C()).isEqualTo(b.sim().plant().mos_C());
    }
}
