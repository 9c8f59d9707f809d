package io.jkbms.app.bench;

import io.jkbms.app.history.History;
import io.jkbms.app.cli.Json;
import io.jkbms.app.device.DeviceListener;
import io.jkbms.app.device.StatusView;
import io.jkbms.app.web.Serve;
import io.jkbms.sim.scenario.DefaultScenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;

/**
 * {@code jkbms web-bench}: how long a reading takes from the firmware's sample to a WebSocket client of /api/live,
 * and how many clients one server feeds at once (docs/benchmarks.md, "Web app: live feed"). It measures up to the
 * message's receipt in a JDK WebSocket client, not a browser's DOM update.
 */
@Command(name = "web-bench", mixinStandardHelpOptions = true,
        description = {"Benchmark the web app's live feed: latency from the twin's sample (sampled_ms) to receipt by "
                + "N WebSocket clients of /api/live, readings missed, and the server's CPU and heap, for each N.",
                "Starts a twin (built-in home pack) and its web app in this process for each N, or measures a running "
                        + "server with --url. Up to message receipt in a WebSocket client: a browser's rendering is "
                        + "not included."})
public final class WebBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--clients", split = ",", paramLabel = "N[,N…]",
            description = "client counts to sweep (default 1,10,100,500,1000)", defaultValue = "1,10,100,500,1000")
    List<Integer> clients;

    @Option(names = "--seconds", description = "measurement window per N, seconds (default 20)", defaultValue = "20")
    double seconds;

    @Option(names = "--warmup", description = "seconds between the last client connecting and the window (default 3)",
            defaultValue = "3")
    double warmup;

    @Option(names = "--speed", description = "the in-process twin's speed (default 1; ignored with --url)",
            defaultValue = "1")
    double speed;

    @Option(names = "--url", description = "measure this running server (e.g. http://127.0.0.1:8080) instead of "
            + "starting one; it must be on this machine (same clock)")
    URI url;

    @Option(names = "--token", description = "the server's token, needed only off loopback (--url)")
    String token;

    @Option(names = "--server-pid", description = "with --url: read the server's CPU and resident memory from "
            + "/proc/PID")
    Long serverPid;

    @Option(names = "--http-clients", description = "JDK HttpClient instances the WebSocket clients are spread "
            + "over; each has one selector thread (default 1; 0 = one per WebSocket client)", defaultValue = "1")
    int httpClients;

    @Option(names = "--connect-parallel", description = "handshakes in flight at once while connecting (default 32; "
            + "Jetty's accept backlog is the JDK default of 50)", defaultValue = "32")
    int connectParallel;

    @Option(names = "--p99-goal", description = "p99 latency goal in ms (default 100)", defaultValue = "100")
    int p99Goal_ms;

    @Option(names = "--max-missed", description = "readings a client may miss, %% (default 1)", defaultValue = "1")
    double maxMissed_pct;

    @Option(names = "--json", description = "print the report as JSON instead of a table")
    boolean json;

    /** One N's result. Latencies in ms; CPU in % of one core; memory in MB (-1 = not measured). */
    public record Step(int clients, int connected, int serverSessions, int readingsPublished, long expected,
                       long received, int worstClientMissed, double worstClientMissed_pct, int clientsMissingAny,
                       int p50_ms, int p90_ms, int p99_ms, int max_ms, int min_ms, double processCpu_pct,
                       double serverThreadsCpu_pct, double clientThreadsCpu_pct, double serverProcessCpu_pct,
                       double heapUsed_MB, double heapAfterGc_MB, double serverRss_MB, boolean meetsGoal,
                       int handedToAllP50_ms, int handedToAllMax_ms) {
        /**
         * In-process only: ms from the sample until the hub had handed the reading to every session (serialised it
         * and called each session's asynchronous send), median and max over the window's readings.
         */
        Step withFanOut(int p50, int max) {
            return new Step(clients, connected, serverSessions, readingsPublished, expected, received,
                    worstClientMissed, worstClientMissed_pct, clientsMissingAny, p50_ms, p90_ms, p99_ms, max_ms, min_ms,
                    processCpu_pct, serverThreadsCpu_pct, clientThreadsCpu_pct, serverProcessCpu_pct, heapUsed_MB,
                    heapAfterGc_MB, serverRss_MB, meetsGoal, p50, max);
        }
    }

    /** The whole run. */
    public record Report(String date, String jdk, int cores, long maxFileDescriptors, String mode, double speed,
                         double seconds, int httpClients, int p99Goal_ms, double maxMissed_pct, List<Step> steps,
                         int largestClientsMeetingGoal) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (clients.isEmpty() || clients.stream().anyMatch(n -> n < 1)) {
            err.println("web-bench: --clients must be positive numbers");
            return 2;
        }
        if (!(seconds > 0) || warmup < 0 || !(speed > 0) || connectParallel < 1 || httpClients < 0) {
            err.println("web-bench: --seconds and --speed must be > 0, --warmup >= 0, --connect-parallel >= 1, "
                    + "--http-clients >= 0");
            return 2;
        }
        long maxFds = maxFileDescriptors();
        int largest = clients.stream().max(Integer::compare).orElse(1);
        // In-process both ends of every connection are ours; with --url only the client end.
        long fdsNeeded = (url == null ? 2L : 1L) * largest + 200;
        if (maxFds > 0 && fdsNeeded > maxFds) {
            err.printf(Locale.ROOT, "web-bench: WARNING: %d clients need about %d file descriptors, the limit is %d "
                    + "(raise it with ulimit -n)%n", largest, fdsNeeded, maxFds);
        }
        List<Step> steps = new ArrayList<>();
        for (int n : clients) {
            if (!json) {
                err.printf(Locale.ROOT, "web-bench: %d client(s), %.0f s ...%n", n, seconds);
            }
            steps.add(url == null ? inProcess(n) : remote(n));
        }
        int best = steps.stream().filter(Step::meetsGoal).mapToInt(Step::clients).max().orElse(0);
        Report report = new Report(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString(),
                System.getProperty("java.vm.name") + " " + Runtime.version(),
                Runtime.getRuntime().availableProcessors(), maxFds,
                url == null ? "in-process twin + web server" : "server at " + url, url == null ? speed : -1,
                seconds, httpClients, p99Goal_ms, maxMissed_pct, steps, best);
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(report));
        } else {
            print(out, report);
        }
        out.flush();
        return 0;
    }

    private Step inProcess(int n) throws Exception {
        Path data = Files.createTempDirectory("jkbms-web-bench");
        Set<Long> published = ConcurrentHashMap.newKeySet();
        List<Integer> fanOut = new ArrayList<>();
        AtomicLongArray window = window();
        DeviceListener count = new DeviceListener() {
            @Override
            public void onStatus(StatusView status) {
                // Called after the hub (listeners run in order; the web server registers first): the time by which
                // the hub has serialised the reading and handed it to every session (sends may still be under way).
                long handed = System.currentTimeMillis();
                if (status.sampled_ms() >= window.get(0) && status.sampled_ms() < window.get(1)
                        && published.add(status.sampled_ms())) {
                    synchronized (fanOut) {
                        fanOut.add((int) (handed - status.sampled_ms()));
                    }
                }
            }
        };
        try (Serve serve = Serve.twin(DefaultScenario.load(), speed, InetAddress.getLoopbackAddress(), 0, data,
                Optional.empty(), History.Config.DEFAULT)) {
            serve.device().addListener(count);
            URI live = URI.create("ws://127.0.0.1:" + serve.port() + "/api/live");
            Step s = measure(n, live, published, window, () -> serve.server().liveClients());
            int[] f;
            synchronized (fanOut) {
                f = fanOut.stream().mapToInt(Integer::intValue).sorted().toArray();
            }
            return s.withFanOut(pct(f, 50), f.length == 0 ? -1 : f[f.length - 1]);
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private Step remote(int n) throws Exception {
        String scheme = "https".equalsIgnoreCase(url.getScheme()) ? "wss" : "ws";
        String base = url.toString().replaceFirst("^[a-zA-Z]+://", scheme + "://").replaceAll("/+$", "");
        URI live = URI.create(base + "/api/live" + (token == null ? "" : "?token=" + token));
        return measure(n, live, null, window(), () -> -1);
    }

    /**
     * Connects n clients, waits the warm-up, measures for the window, waits up to 2 s for late messages and reports.
     *
     * @param published readings the server published in the window (in-process), or null: then the readings any
     *                  client saw stand for them
     */
    private Step measure(int n, URI live, Set<Long> published, AtomicLongArray window,
                         java.util.function.IntSupplier serverSessions) throws Exception {
        Set<Long> seenByAny = ConcurrentHashMap.newKeySet();
        int k = httpClients == 0 ? n : Math.min(httpClients, n);
        HttpClient[] http = new HttpClient[k];
        for (int i = 0; i < k; i++) {
            http[i] = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        }
        List<LiveClient> all = new ArrayList<>(n);
        Semaphore inFlight = new Semaphore(connectParallel);
        List<CompletableFuture<WebSocket>> handshakes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            LiveClient c = new LiveClient(seenByAny);
            all.add(c);
            inFlight.acquire();
            CompletableFuture<WebSocket> h = http[i % k].newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(live, c);
            h.whenComplete((ws, e) -> inFlight.release());
            handshakes.add(h);
        }
        int connected = 0;
        for (CompletableFuture<WebSocket> h : handshakes) {
            try {
                h.get(30, TimeUnit.SECONDS);
                connected++;
            } catch (Exception e) {
                // counted: connected < n
            }
        }
        if (connected == 0) {
            throw new IOException("no client could connect to " + live);
        }
        Thread.sleep((long) (warmup * 1000));

        long start = System.currentTimeMillis();
        long end = start + (long) (seconds * 1000);
        window.set(1, end);
        window.set(0, start);
        for (LiveClient c : all) {
            c.window(start, end);
        }
        CpuMeter cpu = new CpuMeter(serverPid == null ? OptionalLong.empty() : OptionalLong.of(serverPid));
        cpu.start();
        Thread.sleep(Math.max(0, end - System.currentTimeMillis()));
        CpuMeter.Use use = cpu.stop();
        long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();

        // Late messages of the window still count (their latency is measured) if they arrive within 2 s.
        long graceEnd = System.currentTimeMillis() + 2_000;
        while (System.currentTimeMillis() < graceEnd) {
            long due = published != null ? published.size() : seenByAny.size();
            if (all.stream().allMatch(c -> c.closed() || c.received() >= due)) {
                break;
            }
            Thread.sleep(50);
        }
        int sessions = serverSessions.getAsInt();
        System.gc();
        long heapAfterGc = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        double rss = serverPid == null ? -1 : CpuMeter.procRss(serverPid) / 1e6;

        int due = published != null ? published.size() : seenByAny.size();
        long received = 0;
        int worst = 0;
        int missingAny = 0;
        int total = 0;
        List<int[]> lat = new ArrayList<>(n);
        for (LiveClient c : all) {
            int[] l = c.latencies();
            lat.add(l);
            total += l.length;
            received += l.length;
            int missed = Math.max(0, due - l.length);
            worst = Math.max(worst, missed);
            if (missed > 0) {
                missingAny++;
            }
        }
        int[] pooled = new int[total];
        int at = 0;
        for (int[] l : lat) {
            System.arraycopy(l, 0, pooled, at, l.length);
            at += l.length;
        }
        Arrays.sort(pooled);
        for (LiveClient c : all) {
            WebSocket ws = c.socket;
            if (ws != null) {
                ws.abort();
            }
        }
        double worstPct = due == 0 ? 100 : 100.0 * worst / due;
        int p99 = pct(pooled, 99);
        boolean meets = connected == n && due > 0 && total > 0 && p99 < p99Goal_ms && worstPct <= maxMissed_pct;
        return new Step(n, connected, sessions, due, (long) due * n, received, worst, round1(worstPct), missingAny,
                pct(pooled, 50), pct(pooled, 90), p99, total == 0 ? -1 : pooled[total - 1], total == 0 ? -1 : pooled[0],
                round1(use.process_pct()), round1(use.serverThreads_pct()), round1(use.clientThreads_pct()),
                round1(use.serverProcess_pct()), round1(heapUsed / 1e6), round1(heapAfterGc / 1e6), round1(rss), meets,
                -1, -1);
    }

    /** [start, end) of the measurement window in wall ms; empty until set. */
    private static AtomicLongArray window() {
        return new AtomicLongArray(new long[]{Long.MAX_VALUE, Long.MAX_VALUE});
    }

    /** Nearest-rank percentile of sorted values, -1 if none. */
    static int pct(int[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static long maxFileDescriptors() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            return os.getMaxFileDescriptorCount();
        }
        return -1;
    }

    private void print(PrintWriter out, Report r) {
        out.printf(Locale.ROOT, "web-bench %s | %s | %d cores | fd limit %d | %s%s | window %.0f s | HttpClients: %s%n",
                r.date(), r.jdk(), r.cores(), r.maxFileDescriptors(), r.mode(),
                url == null ? String.format(Locale.ROOT, " at %s×", fmt(r.speed())) : "", r.seconds(),
                r.httpClients() == 0 ? "one per client" : Integer.toString(r.httpClients()));
        out.println("latency = client receive time − sampled_ms (System.currentTimeMillis on both ends, whole ms); "
                + "up to receipt in a WebSocket client, not a browser's rendering");
        boolean remote = url != null;
        out.printf("%7s %9s %15s %12s %6s %6s %6s %6s %9s %8s %8s %8s %9s %9s  %s%n", "clients", "connected",
                "received/due", "worst miss", "p50", "p90", "p99", "max", "handed", "cpu proc", remote ? "cpu srv" : "cpu srv*",
                "cpu cli*", remote ? "srv RSS" : "heap", remote ? "" : "heap GC", "goal");
        for (Step s : r.steps()) {
            out.printf(Locale.ROOT, "%7d %9s %15s %12s %6d %6d %6d %6d %9s %7.0f%% %7.0f%% %7.0f%% %9s %9s  %s%n",
                    s.clients(), s.connected() + "/" + s.clients(), s.received() + "/" + s.expected(),
                    s.worstClientMissed() + " (" + fmt(s.worstClientMissed_pct()) + "%)", s.p50_ms(), s.p90_ms(),
                    s.p99_ms(), s.max_ms(),
                    s.handedToAllMax_ms() < 0 ? "-" : s.handedToAllP50_ms() + "/" + s.handedToAllMax_ms(),
                    s.processCpu_pct(),
                    remote ? s.serverProcessCpu_pct() : s.serverThreadsCpu_pct(), s.clientThreadsCpu_pct(),
                    remote ? mb(s.serverRss_MB()) : mb(s.heapUsed_MB()), remote ? "" : mb(s.heapAfterGc_MB()),
                    s.meetsGoal() ? "yes" : "NO");
        }
        out.println("handed = ms from the sample until the hub had queued it for every client (p50/max; "
                + "in-process only)");
        out.printf(Locale.ROOT, "latency in ms; cpu in %% of one core over the window (%d cores = %d%%)%s%n",
                r.cores(), 100 * r.cores(), remote ? "; cpu proc = this client process, cpu srv = --server-pid"
                        : "; * = Java threads by name: cli = HttpClient-*, srv = all others (Jetty, twin); "
                        + "cpu proc also has GC and JIT; heap is the whole JVM (server and clients)");
        out.printf(Locale.ROOT, "largest N with p99 < %d ms and no client missing more than %s%% of readings: %s%n",
                r.p99Goal_ms(), fmt(r.maxMissed_pct()),
                r.largestClientsMeetingGoal() == 0 ? "none" : Integer.toString(r.largestClientsMeetingGoal()));
    }

    private static String mb(double v) {
        return v < 0 ? "-" : String.format(Locale.ROOT, "%.0f MB", v);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
