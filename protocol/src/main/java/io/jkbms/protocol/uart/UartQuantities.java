package io.jkbms.protocol.uart;

/**
 * The two 4E57 encodings that are not plain numbers (protocols.md §2.3): temperatures 0x80–0x82 and the current 0x84.
 * Each has a decode and an encode; the encoders reject what the wire cannot carry (callers clamp first).
 */
public final class UartQuantities {
    /** Hottest temperature the encoding carries: raw 100 already means −1 °C. */
    public static final int MAX_TEMPERATURE_C = 99;
    /** Coldest: raw 0xFFFF. */
    public static final int MIN_TEMPERATURE_C = 99 - 0xFFFF;
    /** Protocol version (0xC0) from which 0x84 carries a sign bit. */
    public static final int SIGNED_CURRENT_VERSION = 1;
    /** C0 = 1: 15 bits of 10 mA. */
    public static final int MAX_SIGNED_CURRENT_mA = 0x7FFF * 10;
    /** C0 = 0: raw 0 .. 0xFFFF is +100 A .. −455.35 A. */
    public static final int MAX_LEGACY_CURRENT_mA = 10_000 * 10;
    public static final int MIN_LEGACY_CURRENT_mA = (10_000 - 0xFFFF) * 10;

    private UartQuantities() {
    }

    /**
     * °C from a raw 0x80–0x82 value as real devices send it: 0–99 are +°C, and 100 is −1 °C (°C = 99 − raw). The
     * PDF says 101 = −1 °C, but captures show 100 = −1 (ESPHome's off-by-one fix c90367c; dbus-serialbattery #339).
     */
    public static int temperature_C(int raw) {
        return raw < 100 ? raw : 99 - raw;
    }

    /** The raw 0x80–0x82 value for a temperature in {@link #MIN_TEMPERATURE_C}..{@link #MAX_TEMPERATURE_C}. */
    public static int temperatureRaw(int celsius) {
        if (celsius > MAX_TEMPERATURE_C || celsius < MIN_TEMPERATURE_C) {
            throw new IllegalArgumentException(celsius + " °C is outside the 4E57 temperature range "
                    + MIN_TEMPERATURE_C + ".." + MAX_TEMPERATURE_C);
        }
        return celsius >= 0 ? celsius : 99 - celsius;
    }

    /** A temperature clamped into the encodable range. */
    public static int clampTemperature_C(int celsius) {
        return Math.max(MIN_TEMPERATURE_C, Math.min(MAX_TEMPERATURE_C, celsius));
    }

    /**
     * mA (+ = charge) from a raw 0x84 value. Protocol version 1: bit 15 set means charge, the rest is 10 mA units.
     * Anything else (0, or C0 absent on old firmware): (10000 − raw) × 10 mA, with the sign the formula gives.
     */
    public static int current_mA(int raw, int protocolVersion) {
        if (protocolVersion == SIGNED_CURRENT_VERSION) {
            int magnitude = (raw & 0x7FFF) * 10;
            return (raw & 0x8000) != 0 ? magnitude : -magnitude;
        }
        return (10_000 - raw) * 10;
    }

    /**
     * The raw 0x84 value for a current (+ = charge), rounded to 10 mA (half away from zero). Zero is sent as 0x0000.
     *
     * @throws IllegalArgumentException if the current does not fit the version's encoding
     */
    public static int currentRaw(int current_mA, int protocolVersion) {
        long units = UartId.roundDiv(current_mA, 10);
        if (protocolVersion == SIGNED_CURRENT_VERSION) {
            if (Math.abs(units) > 0x7FFF) {
                throw new IllegalArgumentException(current_mA + " mA exceeds the ±" + MAX_SIGNED_CURRENT_mA
                        + " mA of the signed 4E57 current");
            }
            return units > 0 ? (int) (0x8000 | units) : (int) -units;
        }
        long raw = 10_000 - units;
        if (raw < 0 || raw > 0xFFFF) {
            throw new IllegalArgumentException(current_mA + " mA is outside the legacy 4E57 current range "
                    + MIN_LEGACY_CURRENT_mA + ".." + MAX_LEGACY_CURRENT_mA + " mA");
        }
        return (int) raw;
    }

    /** A current clamped into what the version's encoding carries. */
    public static int clampCurrent_mA(int current_mA, int protocolVersion) {
        return protocolVersion == SIGNED_CURRENT_VERSION
                ? Math.max(-MAX_SIGNED_CURRENT_mA, Math.min(MAX_SIGNED_CURRENT_mA, current_mA))
                : Math.max(MIN_LEGACY_CURRENT_mA, Math.min(MAX_LEGACY_CURRENT_mA, current_mA));
    }
}
