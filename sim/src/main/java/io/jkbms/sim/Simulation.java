package io.jkbms.sim;

import io.jkbms.core.board.BoardModel;
import io.jkbms.core.settings.Settings;
import io.jkbms.firmware.Bms;
import io.jkbms.firmware.FirmwareConstants;
import io.jkbms.sim.board.SimulatedBoard;
import io.jkbms.sim.cell.Pack;
import io.jkbms.sim.cell.PackSpec;
import io.jkbms.sim.plant.Plant;

/**
 * The real firmware running against the simulated pack on a virtual clock, as fast as the machine allows.
 *
 * <p>The control period is 100 ms ({@link #CONTROL_PERIOD_us}): the firmware ticks at every multiple of it, and the
 * physics is stepped from one tick to the next with the bus solved at the start of each step. Anything scheduled in
 * between (a timeline action) splits the step at its exact time. The short-circuit comparator is event-accurate: when
 * a step starts with a discharge current above its threshold — a short applied, the MOSFETs closing onto a capacitor
 * bank — it trips exactly its configured delay (µs) later, not at the next tick. Same inputs and seed, same run.
 */
public final class Simulation {
    public static final long CONTROL_PERIOD_us = FirmwareConstants.CONTROL_PERIOD_ms * 1000L;

    private final SimClock clock = new SimClock();
    private final Pack pack;
    private final Plant plant;
    private final SimulatedBoard board;
    private final Bms bms;
    private final SimulationListener listener;
    private final Sources sources = new Sources();

    private long nextTick_us;
    private long sample_us = 1_000_000;
    private long nextSample_us;
    private long ticks;
    private long comparatorTrips;
    private long lastShortStart_us = -1;
    private long lastComparatorTrip_us = -1;

    public Simulation(BoardModel model, PackSpec packSpec, Settings settings, double ambient_C, SimulationListener listener) {
        this.listener = listener;
        this.pack = new Pack(packSpec);
        this.plant = new Plant(pack);
        plant.setAmbient_C(ambient_C);
        plant.setCellTemperature_C(ambient_C);
        plant.setMosTemperature_C(ambient_C);
        this.board = new SimulatedBoard(model, plant, packSpec.seed());
        this.bms = new Bms(board, clock, settings, e -> listener.onEvent(SimEvent.of(e)));
        plant.solve();
        bms.tick();
        plant.solve();
        nextTick_us = CONTROL_PERIOD_us;
        nextSample_us = 0;
    }

    /** Sampling interval for {@link SimulationListener#onSample}; a multiple of the control period. */
    public void setSampleInterval_us(long us) {
        if (us < CONTROL_PERIOD_us || us % CONTROL_PERIOD_us != 0) {
            throw new IllegalArgumentException("the sampling interval must be a multiple of "
                    + CONTROL_PERIOD_us / 1000 + " ms, was " + us / 1000.0 + " ms");
        }
        sample_us = us;
    }

    /** Runs until {@code end_us}: ticks, physics and scheduled hardware events in time order. */
    public void runUntil(long end_us) {
        if (nextSample_us == 0 && clock.now_us == 0) {
            listener.onSample(this);
            nextSample_us = sample_us;
        }
        while (clock.now_us < end_us) {
            long t = Math.min(nextTick_us, end_us);
            physicsTo(t);
            if (clock.now_us == nextTick_us) {
                bms.tick();
                ticks++;
                nextTick_us += CONTROL_PERIOD_us;
                if (clock.now_us >= nextSample_us) {
                    listener.onSample(this);
                    nextSample_us += sample_us;
                }
            }
        }
    }

    /** Steps the physics to {@code t_us}, handling the comparator within the interval. */
    private void physicsTo(long t_us) {
        while (clock.now_us < t_us) {
            sources.apply(plant, clock.now_us);
            plant.solve();
            inrush();
            long end = t_us;
            if (plant.dischargePathOpen() && -plant.packCurrent_A() * 1000.0 > board.scpThreshold_mA()) {
                if (lastShortStart_us < 0) {
                    lastShortStart_us = clock.now_us;
                }
                // The delay counts from when the over-current began, even across a tick boundary.
                end = Math.min(t_us, lastShortStart_us + board.scpDelay_us());
                step(end);
                if (clock.now_us - lastShortStart_us >= board.scpDelay_us()) {
                    tripComparator(String.format(java.util.Locale.ROOT, "%.0f A for %d µs",
                            -plant.packCurrent_A(), clock.now_us - lastShortStart_us));
                }
                continue;
            }
            lastShortStart_us = -1;
            step(end);
        }
    }

