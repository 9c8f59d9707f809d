package io.jkbms.app.device;

import io.jkbms.sim.Simulation;
import io.jkbms.sim.board.SimulatedBoard;
import io.jkbms.sim.scenario.Action;
import io.jkbms.sim.twin.Twin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The twin's panel: what the bench around a real board would be — charger, load, solar, ambient — plus the faults a
 * tester injects and the board's keys. Every action is one of the scenario language's actions, applied under the
 * twin's lock, so the panel and scenario files can do exactly the same things.
 */
public final class TwinPanel {
    /** The panel offers 1x to 1000x: beyond that the page cannot follow and the host may not keep up. */
    public static final double MAX_SPEED = 1000;

    private final Twin twin;

    TwinPanel(Twin twin) {
        this.twin = twin;
    }

    /** What the bench is doing now (GET /api/twin). */
    public record State(double speed, double simTime_s, Charger charger, Load load, Solar solar, boolean profile,
                        double ambient_C, boolean ambientDaily, boolean shortCircuit, Map<String, Double> leakyCells,
                        List<Integer> openWires, Map<String, String> sensorFaults, int cells) {
    }

    public record Charger(boolean on, double voltage_V, double current_A) {
    }

    public record Load(boolean on, double current_A, double power_W, double resistance_Ohm) {
    }

    public record Solar(boolean on, double peak_A, double voltage_V) {
    }

    public State state() {
        double speed = twin.speed();
        return twin.call(sim -> {
            var src = sim.sources();
            var plant = sim.plant();
            double r = src.loadResistance_Ohm();
            boolean loadOn = src.loadCurrent_A() != 0 || src.loadPower_W() != 0 || Double.isFinite(r);
            Map<String, Double> leaky = new LinkedHashMap<>();
            List<Integer> open = new ArrayList<>();
            int cells = sim.pack().cells();
            for (int c = 1; c <= cells; c++) {
                double leak = sim.pack().leak_pctPerDay(c);
                if (leak > 0) {
                    leaky.put(Integer.toString(c), Math.round(leak * 1000) / 1000.0);
                }
                if (sim.board().wireOpen(c)) {
                    open.add(c);
                }
            }
            Map<String, String> faults = new LinkedHashMap<>();
            for (int ch = 0; ch <= 4; ch++) {
                SimulatedBoard.SensorFault f = sim.board().sensorFault(ch);
                if (f != SimulatedBoard.SensorFault.NONE) {
                    faults.put(ch == 0 ? "MOS" : "T" + ch, f.name());
                }
            }
            return new State(speed, sim.now_us() / 1e6,
                    new Charger(plant.charger.on(), plant.charger.voltage_V(), plant.charger.currentLimit_A()),
                    new Load(loadOn, src.loadCurrent_A(), src.loadPower_W(), Double.isFinite(r) ? r : 0),
                    new Solar(src.solarOn(), src.solarPeak_A(), src.solarVoltage_V()), src.profileActive(),
                    Math.round(plant.ambient_C() * 10) / 10.0, src.ambientDaily(), plant.shorted(), leaky, open, faults,
                    cells);
        });
    }

    public void setSpeed(double speed) {
        if (!(speed >= 1) || speed > MAX_SPEED) {
            throw new IllegalArgumentException("speed must be 1 to " + (int) MAX_SPEED + ", was " + speed);
        }
        twin.setSpeed(speed);
    }

    /**
     * Applies one action now. Actions that name a cell or sensor are checked against this pack here, so a bad number
     * is refused before anything changes.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public void apply(Action action) {
        twin.call(sim -> {
            check(action, sim);
            action.apply(sim);
            return null;
        });
    }

    private static void check(Action a, Simulation sim) {
        int cells = sim.pack().cells();
        if (a instanceof Action.LeakyCell l) {
            requireCell(l.cell(), cells);
            range("pctPerDay", l.pctPerDay(), 0, 100);
        } else if (a instanceof Action.OpenBalanceWire w) {
            requireCell(w.cell(), cells);
        } else if (a instanceof Action.TemperatureSensor t) {
            if (t.sensor() < 0 || t.sensor() > 4) {
                throw new IllegalArgumentException("sensor must be 0 (MOS) to 4 (T4), was " + t.sensor());
            }
        } else if (a instanceof Action.Charger c) {
            range("voltage_V", c.voltage_V(), 1, 120);
            range("current_A", c.current_A(), 0, 300);
        } else if (a instanceof Action.Load l) {
            range("current_A", l.current_A(), 0, 1000);
            range("power_W", l.power_W(), 0, 50_000);
            if (!(l.resistance_Ohm() > 0)) {
                throw new IllegalArgumentException("resistance_Ohm must be above 0, was " + l.resistance_Ohm());
            }
        } else if (a instanceof Action.Solar s) {
            range("peak_A", s.peak_A(), 0, 300);
            range("voltage_V", s.voltage_V(), 1, 120);
        } else if (a instanceof Action.Ambient t) {
            range("ambient_C", t.ambient_C(), -40, 80);
        } else if (a instanceof Action.ShortCircuit s) {
            if (!(s.resistance_Ohm() > 0)) {
                throw new IllegalArgumentException("resistance_Ohm must be above 0, was " + s.resistance_Ohm());
            }
        }
    }

    private static void requireCell(int cell, int cells) {
        if (cell < 1 || cell > cells) {
            throw new IllegalArgumentException("cell must be 1 to " + cells + ", was " + cell);
        }
    }

    private static void range(String name, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(name + " must be " + fmt(min) + " to " + fmt(max) + ", was " + v);
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
