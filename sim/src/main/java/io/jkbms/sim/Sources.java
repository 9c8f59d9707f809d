package io.jkbms.sim;

import io.jkbms.sim.plant.Plant;

/**
 * What changes with time on its own: a constant load, a load profile from a table, a solar-day charging curve and an
 * ambient-temperature profile. Evaluated at the start of each physics step (piecewise constant, at most 100 ms).
 */
public final class Sources {
    private static final double DAY_s = 86_400.0;

    private double loadCurrent_A;
    private double loadPower_W;
    private double loadResistance_Ohm = Double.POSITIVE_INFINITY;

    private double[] profileTime_s = new double[0];
    private double[] profileValue = new double[0];
    private boolean profileIsPower;
    private long profileStart_us;
    private boolean profileRepeat;

    private boolean solar;
    private double solarPeak_A;
    private double solarVoltage_V;
    private double sunrise_s;
    private double sunset_s;

    private boolean ambientDaily;
    private double ambientMin_C;
    private double ambientMax_C;
    private double ambientFixed_C = Double.NaN;

    public void setLoad(double current_A, double power_W, double resistance_Ohm) {
        loadCurrent_A = current_A;
        loadPower_W = power_W;
        loadResistance_Ohm = resistance_Ohm;
    }

    public void loadOff() {
        setLoad(0, 0, Double.POSITIVE_INFINITY);
    }

    /** A table of (time, value) pairs: current in A or power in W, positive drawing from the pack. */
    public void setProfile(double[] time_s, double[] value, boolean power, long start_us, boolean repeat) {
        if (time_s.length != value.length || time_s.length == 0) {
            throw new IllegalArgumentException("a profile needs matching, non-empty time and value columns");
        }
        profileTime_s = time_s.clone();
        profileValue = value.clone();
        profileIsPower = power;
        profileStart_us = start_us;
        profileRepeat = repeat;
    }

    public void profileOff() {
        profileTime_s = new double[0];
        profileValue = new double[0];
    }

    public void setSolar(double peak_A, double voltage_V, double sunrise_h, double sunset_h) {
        if (!(sunset_h > sunrise_h) || sunrise_h < 0 || sunset_h > 24) {
            throw new IllegalArgumentException("solar needs 0 <= sunrise_h < sunset_h <= 24");
        }
        solar = true;
        solarPeak_A = peak_A;
        solarVoltage_V = voltage_V;
        sunrise_s = sunrise_h * 3600;
        sunset_s = sunset_h * 3600;
    }

    public void solarOff() {
        solar = false;
    }

    public void setAmbientDaily(double min_C, double max_C) {
        ambientDaily = true;
        ambientMin_C = min_C;
        ambientMax_C = max_C;
    }

    public void setAmbient(double c) {
        ambientDaily = false;
        ambientFixed_C = c;
    }

    public double loadCurrent_A() {
        return loadCurrent_A;
    }

    public double loadPower_W() {
        return loadPower_W;
    }

    /** Infinite when no resistive load is set. */
    public double loadResistance_Ohm() {
        return loadResistance_Ohm;
    }

    public boolean profileActive() {
        return profileTime_s.length > 0;
    }

    public boolean solarOn() {
        return solar;
    }

    public double solarPeak_A() {
        return solarPeak_A;
    }

    public double solarVoltage_V() {
        return solarVoltage_V;
    }

    /** True when the ambient follows the daily curve, false when it was fixed. */
    public boolean ambientDaily() {
        return ambientDaily;
    }

    /** Solar current at a time of day: a half sine from sunrise to sunset. */
    public double solar_A(double t_s) {
        double tod = t_s % DAY_s;
        if (!solar || tod < sunrise_s || tod > sunset_s) {
            return 0;
        }
        return solarPeak_A * Math.sin(Math.PI * (tod - sunrise_s) / (sunset_s - sunrise_s));
    }

    /** Ambient at a time of day: lowest at 03:00, highest at 15:00. */
    public double dailyAmbient_C(double t_s) {
        double tod = t_s % DAY_s;
        double mean = 0.5 * (ambientMin_C + ambientMax_C);
        double amp = 0.5 * (ambientMax_C - ambientMin_C);
        return mean - amp * Math.cos(2 * Math.PI * (tod - 3 * 3600) / DAY_s);
    }

    private double profile(long now_us) {
        int n = profileTime_s.length;
        if (n == 0) {
            return 0;
        }
        double t = (now_us - profileStart_us) / 1e6;
        if (t < 0) {
            return 0;
        }
        double span = profileTime_s[n - 1];
        if (profileRepeat && span > 0) {
            t = t % span;
        }
        if (t >= profileTime_s[n - 1]) {
            return profileRepeat ? profileValue[0] : profileValue[n - 1];
        }
        // Binary search for the segment, then linear interpolation.
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (profileTime_s[mid] <= t) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        if (t < profileTime_s[lo]) {
            return profileValue[lo];
        }
        double f = (t - profileTime_s[lo]) / (profileTime_s[hi] - profileTime_s[lo]);
        return profileValue[lo] + f * (profileValue[hi] - profileValue[lo]);
    }

    void apply(Plant plant, long now_us) {
        double p = profile(now_us);
        plant.setLoad(loadCurrent_A + (profileIsPower ? 0 : p), loadPower_W + (profileIsPower ? p : 0), loadResistance_Ohm);
        double a = solar ? solar_A(now_us / 1e6) : 0;
        if (a > 0) {
            plant.solar.set(solarVoltage_V, a);
        } else {
            plant.solar.off();
        }
        if (ambientDaily) {
            plant.setAmbient_C(dailyAmbient_C(now_us / 1e6));
        } else if (!Double.isNaN(ambientFixed_C)) {
            plant.setAmbient_C(ambientFixed_C);
        }
    }
}
