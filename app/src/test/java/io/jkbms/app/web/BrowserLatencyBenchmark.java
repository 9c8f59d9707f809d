package io.jkbms.app.web;

import io.jkbms.app.history.History;
import io.jkbms.sim.scenario.DefaultScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Benchmark, not a test (docs/benchmarks.md): the time from the firmware's sample to the status page's DOM update in
 * headless chromium, with the twin at 1×. The page records, for every live message, the wall clock after the update
 * minus the sample's wall-clock time ({@code window.jkbmsLatency}). Runs only when asked:
 * {@code mvn -o -pl app test -Dtest=BrowserLatencyBenchmark -Djkbms.bench=true [-Djkbms.bench.seconds=120]};
 * prints the figures and writes them to {@code app/target/benchmarks/browser-latency.txt}.
 */
class BrowserLatencyBenchmark {
    @TempDir
    Path data;
    @TempDir
    Path profile;

    @Test
    void sampleToBrowserUpdate() throws Exception {
        assumeTrue(Boolean.getBoolean("jkbms.bench"), "a benchmark: run with -Djkbms.bench=true");
        int seconds = Integer.getInteger("jkbms.bench.seconds", 120);
        try (Serve serve = Serve.twin(DefaultScenario.load(), 1, InetAddress.getLoopbackAddress(), 0, data,
                Optional.empty(), History.Config.DEFAULT)) {
            ChromeDriver browser = Browser.open(Browser.DESKTOP, profile);
            try {
                browser.get("http://127.0.0.1:" + serve.port() + "/#/status");
                new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> !d.findElements(
                        By.cssSelector("[data-cell='1'] .cell-mv")).isEmpty());
                Thread.sleep(seconds * 1000L);
                @SuppressWarnings("unchecked")
                List<Number> raw = (List<Number>) browser.executeScript("return window.jkbmsLatency || []");
                List<Long> ms = new ArrayList<>();
                raw.forEach(n -> ms.add(n.longValue()));
                Collections.sort(ms);
                String report = String.format(Locale.ROOT,
                        "browser latency, twin at 1x, %d s: %d updates; p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                        seconds, ms.size(), pct(ms, 50), pct(ms, 90), pct(ms, 99), ms.isEmpty() ? -1 : ms.get(ms.size() - 1));
                System.out.print(report);
                Path out = Path.of("target", "benchmarks");
                Files.createDirectories(out);
                Files.writeString(out.resolve("browser-latency.txt"), report);
            } finally {
                browser.quit();
            }
        }
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
