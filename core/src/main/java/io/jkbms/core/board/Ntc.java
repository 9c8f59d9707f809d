package io.jkbms.core.board;

/**
 * The board's temperature inputs: a 10 kΩ (25 °C), B = 3435 K NTC on the low side of a 10 kΩ pull-up, read by a
 * 12-bit ADC. An open sensor reads full scale (colder than any pack); a shorted one reads zero. The firmware converts
 * counts to temperature ({@link #toDeciCelsius}); the simulated board converts back ({@link #toCounts}).
 */
public final class Ntc {
    public static final int ADC_FULL_SCALE = 4095;
    private static final double R25_OHM = 10_000.0;
    private static final double PULL_UP_OHM = 10_000.0;
    private static final double BETA_K = 3435.0;
    private static final double T25_K = 298.15;
    /** Conversions are clamped here: colder readings mean an open sensor, hotter ones a short. */
    public static final int MIN_dC = -1_000;
    public static final int MAX_dC = 3_000;

    // Immutable lookup so the firmware's conversion is an array read.
    private static final short[] COUNTS_TO_dC = new short[ADC_FULL_SCALE + 1];

    static {
        for (int c = 0; c <= ADC_FULL_SCALE; c++) {
            COUNTS_TO_dC[c] = (short) compute_dC(c);
        }
    }

    private Ntc() {
    }

    private static int compute_dC(int counts) {
        if (counts <= 0) {
            return MAX_dC;
        }
        if (counts >= ADC_FULL_SCALE) {
            return MIN_dC;
        }
        double r = PULL_UP_OHM * counts / (ADC_FULL_SCALE - counts);
        double tK = 1.0 / (1.0 / T25_K + Math.log(r / R25_OHM) / BETA_K);
        long dC = Math.round((tK - 273.15) * 10.0);
        return (int) Math.max(MIN_dC, Math.min(MAX_dC, dC));
    }

    public static int toDeciCelsius(int counts) {
        return COUNTS_TO_dC[Math.max(0, Math.min(ADC_FULL_SCALE, counts))];
    }

    /** The ADC reading of a sensor at a temperature (for the simulated board). */
    public static int toCounts(double temperature_C) {
        double r = R25_OHM * Math.exp(BETA_K * (1.0 / (temperature_C + 273.15) - 1.0 / T25_K));
        long c = Math.round(ADC_FULL_SCALE * r / (r + PULL_UP_OHM));
        return (int) Math.max(1, Math.min(ADC_FULL_SCALE - 1, c));
    }
}
