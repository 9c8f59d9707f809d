package io.jkbms.sim.scenario;

import io.jkbms.core.board.BoardModel;
import io.jkbms.core.settings.Settings;
import io.jkbms.sim.board.SensorErrors;
import io.jkbms.sim.cell.PackSpec;

import java.util.List;
import java.util.Optional;

/**
 * A situation to simulate, as read from a scenario file: the board, its settings, the pack, the surroundings and a
 * timeline of actions. Valid by construction: {@link ScenarioParser} refuses anything that would fail to run.
 */
public record Scenario(String file, String description, BoardModel model, Settings settings, PackSpec pack,
                       double ambient_C, Optional<double[]> ambientDaily_C, SensorErrors sensorErrors, long until_us,
                       long sample_us, List<TimedActions> timeline) {

    public Scenario {
        timeline = List.copyOf(timeline);
    }

    /** The actions of one timeline entry, with the line they were written on. */
    public record TimedActions(long at_us, int line, List<Action> actions) {
        public TimedActions {
            actions = List.copyOf(actions);
        }
    }

    /** The same scenario with another end time (the CLI's --until; a twin runs open-ended). */
    public Scenario withUntil(long us) {
        return new Scenario(file, description, model, settings, pack, ambient_C, ambientDaily_C, sensorErrors, us,
                sample_us, timeline);
    }

    public Scenario withSample(long us) {
        return new Scenario(file, description, model, settings, pack, ambient_C, ambientDaily_C, sensorErrors, until_us,
                us, timeline);
    }
}
