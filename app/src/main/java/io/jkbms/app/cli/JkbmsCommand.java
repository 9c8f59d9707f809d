package io.jkbms.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code jkbms}: the JK-BD4AxxS-12P BMS in software. With no sub-command it runs the main job; until the web app
 * exists, that is printing this help.
 */
@Command(name = "jkbms", mixinStandardHelpOptions = true, versionProvider = JkbmsCommand.Version.class,
        description = {"The JK-BD4AxxS-12P active-balancing BMS in software: firmware, pack twin, protocols and app.", ""},
        subcommands = {PresetsCommand.class, SettingsCommand.class, io.jkbms.app.simulate.SimulateCommand.class,
                FrameCommand.class, io.jkbms.app.link.TwinCommand.class, io.jkbms.app.link.ClientCommand.class,
                CommandLine.HelpCommand.class})
public final class JkbmsCommand implements Callable<Integer> {
    /** Exit code for input that is understood but refused (invalid settings). */
    public static final int EXIT_INVALID = 2;
    /** Exit code for input that cannot be read at all (missing file, malformed JSON). */
    public static final int EXIT_UNREADABLE = 3;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new JkbmsCommand());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("jkbms: " + ex.getMessage());
            return 1;
        });
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = JkbmsCommand.class.getPackage().getImplementationVersion();
            return new String[]{"jkbms " + (v == null ? "development build" : v)};
        }
    }
}
