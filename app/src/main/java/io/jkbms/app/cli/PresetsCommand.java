package io.jkbms.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jkbms.core.board.Chemistry;
import io.jkbms.core.settings.Presets;
import io.jkbms.core.settings.SettingGroup;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code jkbms presets --chemistry LFP|NCM|LTO [--json]}: the factory preset of a chemistry. */
@Command(name = "presets", mixinStandardHelpOptions = true,
        description = "Print the factory preset settings of a chemistry (as a table, or as JSON with --json).")
final class PresetsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--chemistry", required = true, converter = ChemistryConverter.class,
            description = "LFP, NCM or LTO")
    Chemistry chemistry;

    @Option(names = "--json", description = "print JSON (the field names `settings check` and scenarios use)")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        Settings s = Presets.forChemistry(chemistry);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(s.toNamedValues()));
        } else {
            out.println("Preset for " + chemistry.description());
            for (SettingGroup g : SettingGroup.values()) {
                out.println();
                out.println(g.title());
                for (SettingKey k : SettingKey.values()) {
                    if (k.group() == g) {
                        out.printf("  %-26s %-10s %s%n", k.jsonName(), k.toJsonValue(s.get(k)), k.description());
                    }
                }
            }
            out.println();
            out.printf("  %-26s %s%n", Settings.WIRE_RESISTANCE, s.toNamedValues().get(Settings.WIRE_RESISTANCE));
        }
        out.flush();
        return 0;
    }

    static final class ChemistryConverter implements picocli.CommandLine.ITypeConverter<Chemistry> {
        @Override
        public Chemistry convert(String value) {
            return Chemistry.parse(value);
        }
    }
}
