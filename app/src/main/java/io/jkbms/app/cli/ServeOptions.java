package io.jkbms.app.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The main job's options: where the web app listens, where it keeps its data, and which board it serves. */
public final class ServeOptions {
    @Option(names = "--connect", paramLabel = "BOARD", description = {"serve a real board instead of the twin: "
            + "tcp://HOST:PORT (JK02 through a BLE-TCP bridge), uart-tcp://HOST:PORT (4E57 through an RS485 gateway), "
            + "serial:/dev/ttyUSB0 (4E57) or ble:MAC (JK02 over Bluetooth)"})
    String connect;

    @Option(names = "--port", description = "web app port (default 8080; 0 picks a free one)", defaultValue = "8080")
    int port;

    @Option(names = "--listen", description = "address to listen on (default 127.0.0.1; anything else is reachable "
            + "from other machines)", defaultValue = "127.0.0.1")
    String listen;

    @Option(names = "--data", description = "data folder: the write token and the history, history.db "
            + "(default ./data)", defaultValue = "data")
    Path data;

    @Mixin
    HistoryOptions history;

    @Option(names = "--speed", description = "the twin's time speed, 1 = real time (1..1000, default 1)",
            defaultValue = "1")
    double speed;

    @Option(names = "--scenario", description = "run the twin on this scenario file instead of the built-in home pack")
    Path scenario;

    @Option(names = "--web-root", hidden = true, description = "serve the pages from this folder (front-end work)")
    Path webRoot;
}
