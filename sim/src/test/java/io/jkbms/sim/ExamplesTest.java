package io.jkbms.sim;

import io.jkbms.core.telemetry.PowerState;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Every example in examples/ runs and tells the story its comment promises. */
class ExamplesTest {
    private static final long MIN_us = 60_000_000L;
    private static final long HOUR_us = 3_600_000_000L;

    @Test
    void everyExampleHasAStoryTest() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
            var names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).toList();
            var tested = Stream.of(getClass().getDeclaredMethods()).map(m -> m.getName().toLowerCase()).toList();
            for (String n : names) {
                String method = n.replace("-", "").toLowerCase();
                assertThat(tested).as("a story test for examples/" + n + ".yaml").anyMatch(t -> t.equals(method));
            }
        }
    }

    @Test
    void lfp16solarleakycell() {
        Map<Integer, Integer> destinations = new HashMap<>();
        double[] topSpread_mV = new double[3];
        RunRecord r = RunRecord.example("lfp16-solar-leaky-cell").onSample(sim -> {
            int to = sim.plant().balanceDestinationCell();
            if (to > 0) {
                destinations.merge(to, 1, Integer::sum);
            }
            long t = sim.now_us();
            int day = (int) (t / (24 * HOUR_us));
            if (day < 3 && t % (24 * HOUR_us) >= 13 * HOUR_us && t % (24 * HOUR_us) <= 15 * HOUR_us) {
                double max = 0;
                double min = 9;
                for (int c = 1; c <= 16; c++) {
                    max = Math.max(max, sim.pack().terminal_V(c));
                    min = Math.min(min, sim.pack().terminal_V(c));
                }
                topSpread_mV[day] = Math.max(topSpread_mV[day], (max - min) * 1000);
            }
        }).runToEnd();
        int intoLeaky = destinations.getOrDefault(5, 0);
        int total = destinations.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(intoLeaky).as("samples balancing into the leaky cell 5 of %s", destinations).isGreaterThan(total / 2);
        assertThat(r.events("CELL_OVP", "trip")).isEmpty();
        assertThat(r.events("CELL_UVP", "trip")).isEmpty();
        // The balancer wins against the leak: the spread at the top of the charge shrinks day by day.
        assertThat(topSpread_mV[2]).isLessThan(topSpread_mV[0]);
        assertThat(r.sim().bms().powerState()).isEqualTo(PowerState.ON);
    }

    @Test
    void ncm13chargerrunaway() {
        double[] maxCell_V = {0};
        RunRecord r = RunRecord.example("ncm13-charger-runaway").onSample(sim -> {
            for (int c = 1; c <= 13; c++) {
                maxCell_V[0] = Math.max(maxCell_V[0], sim.pack().terminal_V(c));
            }
        }).runToEnd();
        SimEvent anchor = r.first("SOC_ANCHOR", "change");
        SimEvent trip = r.first("CELL_OVP", "trip");
        assertThat(anchor.t_us()).isLessThan(trip.t_us());
        assertThat(trip.value()).isBetween(4200L, 4220L);
        assertThat(maxCell_V[0]).as("no cell far past 4.2 V").isLessThan(4.23);
        SimEvent recover = r.first("CELL_OVP", "recover");
        assertThat(recover.t_us()).isGreaterThan(3 * HOUR_us);
        assertThat(r.sim().bms().chargeMos()).isTrue();
    }

    @Test
    void lfp8coldmorningheating() {
        RunRecord r = RunRecord.example("lfp8-cold-morning-heating").runToEnd();
        assertThat(r.first("CHARGE_UTP", "trip").t_us()).isLessThan(MIN_us);
        SimEvent heat = r.first("HEATING", "start");
        assertThat(heat.t_us()).isBetween(6 * HOUR_us, 6 * HOUR_us + 1_000_000);
        assertThat(heat.detail()).contains("charging waits until the pack is warm");
        SimEvent utpRecover = r.first("CHARGE_UTP", "recover");
        SimEvent heatStop = r.first("HEATING", "stop");
        assertThat(utpRecover.t_us()).isBetween(heat.t_us(), heatStop.t_us());
        assertThat(heatStop.value()).isGreaterThanOrEqualTo(100);
        assertThat(r.first("CELL_OVP", "trip").t_us()).isGreaterThan(heatStop.t_us());
    }

    @Test
    void lto24cycle() {
        RunRecord r = RunRecord.example("lto24-cycle").runToEnd();
        SimEvent full = r.first("SOC_ANCHOR", "change");
        assertThat(full.detail()).contains("-> 100 %");
        assertThat(r.first("CELL_OVP", "trip").t_us()).isGreaterThan(full.t_us());
        SimEvent uvp = r.first("CELL_UVP", "trip");
        assertThat(uvp.t_us()).isBetween(2 * HOUR_us, 3 * HOUR_us + 30 * MIN_us);
        assertThat(r.events("SOC_ANCHOR", "change")).anyMatch(e -> e.detail().contains("-> 0 %")
                && !e.detail().contains("learned"));
        SimEvent sleep = r.first("SLEEP", "start");
        SimEvent wake = r.first("WAKE", "change");
        assertThat(sleep.t_us()).isGreaterThan(uvp.t_us());
        assertThat(wake.t_us()).isBetween(3 * HOUR_us + 30 * MIN_us, 3 * HOUR_us + 30 * MIN_us + 1_000_000);
        assertThat(wake.detail()).contains("charger");
        assertThat(r.first("CELL_UVP", "recover").t_us()).isGreaterThan(wake.t_us());
    }

    @Test
    void capacitiveloadshort() {
        RunRecord r = RunRecord.example("capacitive-load-short").runToEnd();
        var trips = r.events("SCP_COMPARATOR", "trip");
        // The first inrush: the MOSFETs close at the first tick after 1 min; the comparator trips 5 µs later.
        SimEvent first = trips.get(0);
        assertThat(first.t_us()).isEqualTo(60_100_005L);
        assertThat(first.value()).isEqualTo(5);
        assertThat(first.detail()).contains("inrush");
        // It retries after each 60 s recovery and trips again until precharge is set at 5 min.
        assertThat(trips.stream().filter(e -> e.t_us() < 5 * MIN_us)).hasSizeGreaterThanOrEqualTo(2);
        SimEvent precharge = r.first("PRECHARGE", "stop");
        assertThat(precharge.t_us()).isBetween(5 * MIN_us, 7 * MIN_us);
        assertThat(r.events("INRUSH", "start")).anyMatch(e -> e.t_us() == precharge.t_us()
                && e.detail().contains("charged through the MOSFETs"));
        // The cable short at 20 min: exactly 5 µs.
        SimEvent shortTrip = trips.stream().filter(e -> e.t_us() >= 20 * MIN_us).findFirst().orElseThrow();
        assertThat(shortTrip.t_us()).isEqualTo(20 * MIN_us + 5);
        assertThat(shortTrip.detail()).doesNotContain("inrush");
        // Removed at 21 min: after its recovery the board runs the inverter again.
        assertThat(r.sim().bms().dischargeMos()).isTrue();
        assertThat(r.sim().plant().packCurrent_A()).isCloseTo(-20, within(0.5));
    }

    @Test
    void emergencybelowshutdown() {
        boolean[] forcedOnBelowShutdown = {false};
        RunRecord r = RunRecord.example("emergency-below-shutdown").onSample(sim -> {
            long t = sim.now_us();
            if (t > 10 * MIN_us && t < 30 * MIN_us && sim.bms().dischargeMos()
                    && sim.bms().measurements().min_mV() < 2500 && sim.plant().packCurrent_A() < -0.9) {
                forcedOnBelowShutdown[0] = true;
            }
        }).runToEnd();
        SimEvent off = r.first("POWER_OFF", "start");
        assertThat(off.t_us()).isBetween(MIN_us, MIN_us + 1_000_000);
        SimEvent wake = r.first("ACTIVATION", "change");
        assertThat(r.events("ACTIVATION", "change").get(1).detail()).contains("button");
        SimEvent start = r.first("EMERGENCY", "start");
        SimEvent stop = r.first("EMERGENCY", "stop");
        assertThat(stop.t_us() - start.t_us()).isEqualTo(30 * MIN_us);
        assertThat(forcedOnBelowShutdown[0]).as("the load ran below the power-off voltage in emergency").isTrue();
        assertThat(r.events("POWER_OFF", "start")).anyMatch(e -> e.t_us() == stop.t_us());
        assertThat(r.sim().bms().powerState()).isEqualTo(PowerState.OFF);
        assertThat(wake.t_us()).isZero();
    }

    @Test
    void idlesleepchargerwake() {
        RunRecord r = RunRecord.example("idle-sleep-charger-wake").runToEnd();
        assertThat(r.first("SLEEP", "start").t_us()).isBetween(26 * HOUR_us, 26 * HOUR_us + 100_000);
        SimEvent wake = r.first("WAKE", "change");
        assertThat(wake.t_us()).isBetween(30 * HOUR_us, 30 * HOUR_us + 100_000);
        assertThat(wake.detail()).contains("charger");
        assertThat(r.sim().plant().packCurrent_A()).isGreaterThan(1);
        assertThat(r.sim().bms().powerState()).isEqualTo(PowerState.ON);
    }

    @Test
    void faultstour() {
        RunRecord r = RunRecord.example("faults-tour").runToEnd();
        SimEvent mismatch = r.first("CELL_COUNT_MISMATCH", "trip");
        assertThat(mismatch.t_us()).isBetween(10 * MIN_us, 11 * MIN_us);
        assertThat(r.first("CELL_COUNT_MISMATCH", "recover").t_us()).isBetween(20 * MIN_us, 21 * MIN_us);
        assertThat(r.first("WIRE_RESISTANCE", "trip").cell()).isEqualTo(7);
        assertThat(r.first("WIRE_RESISTANCE", "recover").t_us()).isBetween(20 * MIN_us, 21 * MIN_us);
        // The open wire is not taken for a cell over/under-voltage, and does not shut the board down.
        assertThat(r.events.stream().filter(e -> e.t_us() < 50 * MIN_us)
                .filter(e -> e.event().equals("CELL_UVP") || e.event().equals("CELL_OVP") || e.event().equals("POWER_OFF")))
                .isEmpty();
        assertThat(r.first("TEMP_SENSOR_FAULT", "trip").t_us()).isBetween(30 * MIN_us, 31 * MIN_us);
        assertThat(r.first("TEMP_SENSOR_FAULT", "recover").t_us()).isBetween(40 * MIN_us, 41 * MIN_us);
        SimEvent otp = r.first("DISCHARGE_OTP", "trip");
        assertThat(otp.t_us()).isBetween(50 * MIN_us, 3 * HOUR_us);
        assertThat(r.first("CHARGE_OTP", "trip").t_us()).isEqualTo(otp.t_us());
        assertThat(r.first("DISCHARGE_OTP", "recover").t_us()).isGreaterThan(3 * HOUR_us);
    }
}
