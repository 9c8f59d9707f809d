package io.jkbms.app;

import io.jkbms.app.cli.JkbmsCommand;
import picocli.CommandLine;

/** Entry point of the {@code jkbms} jar. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // Plots are drawn off-screen; never try to reach a display.
        System.setProperty("java.awt.headless", "true");
        System.exit(JkbmsCommand.commandLine().execute(args));
    }
}
