package io.jkbms.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.jkbms.core.board.BoardModel;
import io.jkbms.core.board.Chemistry;
import io.jkbms.core.settings.Presets;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.settings.SettingsValidator;
import io.jkbms.core.settings.ValidationResult;
import io.jkbms.core.settings.Violation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code jkbms settings check FILE.json}: validate a settings file. */
@Command(name = "settings", mixinStandardHelpOptions = true, description = "Work with settings files.",
        subcommands = {SettingsCommand.Check.class})
final class SettingsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Validate a settings file: exit 0 if valid, 2 with one line per problem if not.",
                    "The file is a JSON object with the field names `jkbms presets --json` prints; fields it leaves out "
                            + "take the preset of its battery_type (LFP if none)."})
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE.json", description = "the settings file")
        Path file;

        @Option(names = "--model", defaultValue = "JK-BD4A24S-12P",
                description = "the board model to check against (default: ${DEFAULT-VALUE})")
        String model;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            BoardModel boardModel;
            try {
                boardModel = BoardModel.parse(model);
            } catch (IllegalArgumentException e) {
                err.println("--model: " + e.getMessage());
                return JkbmsCommand.EXIT_UNREADABLE;
            }
            Map<String, Object> named;
            try {
                named = Json.MAPPER.readValue(Files.readString(file), new TypeReference<LinkedHashMap<String, Object>>() { });
            } catch (NoSuchFileException e) {
                err.println(file + ": no such file");
                return JkbmsCommand.EXIT_UNREADABLE;
            } catch (JsonProcessingException e) {
                var loc = e.getLocation();
                err.println(file + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr())
                        + ": not a JSON object of settings: " + e.getOriginalMessage());
                return JkbmsCommand.EXIT_UNREADABLE;
            } catch (IOException e) {
                err.println(file + ": cannot read: " + e.getMessage());
                return JkbmsCommand.EXIT_UNREADABLE;
            }
            if (named == null) {
                err.println(file + ": not a JSON object of settings");
                return JkbmsCommand.EXIT_UNREADABLE;
            }

            SettingsPatch.Parsed parsed = SettingsPatch.parseAll(named);
            SettingsPatch patch = parsed.patch();
            int type = patch.values().getOrDefault(SettingKey.BATTERY_TYPE, Chemistry.LFP.ordinal());
            Settings base = Presets.forChemistry(Chemistry.values()[type]);
            ValidationResult result = SettingsValidator.validate(boardModel, base.with(patch));
            for (Violation w : result.warnings()) {
                err.println("warning: " + w.line());
            }
            err.flush();
            if (!parsed.problems().isEmpty() || !result.isValid()) {
                List<Violation> all = new java.util.ArrayList<>(parsed.problems());
                all.addAll(result.errors());
                return report(err, all);
            }
            out.println(file + ": valid for " + boardModel.name() + " (" + patch.toNamedValues().size()
                    + " values given, the rest from the " + Chemistry.values()[type] + " preset)");
            out.flush();
            return 0;
        }

        private static int report(PrintWriter err, List<Violation> violations) {
            for (Violation v : violations) {
                err.println(v.line());
            }
            err.flush();
            return JkbmsCommand.EXIT_INVALID;
        }
    }
}
