package io.jkbms.sim.cell;

import io.jkbms.core.board.Chemistry;

/**
 * How a simulated pack is built. Spreads are uniform: a cell's value lies within ±spread % of the nominal (SOC: ±spread
 * percentage points), drawn from {@code seed}, so the same spec always builds the same pack.
 */
public record PackSpec(Chemistry chemistry, int cells, double capacity_Ah, double soc_pct, double socSpread_pct,
                       double capacitySpread_pct, double resistanceSpread_pct, long seed,
                       double selfDischarge_pctPerMonth, double wireResistance_mOhm, double wireSpread_pct) {

    public PackSpec {
        if (cells < 1 || cells > 32) {
            throw new IllegalArgumentException("cells must be 1..32, was " + cells);
        }
        if (!(capacity_Ah > 0)) {
            throw new IllegalArgumentException("capacity_Ah must be > 0, was " + capacity_Ah);
        }
        if (soc_pct < 0 || soc_pct > 100) {
            throw new IllegalArgumentException("soc_pct must be 0..100, was " + soc_pct);
        }
        for (double s : new double[]{socSpread_pct, capacitySpread_pct, resistanceSpread_pct, wireSpread_pct,
                selfDischarge_pctPerMonth, wireResistance_mOhm}) {
            if (s < 0 || Double.isNaN(s)) {
                throw new IllegalArgumentException("spreads, self-discharge and wire resistance must be >= 0");
            }
        }
        if (capacitySpread_pct >= 50 || resistanceSpread_pct >= 90) {
            throw new IllegalArgumentException("capacity spread must be < 50 % and resistance spread < 90 %");
        }
    }

    /** A pack with typical defaults: 3 % capacity, 10 % resistance spread, 3 %/month self-discharge, 60 mΩ wires. */
    public static PackSpec of(Chemistry chemistry, int cells, double capacity_Ah, double soc_pct) {
        return new PackSpec(chemistry, cells, capacity_Ah, soc_pct, 0, 3, 10, 1, 3, 60, 10);
    }
}
