package io.jkbms.core.settings;

import java.util.List;
import java.util.stream.Collectors;

/** A settings change was refused; nothing was applied. Carries one {@link Violation} per problem. */
public final class InvalidSettingsException extends RuntimeException {
    private final List<Violation> violations;

    public InvalidSettingsException(List<Violation> violations) {
        super(violations.stream().map(Violation::line).collect(Collectors.joining("; ")));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an InvalidSettingsException needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
