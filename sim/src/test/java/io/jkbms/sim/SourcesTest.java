package io.jkbms.sim;

import io.jkbms.core.board.Chemistry;
import io.jkbms.sim.cell.Pack;
import io.jkbms.sim.cell.PackSpec;
import io.jkbms.sim.plant.Plant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** What changes with time on its own: solar, the daily ambient, load profiles. */
class SourcesTest {
    private static final double H = 3600;
    private static final double DAY = 86_400;

    private Sources sources;
    private Plant plant;

    @BeforeEach
    void setUp() {
        sources = new Sources();
        plant = new Plant(new Pack(new PackSpec(Chemistry.LFP, 16, 100, 50, 0, 0, 0, 1, 0, 60, 0)));
        plant.setDischargeMos(true); // so a load's current shows as the pack current
    }

    /** The load the sources put on the plant at a time, as the pack current it draws (positive = drawn). */
    private double loadAt(double t_s) {
        sources.apply(plant, Math.round(t_s * 1e6));
        plant.solve();
        return -plant.packCurrent_A();
    }

    // ---- solar --------------------------------------------------------------------------------------------------------

    @Test
    void solarIsAHalfSineFromSunriseToSunset() {
        sources.setSolar(30, 58, 6, 18);
        assertThat(sources.solar_A(12 * H)).isCloseTo(30, within(1e-9));
        assertThat(sources.solar_A(6 * H)).isCloseTo(0, within(1e-9));
        assertThat(sources.solar_A(18 * H)).isCloseTo(0, within(1e-9));
        assertThat(sources.solar_A(9 * H)).isCloseTo(30 * Math.sin(Math.PI / 4), within(1e-9));
        assertThat(sources.solar_A(15 * H)).isCloseTo(30 * Math.sin(Math.PI / 4), within(1e-9));
        for (double t = 0; t < DAY; t += 600) {
            double a = sources.solar_A(t);
            if (t < 6 * H || t > 18 * H) {
                assertThat(a).as("night at %.0f s", t).isZero();
            } else {
                assertThat(a).isBetween(-1e-9, 30.0);
                assertThat(a).isCloseTo(30 * Math.sin(Math.PI * (t - 6 * H) / (12 * H)), within(1e-9));
            }
        }
        // The same every day.
        assertThat(sources.solar_A(3 * DAY + 12 * H)).isCloseTo(30, within(1e-9));
        assertThat(sources.solar_A(3 * DAY + 2 * H)).isZero();
    }

    @Test
    void anAsymmetricDayPeaksMidwayBetweenSunriseAndSunset() {
        sources.setSolar(10, 58, 7, 21);
        assertThat(sources.solar_A(14 * H)).isCloseTo(10, within(1e-9));
        assertThat(sources.solar_A(12 * H)).isLessThan(10);
    }

    @Test
    void solarOffGivesNothing() {
        sources.setSolar(30, 58, 6, 18);
        sources.solarOff();
        assertThat(sources.solar_A(12 * H)).isZero();
    }

