package io.jkbms.sim;

import io.jkbms.core.board.BoardModel;
import io.jkbms.core.board.Chemistry;
import io.jkbms.core.settings.Presets;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.sim.cell.PackSpec;
import io.jkbms.sim.plant.Plant;
import io.jkbms.sim.scenario.ScenarioParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The real firmware managing the simulated pack. */
class FirmwareInTheLoopTest {
    private static final long S = 1_000_000L;
    private static final BoardModel MODEL = BoardModel.parse("JK-BD4A24S-12P");

    private static Settings lfp(int cells, int capacity_Ah) {
        return Presets.forChemistry(Chemistry.LFP).with(SettingsPatch.builder().set(SettingKey.CELL_COUNT, cells)
                .set(SettingKey.CAPACITY_mAh, capacity_Ah * 1000).build());
    }

    @Test
    void chargingTripsCellOverVoltageOnTheHighestCellFirst() {
        List<SimEvent> events = new ArrayList<>();
        int[] highestAtTrip = {0};
        Simulation[] holder = new Simulation[1];
        Simulation sim = new Simulation(MODEL, new PackSpec(Chemistry.LFP, 16, 100, 80, 3, 4, 10, 21, 3, 60, 10),
                lfp(16, 100), 25, e -> {
                    events.add(e);
                    if (e.event().equals("CELL_OVP") && e.phase().equals("trip")) {
                        highestAtTrip[0] = highestCell(holder[0]);
                    }
                });
        holder[0] = sim;
        sim.plant().charger.set(58.4, 20);
        sim.runUntil(3 * 3600 * S);
        SimEvent trip = events.stream().filter(e -> e.event().equals("CELL_OVP") && e.phase().equals("trip"))
                .findFirst().orElseThrow();
        assertThat(trip.cell()).isEqualTo(highestAtTrip[0]);
        assertThat(sim.bms().chargeMos()).isFalse();
        // Nothing else tripped first: the highest cell stopped the charge while the others were still below the limit.
        assertThat(events.stream().filter(e -> e.phase().equals("trip")).findFirst().orElseThrow()).isEqualTo(trip);
        for (int c = 1; c <= 16; c++) {
            if (c != trip.cell()) {
                assertThat(sim.pack().soc_pct(c)).isLessThan(sim.pack().soc_pct(trip.cell()) + 0.5);
            }
        }
    }

    private static int highestCell(Simulation sim) {
        int best = 1;
        for (int c = 2; c <= sim.pack().cells(); c++) {
            if (sim.pack().terminal_V(c) > sim.pack().terminal_V(best)) {
                best = c;
            }
        }
        return best;
    }

    @Test
    void balancingMovesChargeAtTheBalanceCurrentTimesTheEfficiency() {
        // Two cells apart, nothing else: the balancer moves energy from the high cell to the low one for an hour.
        PackSpec spec = new PackSpec(Chemistry.LFP, 8, 100, 50, 0, 0, 0, 1, 0, 60, 0);
        Simulation sim = new Simulation(MODEL, spec, lfp(8, 100), 25, SimulationListener.NONE);
        sim.pack().setSoc_pct(2, 95);
        sim.pack().setSoc_pct(6, 10);
        sim.runUntil(5 * S);
        assertThat(sim.bms().balancing()).isTrue();
        assertThat(sim.plant().balanceSourceCell()).isEqualTo(2);
        assertThat(sim.plant().balanceDestinationCell()).isEqualTo(6);
        double src0 = sim.pack().soc_pct(2);
        double dst0 = sim.pack().soc_pct(6);
        double vs = sim.pack().terminal_V(2);
        double vd = sim.pack().terminal_V(6);
        sim.runUntil(3605 * S);
        double cap_Ah = sim.pack().capacity_Ah(2);
        double out_Ah = (src0 - sim.pack().soc_pct(2)) / 100 * cap_Ah;
        double in_Ah = (sim.pack().soc_pct(6) - dst0) / 100 * cap_Ah;
        double board_Ah = Plant.BOARD_ON_W / (8 * 3.3); // the board's own supply, from every cell
        assertThat(out_Ah - board_Ah).isCloseTo(0.400, within(0.004));
        double expected_Ah = 0.400 * Plant.BALANCER_EFFICIENCY * vs / vd;
        assertThat(in_Ah + board_Ah).isCloseTo(expected_Ah, within(expected_Ah * 0.02));
        assertThat(in_Ah).isLessThan(out_Ah); // below 100 %: the loss heated the board
        assertThat(sim.plant().balancerLoss_J()).isCloseTo(
                (1 - Plant.BALANCER_EFFICIENCY) * sim.plant().balancerIn_J(), within(1e-6));
    }

