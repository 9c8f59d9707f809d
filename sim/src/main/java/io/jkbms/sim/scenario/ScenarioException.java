package io.jkbms.sim.scenario;

/** A scenario that cannot be run, with the line (1-based, 0 when unknown) and the reason. */
public final class ScenarioException extends RuntimeException {
    private final String file;
    private final int line;

    public ScenarioException(String file, int line, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
