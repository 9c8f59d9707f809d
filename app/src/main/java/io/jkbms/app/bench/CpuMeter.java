package io.jkbms.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * CPU time over the measurement window. In-process, the server and the clients share the JVM, so besides the whole
 * process it splits thread CPU by thread name: the JDK HTTP client's threads ("HttpClient-…") and this benchmark's
 * are the clients, every other Java thread (Jetty, Javalin, the twin and its publisher) is the server. GC and JIT
 * threads are not Java threads; they appear only in the process total. Thread CPU is read every 250 ms, so a thread
 * that ends within the window loses at most its last 250 ms.
 */
final class CpuMeter implements AutoCloseable {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> first = new HashMap<>();
    private final Map<Long, Long> last = new HashMap<>();
    private final Map<Long, Boolean> isClient = new HashMap<>();
    private final OptionalLong serverPid;
    private final Thread sampler;
    private long processStart_ns;
    private long serverPidStart_ns;
    private long wallStart_ns;
    private volatile boolean running;

    /** @param serverPid another process to read CPU time of from /proc (--url with --server-pid) */
    CpuMeter(OptionalLong serverPid) {
        this.serverPid = serverPid;
        this.sampler = new Thread(this::loop, "web-bench-cpu");
        this.sampler.setDaemon(true);
        if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
    }

    void start() {
        synchronized (this) {
            wallStart_ns = System.nanoTime();
            processStart_ns = processCpu_ns();
            serverPidStart_ns = serverPid.isPresent() ? procCpu_ns(serverPid.getAsLong()) : -1;
            sample(true);
        }
        running = true;
        sampler.start();
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                sample(false);
            }
        }
    }

    private void sample(boolean baseline) {
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long cpu = threads.getThreadCpuTime(ids[i]);
            if (cpu < 0 || infos[i] == null) {
                continue;
            }
            if (baseline) {
                first.put(ids[i], cpu);
            }
            // A thread first seen after the baseline started within the window: all its CPU counts.
            first.putIfAbsent(ids[i], 0L);
            last.put(ids[i], cpu);
            String name = infos[i].getThreadName();
            isClient.put(ids[i], name.startsWith("HttpClient-") || name.startsWith("web-bench"));
        }
    }

    /** CPU use over the window, each as % of one core (the machine's maximum is 100 × cores). */
    record Use(double process_pct, double serverThreads_pct, double clientThreads_pct, double serverProcess_pct) {
    }

    Use stop() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            sample(false);
            double wall = System.nanoTime() - wallStart_ns;
            long server = 0;
            long client = 0;
            for (Map.Entry<Long, Long> e : last.entrySet()) {
                long d = e.getValue() - first.getOrDefault(e.getKey(), 0L);
                if (isClient.getOrDefault(e.getKey(), false)) {
                    client += d;
                } else {
                    server += d;
                }
            }
            double other = -1;
            if (serverPid.isPresent()) {
                long end = procCpu_ns(serverPid.getAsLong());
                other = end < 0 || serverPidStart_ns < 0 ? -1 : 100.0 * (end - serverPidStart_ns) / wall;
            }
            return new Use(100.0 * (processCpu_ns() - processStart_ns) / wall, 100.0 * server / wall,
                    100.0 * client / wall, other);
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }

    static long processCpu_ns() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** utime + stime of a process from /proc/PID/stat (Linux; clock ticks taken as 100 Hz, the usual USER_HZ). */
    static long procCpu_ns(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After "pid (comm) ": state is f[0], utime f[11], stime f[12].
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
        } catch (Exception e) {
            return -1;
        }
    }

    /** Resident memory of a process in bytes (/proc/PID/status VmRSS), or -1. */
    static long procRss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (Exception ignored) {
            // not Linux, or gone
        }
        return -1;
    }
}
