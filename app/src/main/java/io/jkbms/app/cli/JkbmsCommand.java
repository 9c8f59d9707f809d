package io.jkbms.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code jkbms}: the JK-BD4AxxS-12P BMS in software. With no sub-command it runs the main job: a twin of the board
 * (or, with {@code --connect}, a real board) and the web app in front of it, until Ctrl-C.
 */
@Command(name = "jkbms", mixinStandardHelpOptions = true, versionProvider = JkbmsCommand.Version.class,
        description = {"The JK-BD4AxxS-12P active-balancing BMS in software: firmware, pack twin, protocols and app.",
                "Without a command: runs a twin of the board (JK-BD4A24S-12P, 16S LFP 280 Ah on solar with a daily "
                        + "load) and its web app on http://127.0.0.1:8080 until Ctrl-C; --connect serves a real board "
                        + "instead.", ""},
        subcommands = {PresetsCommand.class, SettingsCommand.class, io.jkbms.app.simulate.SimulateCommand.class,
                FrameCommand.class, io.jkbms.app.link.TwinCommand.class, io.jkbms.app.link.ClientCommand.class,
                io.jkbms.app.bench.WebBenchCommand.class, io.jkbms.app.bench.HistoryBenchCommand.class,
                ExportCommand.class,
                CommandLine.HelpCommand.class})
public final class JkbmsCommand implements Callable<Integer> {
    /** Exit code for input that is understood but refused (invalid settings). */
    public static final int EXIT_INVALID = 2;
    /** Exit code for input that cannot be read at all (missing file, malformed JSON). */
    public static final int EXIT_UNREADABLE = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    ServeOptions serve;

    @Override
    public Integer call() throws Exception {
        return new MainJob(serve, spec.commandLine().getOut(), spec.commandLine().getErr()).run();
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