    @Test
    void socEstimateStaysWithinTwoPercentOverASevenDayMixedCycleAndIsReAnchoredAfterAFullCharge() {
        var scenario = ScenarioParser.parse("mixed-week", """
                board: JK-BD4A24S-12P
                chemistry: LFP
                cells: 16
                capacity_Ah: 100
                pack: {soc_pct: 35, soc_spread_pct: 1, capacity_spread_pct: 2, resistance_spread_pct: 10, seed: 17}
                ambient: {min_C: 10, max_C: 30}
                until: 7d
                sample: 60s
                timeline:
                  - at: 0s
                    charger: {voltage_V: 55.2, current_A: 30}
                  - at: 4h
                    charger: off
                    solar: {peak_A: 35, voltage_V: 55.2, sunrise_h: 6, sunset_h: 19}
                    profile: {file: week-load.csv, repeat: true}
                """, Path.of("src", "test", "resources"));
        double[] worst = {0};
        boolean[] anchoredBeforeCheck = {false};
        RunRecord r = RunRecord.of(scenario).onSample(sim -> {
            if (sim.now_us() < 4 * 3600 * S) {
                return; // before the first full charge the estimate comes from the rest voltage of a flat curve
            }
            double err = Math.abs(sim.bms().soc().socExact_pct() - sim.pack().meanSoc_pct());
            worst[0] = Math.max(worst[0], err);
        }).runToEnd();
        anchoredBeforeCheck[0] = r.events("SOC_ANCHOR", "change").stream()
                .anyMatch(e -> e.t_us() < 4 * 3600 * S && e.detail().contains("-> 100 %"));
        assertThat(anchoredBeforeCheck[0]).as("re-anchored at 100 % by the first full charge").isTrue();
        assertThat(worst[0]).as("largest |estimate - true| over the week, %").isLessThan(2.0);
        // The week really cycled the pack.
        assertThat(r.sim().bms().telemetry().cycleCapacity_mAh()).isGreaterThan(300_000);
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 300, 2000})
    void theShortCircuitTripsExactlyItsDelayAfterTheShortBegins(int delay_us) {
        List<SimEvent> events = new ArrayList<>();
        var run = new ScenarioRun(ScenarioParser.parse("short", """
                chemistry: LFP
                cells: 16
                capacity_Ah: 100
                until: 20s
                settings: {scp_delay_us: %d}
                timeline:
                  - at: 10.0375s
                    fault: {short_circuit: {resistance_mOhm: 5}}
                """.formatted(delay_us), Path.of(".")), events::add);
        run.runToEnd();
        SimEvent comparator = events.stream().filter(e -> e.event().equals("SCP_COMPARATOR")).findFirst().orElseThrow();
        // The short begins between two control ticks; the comparator does not wait for a tick.
        assertThat(comparator.t_us()).isEqualTo(10_037_500L + delay_us);
        assertThat(comparator.value()).isEqualTo(delay_us);
        SimEvent firmware = events.stream().filter(e -> e.event().equals("SCP") && e.phase().equals("trip"))
                .findFirst().orElseThrow();
        assertThat(firmware.t_us()).isEqualTo(10_100_000L); // the firmware sees the latch at its next tick
        assertThat(run.simulation().plant().dischargePathOpen()).isFalse();
    }

    @Test
    void aShortWeakerThanTheComparatorThresholdIsLeftToOverCurrentProtection() {
        List<SimEvent> events = new ArrayList<>();
        var run = new ScenarioRun(ScenarioParser.parse("soft-short", """
                chemistry: LFP
                cells: 16
                capacity_Ah: 100
                until: 30s
                timeline:
                  - at: 1s
                    fault: {short_circuit: {resistance_mOhm: 250}}
                """, Path.of(".")), events::add);
        run.runToEnd();
        // About 200 A: below the 500 A comparator and the 240 A level III, above the 180 A level II (10 s).
        assertThat(events).noneMatch(e -> e.event().equals("SCP_COMPARATOR"));
        assertThat(events).anyMatch(e -> e.event().equals("DOCP2") && e.phase().equals("trip"));
    }

    @Test
    void theSameScenarioAndSeedGiveTheSameRun() {
        assertThat(fingerprint()).isEqualTo(fingerprint());
    }

    private static List<String> fingerprint() {
        List<String> out = new ArrayList<>();
        RunRecord r = RunRecord.example("capacitive-load-short").onSample(sim -> out.add(sim.now_us() + " "
                + sim.plant().packVoltage_V() + " " + sim.plant().packCurrent_A() + " " + sim.bms().soc().socExact_pct()
                + " " + sim.bms().measurements().max_mV()));
        r.runToEnd();
        r.events.forEach(e -> out.add(e.toString()));
        return out;
    }
}
