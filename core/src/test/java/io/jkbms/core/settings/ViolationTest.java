package io.jkbms.core.settings;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ViolationTest {

    @Test
    void lineNamesFieldValueReasonAndAllowed() {
        Violation v = new Violation("cell_ovpr_mV", "3700", "1000..3599 mV", "must be below cell_ovp_mV (3600)");
        assertThat(v.line()).isEqualTo("cell_ovpr_mV = 3700: must be below cell_ovp_mV (3600) [allowed: 1000..3599 mV]");
        assertThat(v).hasToString(v.line());
    }

    @Test
    void exceptionCarriesEveryViolationAndJoinsThemInItsMessage() {
        Violation a = new Violation("a", "1", "2..3", "out of range");
        Violation b = new Violation("b", "x", "true|false", "wrong type");
        List<Violation> given = new ArrayList<>(List.of(a, b));
        InvalidSettingsException e = new InvalidSettingsException(given);
        given.clear();
        assertThat(e.violations()).containsExactly(a, b);
        assertThat(e).hasMessage(a.line() + "; " + b.line());
        assertThatThrownBy(() -> e.violations().add(a)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void exceptionNeedsAViolation() {
        assertThatThrownBy(() -> new InvalidSettingsException(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void validationResultIsValidOnlyWithoutErrorsAndCopiesItsLists() {
        Violation w = new Violation("balance_max_mA", "400", "<= 200 mA", "advice");
        List<Violation> warnings = new ArrayList<>(List.of(w));
        ValidationResult ok = new ValidationResult(List.of(), warnings);
        warnings.clear();
        assertThat(ok.isValid()).isTrue();
        assertThat(ok.warnings()).containsExactly(w);
        assertThat(new ValidationResult(List.of(w), List.of()).isValid()).isFalse();
    }
}
