package io.jkbms.app.web;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.logging.Level;

/**
 * Debian's headless chromium through its chromedriver, for the web app's browser tests. Both are installed by
 * .ci/run; without them the tests fail saying so (a browser test that skips itself would test nothing).
 */
final class Browser {
    static final String CHROMIUM = System.getProperty("jkbms.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("jkbms.chromedriver", "/usr/bin/chromedriver");
    /** Desktop and phone viewports for the screenshots. */
    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(390, 844);

    private Browser() {
    }

    static ChromeDriver open(Dimension size, Path profile) {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install -y chromium chromium-driver (.ci/run does this)");
        }
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM);
        // As root in a container: no sandbox; no GPU; and nothing that reaches for the network on its own.
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--hide-scrollbars", "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=" + size.getWidth() + "," + size.getHeight());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.SEVERE);
        o.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, o);
        d.manage().window().setSize(size);
        return d;
    }

    /**
     * The page's script errors since the last call (uncaught exceptions, console.error), without the network's
     * "Failed to load resource" lines, which a test that expects a refusal causes on purpose.
     */
    static List<String> scriptErrors(ChromeDriver d) {
        return d.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> !m.contains("Failed to load resource")).toList();
    }

    /** Writes a screenshot of the whole page (up to 5000 px tall) to {@code target/screenshots/<name>.png}. */
    static Path screenshot(ChromeDriver d, String name) throws IOException {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Path out = dir.resolve(name + ".png");
        Dimension viewport = d.manage().window().getSize();
        long height = ((Number) d.executeScript("return document.documentElement.scrollHeight")).longValue();
        d.manage().window().setSize(new Dimension(viewport.getWidth(), (int) Math.min(5000, Math.max(height,
                viewport.getHeight()))));
        try {
            File shot = d.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), out, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            d.manage().window().setSize(viewport);
        }
        return out;
    }
}
