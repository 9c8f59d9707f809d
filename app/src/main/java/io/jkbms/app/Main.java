package io.jkbms.app;

import io.jkbms.app.cli.JkbmsCommand;
import picocli.CommandLine;

/** Entry point of the {@code jkbms} jar. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(JkbmsCommand.commandLine().execute(args));
    }
}
