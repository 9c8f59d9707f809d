package io.jkbms.core.settings;

/**
 * One problem with a setting: which field, the value given, what is allowed, and why. Used for rejections (errors)
 * and for advice that does not block a change (warnings).
 */
public record Violation(String field, String value, String allowed, String reason) {

    /** One line for a person: {@code cell_ovpr_mV = 3700: must be below cell_ovp_mV (3600) [allowed: 1000..3599 mV]}. */
    public String line() {
        return field + " = " + value + ": " + reason + " [allowed: " + allowed + "]";
    }

    @Override
    public String toString() {
        return line();
    }
}
