package io.jkbms.app.cli;

import io.jkbms.app.history.History;
import io.jkbms.app.history.RecorderStatus;
import io.jkbms.app.web.Serve;
import io.jkbms.sim.scenario.DefaultScenario;
import io.jkbms.sim.scenario.Scenario;
import io.jkbms.sim.scenario.ScenarioException;
import io.jkbms.sim.scenario.ScenarioParser;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code jkbms} without a command: the twin (or a real board) and the web app, until Ctrl-C. */
final class MainJob {
    private final ServeOptions o;
    private final PrintWriter out;
    private final PrintWriter err;

    MainJob(ServeOptions o, PrintWriter out, PrintWriter err) {
        this.o = o;
        this.out = out;
        this.err = err;
    }

    /** Runs until the JVM is asked to stop (Ctrl-C). */
    int run() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch cleaned = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                cleaned.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run(stop);
        } finally {
            cleaned.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }

    /** Runs until {@code stop} is released; everything is closed when it returns. */
    int run(CountDownLatch stop) throws InterruptedException {
        InetAddress bind;
        try {
            bind = InetAddress.getByName(o.listen);
        } catch (UnknownHostException e) {
            err.println("jkbms: --listen " + o.listen + ": not an address of this machine");
            return JkbmsCommand.EXIT_INVALID;
        }
        if (o.port < 0 || o.port > 65_535) {
            err.println("jkbms: --port must be 0 to 65535, was " + o.port);
            return JkbmsCommand.EXIT_INVALID;
        }
        if (!(o.speed >= 1) || o.speed > 1000) {
            err.println("jkbms: --speed must be 1 to 1000, was " + o.speed);
            return JkbmsCommand.EXIT_INVALID;
        }
        if (o.connect != null && (o.scenario != null || o.speed != 1)) {
            err.println("jkbms: --scenario and --speed are for the twin; a real board (--connect) runs in real time");
            return JkbmsCommand.EXIT_INVALID;
        }
        Serve serve;
        try {
            History.Config history = o.history.config();
            if (o.connect != null) {
                serve = Serve.board(o.connect, bind, o.port, o.data, Optional.ofNullable(o.webRoot), history);
            } else {
                Scenario s = o.scenario == null ? DefaultScenario.load() : ScenarioParser.parse(o.scenario);
                serve = Serve.twin(s, o.speed, bind, o.port, o.data, Optional.ofNullable(o.webRoot), history);
            }
        } catch (ScenarioException | IllegalArgumentException e) {
            err.println("jkbms: " + e.getMessage());
            return JkbmsCommand.EXIT_INVALID;
        } catch (IOException e) {
            err.println("jkbms: " + e.getMessage());
            return 1;
        }
        String host = bind.isAnyLocalAddress() ? "127.0.0.1" : (bind.getHostAddress().contains(":")
                ? "[" + bind.getHostAddress() + "]" : bind.getHostAddress());
        String url = "http://" + host + ":" + serve.port() + "/";
        if (o.connect != null) {
            out.println("jkbms: serving the board at " + o.connect + " (offline until it answers; reconnects by itself)");
        } else {
            out.println("jkbms: twin " + serve.device().model().name() + ", speed " + fmt(o.speed) + "x");
        }
        out.println("  web app:     " + url + "#token=" + serve.token());
        out.println("  write token: " + serve.token() + "   (kept in " + o.data.resolve("token") + ")");
        RecorderStatus rec = serve.history().recorder().status();
        out.println("  history:     " + rec.store() + " (every reading for " + rec.rawDays() + " days, then per "
                + "minute and per hour)");
        if (!bind.isLoopbackAddress()) {
            err.println("jkbms: WARNING: listening on " + o.listen + ": other machines can reach the app; reads from "
                    + "them need the token, writes always do");
        }
        out.println("  Ctrl-C stops it.");
        out.flush();
        err.flush();
        try {
            stop.await();
        } finally {
            serve.close();
        }
        return 0;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
