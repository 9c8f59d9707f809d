package io.jkbms.sim.scenario;

import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.firmware.Switch;
import io.jkbms.sim.Simulation;
import io.jkbms.sim.board.SimulatedBoard;

/** One thing a scenario's timeline does at its time. */
public sealed interface Action {
    void apply(Simulation sim);

    record Charger(double voltage_V, double current_A) implements Action {
        public void apply(Simulation sim) {
            sim.plant().charger.set(voltage_V, current_A);
        }
    }

    record ChargerOff() implements Action {
        public void apply(Simulation sim) {
            sim.plant().charger.off();
        }
    }

    record Load(double current_A, double power_W, double resistance_Ohm) implements Action {
        public void apply(Simulation sim) {
            sim.sources().setLoad(current_A, power_W, resistance_Ohm);
        }
    }

    record Solar(double peak_A, double voltage_V, double sunrise_h, double sunset_h) implements Action {
        public void apply(Simulation sim) {
            sim.sources().setSolar(peak_A, voltage_V, sunrise_h, sunset_h);
        }
    }

    record SolarOff() implements Action {
        public void apply(Simulation sim) {
            sim.sources().solarOff();
        }
    }

    record Profile(double[] time_s, double[] value, boolean power, boolean repeat, String file) implements Action {
        public void apply(Simulation sim) {
            sim.sources().setProfile(time_s, value, power, sim.now_us(), repeat);
        }
    }

    record ProfileOff() implements Action {
        public void apply(Simulation sim) {
            sim.sources().profileOff();
        }
    }

    record Capacitor(double capacitance_F, double esr_Ohm) implements Action {
        public void apply(Simulation sim) {
            sim.plant().setCapacitor(capacitance_F, esr_Ohm);
        }
    }

    record ShortCircuit(double resistance_Ohm) implements Action {
        public void apply(Simulation sim) {
            sim.plant().setShort(resistance_Ohm);
        }
    }

    record OpenBalanceWire(int cell, boolean open) implements Action {
        public void apply(Simulation sim) {
            sim.board().setWireOpen(cell, open);
        }
    }

    record TemperatureSensor(int sensor, SimulatedBoard.SensorFault fault) implements Action {
        public void apply(Simulation sim) {
            sim.board().setSensorFault(sensor, fault);
        }
    }

    record LeakyCell(int cell, double pctPerDay) implements Action {
        public void apply(Simulation sim) {
            sim.pack().setLeak(cell, pctPerDay);
        }
    }

    record WeakCell(int cell, double resistanceFactor) implements Action {
        public void apply(Simulation sim) {
            sim.pack().scaleResistance(cell, resistanceFactor);
        }
    }

    record CellsSoc(double[] soc_pct) implements Action {
        public void apply(Simulation sim) {
            for (int i = 0; i < soc_pct.length; i++) {
                sim.pack().setSoc_pct(i + 1, soc_pct[i]);
            }
        }
    }

    record SetSwitch(Switch sw, boolean on) implements Action {
        public void apply(Simulation sim) {
            sim.bms().setSwitch(sw, on, "scenario");
        }
    }

    record Emergency(boolean on) implements Action {
        public void apply(Simulation sim) {
            if (on) {
                sim.bms().startEmergency();
            } else {
                sim.bms().stopEmergency();
            }
        }
    }

    record Button() implements Action {
        public void apply(Simulation sim) {
            sim.board().pressButton();
        }
    }

    record Display() implements Action {
        public void apply(Simulation sim) {
            sim.board().pressDisplay();
        }
    }

    record PowerOff() implements Action {
        public void apply(Simulation sim) {
            sim.bms().powerOff();
        }
    }

    record Settings(SettingsPatch patch) implements Action {
        public void apply(Simulation sim) {
            sim.bms().applySettings(patch, "scenario");
        }
    }

    record Ambient(double ambient_C) implements Action {
        public void apply(Simulation sim) {
            sim.sources().setAmbient(ambient_C);
        }
    }

    record AmbientDaily(double min_C, double max_C) implements Action {
        public void apply(Simulation sim) {
            sim.sources().setAmbientDaily(min_C, max_C);
        }
    }
}
