package io.jkbms.sim.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The built-in twin scenario (resource default-twin.yaml): a 16S LFP 280 Ah home pack on solar with a daily load. */
public final class DefaultScenario {
    public static final String RESOURCE = "/io/jkbms/sim/default-twin.yaml";

    private DefaultScenario() {
    }

    public static String text() {
        try (InputStream in = DefaultScenario.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Scenario load() {
        return ScenarioParser.parse("default-twin.yaml", text(), Path.of("."));
    }
}