    @Test
    void solarRefusesAnImpossibleDay() {
        assertThatThrownBy(() -> sources.setSolar(30, 58, 18, 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sources.setSolar(30, 58, -1, 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sources.setSolar(30, 58, 6, 25)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void solarDrivesThePlantsSolarCharger() {
        sources.setSolar(30, 58, 6, 18);
        sources.apply(plant, Math.round(12 * H * 1e6));
        assertThat(plant.solar.on()).isTrue();
        assertThat(plant.solar.currentLimit_A()).isCloseTo(30, within(1e-9));
        assertThat(plant.solar.voltage_V()).isEqualTo(58);
        sources.apply(plant, Math.round(22 * H * 1e6));
        assertThat(plant.solar.on()).isFalse();
    }

    // ---- ambient ------------------------------------------------------------------------------------------------------

    @Test
    void theDailyAmbientIsLowestAt3AndHighestAt15() {
        sources.setAmbientDaily(5, 25);
        assertThat(sources.dailyAmbient_C(3 * H)).isCloseTo(5, within(1e-9));
        assertThat(sources.dailyAmbient_C(15 * H)).isCloseTo(25, within(1e-9));
        assertThat(sources.dailyAmbient_C(9 * H)).isCloseTo(15, within(1e-9));
        assertThat(sources.dailyAmbient_C(21 * H)).isCloseTo(15, within(1e-9));
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        double tMin = -1;
        double tMax = -1;
        for (double t = 0; t < DAY; t += 60) {
            double c = sources.dailyAmbient_C(t);
            assertThat(c).isBetween(5.0 - 1e-9, 25.0 + 1e-9);
            if (c < min) {
                min = c;
                tMin = t;
            }
            if (c > max) {
                max = c;
                tMax = t;
            }
        }
        assertThat(tMin).isEqualTo(3 * H);
        assertThat(tMax).isEqualTo(15 * H);
        // Every day the same.
        assertThat(sources.dailyAmbient_C(5 * DAY + 3 * H)).isCloseTo(5, within(1e-9));
    }

    @Test
    void ambientReachesThePlant() {
        sources.setAmbientDaily(-5, 15);
        sources.apply(plant, Math.round(3 * H * 1e6));
        assertThat(plant.ambient_C()).isCloseTo(-5, within(1e-9));
        sources.apply(plant, Math.round(15 * H * 1e6));
        assertThat(plant.ambient_C()).isCloseTo(15, within(1e-9));
        sources.setAmbient(30);
        sources.apply(plant, Math.round(3 * H * 1e6));
        assertThat(plant.ambient_C()).isEqualTo(30);
    }

    // ---- loads and profiles ----------------------------------------------------------------------------------------

    @Test
    void aConstantLoadReachesThePlant() {
        sources.setLoad(12, 0, Double.POSITIVE_INFINITY);
        assertThat(loadAt(10)).isCloseTo(12, within(1e-6));
        sources.loadOff();
        assertThat(loadAt(20)).isCloseTo(0, within(1e-6));
    }

    @Test
    void aProfileIsInterpolatedLinearly() {
        sources.setProfile(new double[]{0, 10, 20}, new double[]{0, 10, 4}, false, 0, false);
        assertThat(loadAt(0)).isCloseTo(0, within(1e-6));
        assertThat(loadAt(2.5)).isCloseTo(2.5, within(1e-6));
        assertThat(loadAt(5)).isCloseTo(5, within(1e-6));
        assertThat(loadAt(10)).isCloseTo(10, within(1e-6));
        assertThat(loadAt(15)).isCloseTo(7, within(1e-6));
        assertThat(loadAt(17.5)).isCloseTo(5.5, within(1e-6));
        // Past the end without repeat: the last value is held.
        assertThat(loadAt(20)).isCloseTo(4, within(1e-6));
        assertThat(loadAt(500)).isCloseTo(4, within(1e-6));
    }

    @Test
    void aRepeatingProfileStartsOverAfterItsLastTime() {
        sources.setProfile(new double[]{0, 10, 20}, new double[]{0, 10, 4}, false, 0, true);
        for (double t : new double[]{2.5, 5, 12, 17.5}) {
            double first = loadAt(t);
            assertThat(loadAt(t + 20)).as("t = %s", t).isCloseTo(first, within(1e-6));
            assertThat(loadAt(t + 20 * 7)).isCloseTo(first, within(1e-6));
        }
        assertThat(loadAt(25)).isCloseTo(5, within(1e-6));
        assertThat(loadAt(35)).isCloseTo(7, within(1e-6));
    }

    @Test
    void aProfileCountsFromItsStartAndAddsToTheConstantLoad() {
        sources.setLoad(3, 0, Double.POSITIVE_INFINITY);
        sources.setProfile(new double[]{0, 10}, new double[]{2, 12}, false, 100_000_000L, false);
        assertThat(loadAt(50)).isCloseTo(3, within(1e-6)); // before the profile starts
        assertThat(loadAt(105)).isCloseTo(3 + 7, within(1e-6));
        sources.profileOff();
        assertThat(loadAt(105)).isCloseTo(3, within(1e-6));
    }

    @Test
    void aPowerProfileDrawsItsPower() {
        sources.setProfile(new double[]{0, 100}, new double[]{500, 1500}, true, 0, false);
        double amps = 0;
        for (int i = 0; i < 5; i++) {
            amps = loadAt(50); // solved repeatedly, as the simulation does step after step
        }
        assertThat(amps * plant.bus_V()).isCloseTo(1000, within(0.5));
    }

    @Test
    void aProfileNeedsMatchingColumns() {
        assertThatThrownBy(() -> sources.setProfile(new double[]{0, 1}, new double[]{1}, false, 0, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sources.setProfile(new double[0], new double[0], false, 0, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
