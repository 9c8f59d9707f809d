package io.jkbms.sim.plant;

/**
 * A CC/CV charger on the P+ bus: a voltage source with a small internal resistance and a current limit. Its
 * open-circuit voltage is what the board sees on P+ while the charge MOSFETs are off (charge activation).
 */
public final class Source {
    /** Internal resistance: the CV droop of a typical charger (chosen). */
    public static final double INTERNAL_Ohm = 0.05;

    boolean on;
    double voltage_V;
    double currentLimit_A;

    public void set(double voltage_V, double currentLimit_A) {
        if (!(voltage_V > 0) || !(currentLimit_A >= 0)) {
            throw new IllegalArgumentException("a charger needs voltage_V > 0 and current_A >= 0");
        }
        this.on = true;
        this.voltage_V = voltage_V;
        this.currentLimit_A = currentLimit_A;
    }

    public void off() {
        on = false;
    }

    public boolean on() {
        return on;
    }

    public double voltage_V() {
        return voltage_V;
    }

    public double currentLimit_A() {
        return currentLimit_A;
    }

    /** Current delivered into a bus at {@code bus_V}. */
    double current_A(double bus_V) {
        if (!on) {
            return 0;
        }
        return Math.max(0, Math.min(currentLimit_A, (voltage_V - bus_V) / INTERNAL_Ohm));
    }

    void setLimit(double currentLimit_A) {
        this.currentLimit_A = Math.max(0, currentLimit_A);
    }
}
