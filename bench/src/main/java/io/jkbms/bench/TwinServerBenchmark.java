package io.jkbms.bench;

import io.jkbms.link.client.Jk02Client;
import io.jkbms.link.client.LinkDiagnostics;
import io.jkbms.link.tcp.TcpDeviceServer;
import io.jkbms.link.tcp.TcpLink;
import io.jkbms.protocol.jk02.Jk02DeviceSession;
import io.jkbms.protocol.jk02.Jk02Layout;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The twin serving many JK02 clients over TCP at once: a {@link TcpDeviceServer} with one {@link Jk02DeviceSession}
 * per connection (each on its own endpoint thread, as the app runs it), backed by a fixed, lock-free board
 * ({@link FixedBackend}: 16S, software 11.26, so JK02_32S), and {@code clients} {@link Jk02Client}s on loopback, each
 * also receiving the 0.5 s cell-info stream its first 0x96 started.
 * <p>
 * One operation is a round: every client, on its own thread, sends 0x96 and waits until its reader thread has
 * decoded the settings frame (the client's {@code settings()}: request, server parse + settings frame encode, 300 + 20
 * bytes back, client reassembly, decode and mapping to core values). The primary score is rounds/s; the secondary
 * {@code roundTrips} is settings round-trips per second summed over all clients (= rounds/s × clients). Each
 * round-trip's latency (measurement iterations only) and the cell-info rate each client actually received are printed
 * at the end of the trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class TwinServerBenchmark {
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    private static final int CLIENT_READ_TIMEOUT_ms = 200;

    @Param({"1", "10", "50"})
    public int clients;

    private TcpDeviceServer server;
    private final List<Jk02Client> connected = new ArrayList<>();
    private ExecutorService pool;
    private long[] perClientRoundTrips;
    private final List<Long> connectedAt_ns = new ArrayList<>();
    private volatile boolean recording;
    private final Latencies latencies = new Latencies();

    /** Round-trips completed, reported by JMH as a rate next to the primary score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long roundTrips;

        @Setup(Level.Iteration)
        public void reset() {
            roundTrips = 0;
        }
    }

    @Setup(Level.Trial)
    public void setup() throws IOException {
        FixedBackend board = new FixedBackend(ProtocolFixtures.MODEL, "11.26", ProtocolFixtures.telemetry(),
                ProtocolFixtures.settings());
        InetAddress loopback = InetAddress.getLoopbackAddress();
        server = new TcpDeviceServer(loopback, 0, out -> new Jk02DeviceSession(board, out),
                () -> System.nanoTime() / 1_000_000);
        try {
            for (int i = 0; i < clients; i++) {
                Jk02Client c = Jk02Client.connect(TcpLink.connect(loopback.getHostAddress(), server.port(), 5_000,
                        CLIENT_READ_TIMEOUT_ms), CLIENT_TIMEOUT);
                connected.add(c);
                connectedAt_ns.add(System.nanoTime());
                if (c.layout() != Jk02Layout.JK02_32S) {
                    throw new IllegalStateException("client " + i + " sees " + c.layout() + ", expected JK02_32S");
                }
            }
        } catch (IOException | RuntimeException e) {
            tearDown();
            throw e;
        }
        perClientRoundTrips = new long[clients];
        if (clients > 1) {
            AtomicInteger n = new AtomicInteger();
            pool = Executors.newFixedThreadPool(clients - 1, r -> {
                Thread t = new Thread(r, "bench-client-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        System.out.printf(Locale.ROOT, "%n%d client(s) connected to the twin on port %d (server sees %d)%n",
                clients, server.port(), server.connections());
    }

    @Setup(Level.Iteration)
    public void startIteration(IterationParams p) {
        recording = p.getType() == IterationType.MEASUREMENT;
    }

    /** Client {@code i}: 0x96 out, until the settings frame is back and decoded. */
    private void roundTrip(int i) throws IOException {
        long t0 = System.nanoTime();
        connected.get(i).settings();
        long dt = System.nanoTime() - t0;
        perClientRoundTrips[i]++;
        if (recording) {
            latencies.record(dt);
        }
    }

    @Benchmark
    public int settingsRound(Counters counters) throws Exception {
        List<Future<?>> pending = new ArrayList<>(clients - 1);
        for (int i = 1; i < clients; i++) {
            int k = i;
            pending.add(pool.submit(() -> {
                roundTrip(k);
                return null;
            }));
        }
        roundTrip(0);
        for (Future<?> f : pending) {
            f.get();
        }
        counters.roundTrips += clients;
        return clients;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (perClientRoundTrips != null) {
            report();
        }
        for (Jk02Client c : connected) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        connected.clear();
        if (pool != null) {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pool = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private void report() {
        long now = System.nanoTime();
        long cellInfos = 0;
        long expected = 0;
        long checksumErrors = 0;
        double seconds = 0;
        for (int i = 0; i < connected.size(); i++) {
            LinkDiagnostics d = connected.get(i).diagnostics();
            // frames = 1 device info + 1 settings at connect + one settings frame per round-trip + the cell infos
            cellInfos += d.framesGood() - 2 - perClientRoundTrips[i];
            checksumErrors += d.checksumErrors();
            double s = (now - connectedAt_ns.get(i)) / 1e9;
            seconds += s;
            // the first right after the first 0x96, then one every 0.5 s
            expected += 1 + (long) (s * 1000 / Jk02DeviceSession.STREAM_PERIOD_ms);
        }
        System.out.printf(Locale.ROOT, "%nclients=%d: %s%n", clients, latencies.summary());
        System.out.printf(Locale.ROOT, "clients=%d: cell-info stream: %d frames received of %d due (2/s per client"
                        + " over %.1f s on average), %d checksum errors%n",
                clients, cellInfos, expected, seconds / connected.size(), checksumErrors);
    }

    /** Round-trip latencies at 1 µs resolution up to 100 ms (beyond: one overflow bucket, max kept exactly). */
    static final class Latencies {
        private static final int BUCKETS = 100_000;
        private final AtomicLongArray counts = new AtomicLongArray(BUCKETS + 1);
        private final AtomicLong total = new AtomicLong();
        private final AtomicLong sum_ns = new AtomicLong();
        private final AtomicLong max_ns = new AtomicLong();

        void record(long ns) {
            counts.incrementAndGet((int) Math.min(BUCKETS, ns / 1_000));
            total.incrementAndGet();
            sum_ns.addAndGet(ns);
            max_ns.accumulateAndGet(ns, Math::max);
        }

        private long percentile_us(double q) {
            long n = total.get();
            long target = (long) Math.ceil(q * n);
            long seen = 0;
            for (int i = 0; i <= BUCKETS; i++) {
                seen += counts.get(i);
                if (seen >= target && seen > 0) {
                    return i;
                }
            }
            return BUCKETS;
        }

        String summary() {
            long n = total.get();
            if (n == 0) {
                return "no measured round-trips";
            }
            return String.format(Locale.ROOT, "%d measured settings round-trips, latency µs: mean %.0f, p50 %d,"
                            + " p90 %d, p99 %d, p99.9 %d, max %d", n, sum_ns.get() / 1e3 / n, percentile_us(0.50),
                    percentile_us(0.90), percentile_us(0.99), percentile_us(0.999), max_ns.get() / 1_000);
        }
    }
}
