package io.jkbms.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code jkbms} with no command: the twin and the web app, the address and token printed, the token kept. */
class MainJobTest {
    @TempDir
    Path data;

    private static ServeOptions options(String... args) {
        ServeOptions o = new ServeOptions();
        new CommandLine(o).parseArgs(args);
        return o;
    }

    @Test
    void startsTheTwinAndTheAppAndPrintsWhereAndTheToken() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CountDownLatch stop = new CountDownLatch(1);
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> exit = ex.submit(() -> new MainJob(options("--port", "0", "--data", data.toString()),
                    new PrintWriter(out, true), new PrintWriter(err, true)).run(stop));
            Pattern url = Pattern.compile("web app: +(http://127\\.0\\.0\\.1:\\d+/)#token=([A-Za-z0-9_-]+)");
            await().atMost(Duration.ofSeconds(20)).until(() -> url.matcher(out.toString()).find());
            Matcher m = url.matcher(out.toString());
            assertThat(m.find()).isTrue();
            assertThat(out.toString()).contains("twin JK-BD4A24S-12P");
            assertThat(Files.readString(data.resolve("token")).trim()).isEqualTo(m.group(2));
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(m.group(1)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<html");
            HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(m.group(1) + "api/status")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(status.body()).contains("\"cell_mV\":[");
            stop.countDown();
            assertThat(exit.get()).isZero();
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void aTakenPortIsAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            StringWriter err = new StringWriter();
            int exit = new MainJob(options("--port", Integer.toString(taken.getLocalPort()), "--data", data.toString()),
                    new PrintWriter(new StringWriter()), new PrintWriter(err, true)).run(new CountDownLatch(0));
            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort(), "--port");
        }
    }

    @Test
    void badOptionsAreNamed() throws Exception {
        StringWriter err = new StringWriter();
        int exit = new MainJob(options("--speed", "5000", "--data", data.toString()), new PrintWriter(new StringWriter()),
                new PrintWriter(err, true)).run(new CountDownLatch(0));
        assertThat(exit).isEqualTo(JkbmsCommand.EXIT_INVALID);
        assertThat(err.toString()).contains("--speed must be 1 to 1000");
        err.getBuffer().setLength(0);
        exit = new MainJob(options("--connect", "http://nowhere", "--data", data.toString()),
                new PrintWriter(new StringWriter()), new PrintWriter(err, true)).run(new CountDownLatch(0));
        assertThat(exit).isEqualTo(JkbmsCommand.EXIT_INVALID);
        assertThat(err.toString()).contains("tcp://HOST:PORT");
    }
}
