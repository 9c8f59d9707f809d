package io.jkbms.core.board;

/**
 * Rest (open-circuit) voltage against state of charge for a chemistry: the LibreSolar bms-firmware tables quoted in
 * shared/reference/cells.md. The firmware uses it once, to estimate SOC when it powers up without a stored value;
 * the pack model may use richer curves of its own.
 */
public final class OcvCurve {
    private static final int[] SOC_PCT = {0, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 100};
    private static final int[] LFP_mV = {2833, 3132, 3177, 3213, 3240, 3262, 3265, 3271, 3283, 3304, 3309, 3314, 3392};
    private static final int[] NCM_mV = {2800, 3588, 3684, 3726, 3764, 3803, 3838, 3883, 3962, 4026, 4089, 4135, 4198};
    private static final int[] LTO_mV = {2000, 2105, 2125, 2154, 2177, 2198, 2224, 2259, 2309, 2376, 2458, 2513, 2800};

    private OcvCurve() {
    }

    private static int[] table(Chemistry c) {
        switch (c) {
            case LFP: return LFP_mV;
            case NCM: return NCM_mV;
            default: return LTO_mV;
        }
    }

    /** The rest voltage at a state of charge (linear between table points; SOC clamped to 0..100). */
    public static int ocv_mV(Chemistry chemistry, double soc_pct) {
        return (int) Math.round(ocv_V(chemistry, soc_pct) * 1000.0);
    }

    /** The rest voltage in volts, unrounded (for the pack model). Allocation-free. */
    public static double ocv_V(Chemistry chemistry, double soc_pct) {
        int[] v = table(chemistry);
        double s = Math.max(0, Math.min(100, soc_pct));
        for (int i = 1; i < SOC_PCT.length; i++) {
            if (s <= SOC_PCT[i]) {
                double f = (s - SOC_PCT[i - 1]) / (SOC_PCT[i] - SOC_PCT[i - 1]);
                return (v[i - 1] + f * (v[i] - v[i - 1])) / 1000.0;
            }
        }
        return v[v.length - 1] / 1000.0;
    }

    /** The state of charge a rest voltage suggests (inverse of {@link #ocv_mV}; clamped to 0..100). */
    public static double soc_pct(Chemistry chemistry, int ocv_mV) {
        int[] v = table(chemistry);
        if (ocv_mV <= v[0]) {
            return 0;
        }
        for (int i = 1; i < v.length; i++) {
            if (ocv_mV <= v[i]) {
                double f = (double) (ocv_mV - v[i - 1]) / (v[i] - v[i - 1]);
                return SOC_PCT[i - 1] + f * (SOC_PCT[i] - SOC_PCT[i - 1]);
            }
        }
        return 100;
    }
}
