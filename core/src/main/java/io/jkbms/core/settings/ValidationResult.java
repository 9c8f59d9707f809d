package io.jkbms.core.settings;

import java.util.List;

/** The outcome of validating a whole set of settings: errors reject it, warnings only advise. */
public record ValidationResult(List<Violation> errors, List<Violation> warnings) {
    public ValidationResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean isValid() {
        return errors.isEmpty();
    }
}