    private void step(long end_us) {
        double dt_s = (end_us - clock.now_us) / 1e6;
        plant.advance(dt_s);
        clock.now_us = end_us;
    }

    /** A capacitor bank below the pack voltage meets the closed MOSFETs (they just closed, or the bank was just
     *  connected): an exponential inrush. If it stays above the comparator threshold for the delay, the comparator
     *  trips; otherwise the capacitors are charged. Below 1 V of difference the inrush is too small to matter. */
    private void inrush() {
        boolean open = plant.dischargePathOpen();
        if (open && plant.capacitance_F() > 0 && pack.sourceVoltage_V() - plant.capacitor_V() > 1.0) {
            double e = pack.sourceVoltage_V();
            double dv = e - plant.capacitor_V();
            double r = plant.seriesResistance_Ohm() + plant.capacitorEsr_Ohm();
            double peak_mA = dv / r * 1000.0;
            double tau_s = r * plant.capacitance_F();
            if (dv > 0 && peak_mA > board.scpThreshold_mA()) {
                double above_us = tau_s * Math.log(peak_mA / board.scpThreshold_mA()) * 1e6;
                if (above_us >= board.scpDelay_us()) {
                    listener.onEvent(new SimEvent(clock.now_us, "INRUSH", "start", 0, Math.round(peak_mA), "mA",
                            "MOSFETs closed onto " + fmt(plant.capacitance_F() * 1000) + " mF at " + fmt(plant.capacitor_V())
                                    + " V", "hardware"));
                    lastShortStart_us = clock.now_us;
                    long trip = clock.now_us + board.scpDelay_us();
                    plant.advance((trip - clock.now_us) / 1e6);
                    // The bank charged only for the delay before the comparator cut the inrush, from the pack.
                    plant.setCapacitor_V(e - dv); // advance() treated the bank as driven; it was not charged yet
                    plant.chargeCapacitorFromPack(e - dv * Math.exp(-board.scpDelay_us() / 1e6 / tau_s),
                            board.scpDelay_us() / 1e6);
                    clock.now_us = trip;
                    tripComparator(String.format(java.util.Locale.ROOT, "inrush peak %.0f A, above the threshold for %.0f µs",
                            peak_mA / 1000, above_us));
                    lastShortStart_us = -1;
                    return;
                }
            }
            if (dv > 0) {
                // Below the comparator: the bank charges within a few τ; that charge comes out of the pack.
                plant.chargeCapacitorFromPack(e, tau_s);
                listener.onEvent(new SimEvent(clock.now_us, "INRUSH", "start", 0, Math.round(peak_mA), "mA",
                        "capacitors charged through the MOSFETs", "hardware"));
            }
        }
    }

    private void tripComparator(String detail) {
        board.tripComparator();
        comparatorTrips++;
        lastComparatorTrip_us = clock.now_us;
        listener.onEvent(new SimEvent(clock.now_us, "SCP_COMPARATOR", "trip", 0,
                clock.now_us - Math.max(0, lastShortStart_us), "us", detail, "hardware"));
        plant.solve();
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    // ---- access -------------------------------------------------------------------------------------------------------

    public long now_us() {
        return clock.now_us;
    }

    public Bms bms() {
        return bms;
    }

    public Plant plant() {
        return plant;
    }

    public Pack pack() {
        return pack;
    }

    public SimulatedBoard board() {
        return board;
    }

    public Sources sources() {
        return sources;
    }

    public long ticks() {
        return ticks;
    }

    public long comparatorTrips() {
        return comparatorTrips;
    }

    /** When the comparator last tripped, or −1. */
    public long lastComparatorTrip_us() {
        return lastComparatorTrip_us;
    }
}
