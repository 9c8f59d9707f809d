package io.jkbms.core.telemetry;

/** One temperature input: its status and, when {@link SensorStatus#OK}, its value in 0.1 °C. */
public record TemperatureReading(SensorStatus status, int value_dC) {
    public static final TemperatureReading ABSENT = new TemperatureReading(SensorStatus.ABSENT, 0);

    public boolean valid() {
        return status == SensorStatus.OK;
    }

    /** "23.4 °C", or "NA" / "open" / "shorted". */
    public String text() {
        switch (status) {
            case OK: return String.format(java.util.Locale.ROOT, "%.1f °C", value_dC / 10.0);
            case ABSENT: return "NA";
            default: return status.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
