package io.jkbms.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jkbms.app.history.History;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.sim.scenario.Action;
import io.jkbms.sim.scenario.DefaultScenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The History and Events pages in headless chromium against a twin whose readings are recorded: charts with data,
 * zoom, events on the timeline and as chart markers, settings changes as diffs, the CSV link, phone width.
 */
class HistoryBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    @TempDir
    Path profile;

    private Serve serve;
    private ChromeDriver browser;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        serve = Serve.twin(DefaultScenario.load(), 1, InetAddress.getLoopbackAddress(), 0, data, Optional.empty(),
                History.Config.DEFAULT);
        browser = Browser.open(Browser.DESKTOP, profile);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        serve.close();
    }

    // ---------------------------------------------------------------- helpers

    private String base() {
        return "http://127.0.0.1:" + serve.port() + "/";
    }

    private void open(String route) {
        browser.get(base() + "#token=" + serve.token());
        browser.get(base() + "#/" + route);
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, WAIT);
    }

    private WebElement visible(By by) {
        return waiting().until(d -> {
            List<WebElement> es = d.findElements(by);
            return es.isEmpty() || !es.get(0).isDisplayed() ? null : es.get(0);
        });
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base()).resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as("GET " + path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** The twin runs at {@code speed} until the recorder holds {@code minutes} of readings (board time). */
    private void recordMinutes(double speed, int minutes) {
        serve.device().twin().orElseThrow().setSpeed(speed);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode raw = getJson("/api/history/status").path("spans").path("raw");
            return raw.path("newest_ms").asLong() - raw.path("oldest_ms").asLong() >= minutes * 60_000L;
        });
    }

    /** Waits until the recorder has written an event of this kind (the pages read what is written). */
    private void awaitRecordedEvent(String category, String event) {
        await().atMost(WAIT).until(() -> {
            for (JsonNode e : getJson("/api/events?from=0&category=" + category).path("events")) {
                if (e.path("event").asText().equals(event)) {
                    return true;
                }
            }
            return false;
        });
    }

    private void noScriptErrors(String where) {
        assertThat(Browser.scriptErrors(browser)).as("script errors on " + where).isEmpty();
    }

    private int intAttribute(By by, String name) {
        String v = browser.findElement(by).getDomAttribute(name);
        return v == null || v.isEmpty() ? -1 : Integer.parseInt(v);
    }

    /** Clicks an element scrolled to the middle of the window, clear of the sticky header. */
    private void click(WebElement e) {
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
        e.click();
    }

    private void waitForCharts() {
        waiting().until(d -> d.findElements(By.cssSelector("#history-charts .uplot")).size() >= 6
                && !d.findElement(By.id("history-resolution")).getText().isEmpty());
    }

    // ---------------------------------------------------------------- tests

    @Test
    void theHistoryPageChartsWhatWasRecordedAndZoomsIntoADraggedRange() throws Exception {
        recordMinutes(300, 20);
        open("history");
        waitForCharts();
        for (String chart : List.of("voltage", "current", "soc", "cells", "spread", "balance")) {
            By fig = By.cssSelector("[data-chart=" + chart + "]");
            assertThat(browser.findElement(fig).findElements(By.cssSelector(".uplot"))).as(chart).hasSize(1);
            assertThat(intAttribute(fig, "data-points")).as(chart + " points").isGreaterThan(5);
        }
        assertThat(browser.findElement(By.id("history-empty")).isDisplayed()).isFalse();
        // the health section from /api/analytics: a resistance tile per cell
        waiting().until(d -> d.findElements(By.cssSelector("#health-resistance li[data-cell]")).size() == 16);
        assertThat(browser.findElement(By.id("history-resolution")).getDomAttribute("data-resolution"))
                .isIn("raw", "minute", "hour");
        // every cell is a line of its own; the band shows one line with its min and max
        assertThat(browser.findElements(By.cssSelector("[data-chart=cells] .u-legend .u-series"))).hasSize(1 + 16);
        browser.findElement(By.cssSelector("[data-cells-mode=band]")).click();
        waiting().until(d -> d.findElements(By.cssSelector("[data-chart=cells] .u-legend .u-series")).size() == 4);

        // drag across the right of the voltage chart (the last hour ends with the 20 recorded minutes): a narrower
        // range, fetched again, and a way back
        WebElement range = browser.findElement(By.id("history-range"));
        long from = Long.parseLong(range.getDomAttribute("data-from"));
        long to = Long.parseLong(range.getDomAttribute("data-to"));
        WebElement over = browser.findElement(By.cssSelector("[data-chart=voltage] .u-over"));
        int w = over.getSize().getWidth();
        new Actions(browser).moveToElement(over, w * 3 / 10, 0).clickAndHold().moveByOffset(w / 14, 0)
                .moveByOffset(w / 14, 0).release().perform();
        waiting().until(d -> !String.valueOf(from).equals(d.findElement(By.id("history-range")).getDomAttribute("data-from")));
        long zFrom = Long.parseLong(range.getDomAttribute("data-from"));
        long zTo = Long.parseLong(range.getDomAttribute("data-to"));
        assertThat(zFrom).isGreaterThan(from);
        assertThat(zTo).isLessThan(to);
        assertThat(zTo - zFrom).isLessThan((to - from) / 2);
        WebElement back = browser.findElement(By.id("history-back"));
        assertThat(back.isEnabled()).isTrue();
        assertThat(intAttribute(By.cssSelector("[data-chart=voltage]"), "data-points")).isGreaterThan(0);
        click(back);
        waiting().until(d -> d.findElement(By.id("history-range")).getText().startsWith("Last 1 h"));

        // a custom range: the form starts with the range shown; ask for its last ten minutes
        click(browser.findElement(By.cssSelector("#view-history [data-range=custom]")));
        browser.executeScript("const t = new Date(document.getElementById('history-to').value);"
                + "t.setMinutes(t.getMinutes() - 10); const p = (x) => String(x).padStart(2, '0');"
                + "document.getElementById('history-from').value = t.getFullYear() + '-' + p(t.getMonth() + 1) + '-'"
                + " + p(t.getDate()) + 'T' + p(t.getHours()) + ':' + p(t.getMinutes());");
        click(browser.findElement(By.id("history-apply")));
        waiting().until(d -> !d.findElement(By.id("history-range")).getText().startsWith("Last"));
        long span = Long.parseLong(range.getDomAttribute("data-to")) - Long.parseLong(range.getDomAttribute("data-from"));
        assertThat(span).isEqualTo(10 * 60_000L);
        assertThat(browser.findElements(By.cssSelector("#view-history [data-range][aria-pressed=true]"))).isEmpty();
        noScriptErrors("history");
    }

    @Test
    void theCsvLinkDownloadsTheRangeShown() throws Exception {
        recordMinutes(300, 3);
        open("history");
        waitForCharts();
        String href = visible(By.id("history-csv")).getDomAttribute("href");
        assertThat(href).startsWith("/api/history.csv?from=").contains("&to=");
        HttpResponse<String> csv = get(href);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("time,time_ms,").contains("packVoltage_mV").contains("cell16_mV");
        assertThat(lines.size()).as("rows in the CSV").isGreaterThan(3);
    }

    @Test
    void aShortCircuitIsOnTheTimelineAndAMarkerOnTheCharts() throws Exception {
        recordMinutes(100, 2);
        open("twin");
        visible(By.id("twin-short")).click();
        awaitRecordedEvent("protection", "SCP");

        browser.get(base() + "#/events");
        By scp = By.cssSelector("#event-timeline li[data-category=protection][data-event=SCP]");
        WebElement item = visible(scp);
        assertThat(item.getText().toLowerCase()).contains("short circuit");
        // filtered out, and back
        browser.findElement(By.cssSelector("[data-filter=protection]")).click();
        waiting().until(d -> d.findElements(scp).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#event-timeline li[data-category=protection]"))).isEmpty();
        browser.findElement(By.id("events-all")).click();
        visible(scp);
        noScriptErrors("events");

        browser.get(base() + "#/history");
        waitForCharts();
        waiting().until(d -> intAttribute(By.cssSelector("[data-chart=voltage]"), "data-markers") >= 1);
        assertThat(intAttribute(By.cssSelector("[data-chart=current]"), "data-markers")).isGreaterThanOrEqualTo(1);
        visible(By.cssSelector("#history-events li[data-category=protection][data-event=SCP]"));
        // markers off: none drawn
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("history-markers"))).selectByValue("none");
        waiting().until(d -> intAttribute(By.cssSelector("[data-chart=voltage]"), "data-markers") == 0);
        noScriptErrors("history");
    }

    @Test
    void aSettingsChangeIsADiffFromOldToNew() throws Exception {
        int before = serve.device().currentSettings().get(SettingKey.CELL_OVP_mV);
        int after = before - 10;
        await().atMost(WAIT).until(() -> getJson("/api/settings/history").path("changes").size() >= 1);
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(base() + "api/settings"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + serve.token())
                .PUT(HttpRequest.BodyPublishers.ofString("{\"cell_ovp_mV\": " + after + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        await().atMost(WAIT).until(() -> getJson("/api/settings/history").path("changes").size() >= 2);

        open("events");
        WebElement diff = waiting().until(d -> d.findElements(By.cssSelector("#settings-history li[data-key=cell_ovp_mV]"))
                .stream().filter(li -> !li.findElements(By.cssSelector(".diff-old:not(.none)")).isEmpty())
                .findFirst().orElse(null));
        assertThat(diff.findElement(By.cssSelector(".diff-key")).getText()).isEqualTo("cell_ovp_mV");
        assertThat(diff.findElement(By.cssSelector(".diff-old")).getText()).isEqualTo(String.valueOf(before));
        assertThat(diff.findElement(By.cssSelector(".diff-new")).getText()).isEqualTo(String.valueOf(after));
        // who made it, and the change on the timeline too
        WebElement change = diff.findElement(By.xpath("ancestor::li[@data-time]"));
        assertThat(change.getText()).contains("web");
        visible(By.cssSelector("#event-timeline li[data-category=settings]"));
        noScriptErrors("events");
    }

    @Test
    void aRecorderThatCannotWriteIsShownOnEveryPageUntilItWritesAgain() throws Exception {
        await().atMost(WAIT).until(() -> getJson("/api/history/status").path("recorder").path("written").asLong() > 0);
        open("history");
        WebElement line = visible(By.id("recorder-status"));
        WebElement banner = browser.findElement(By.id("recorder-error"));
        assertThat(banner.isDisplayed()).isFalse();
        WebDriverWait slow = new WebDriverWait(browser, Duration.ofSeconds(60));
        // another program holds the database's write lock: the recorder's writes time out
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("history.db"));
             Statement sql = other.createStatement()) {
            sql.execute("BEGIN EXCLUSIVE");
            slow.until(d -> banner.isDisplayed());
            String error = getJson("/api/history/status").path("recorder").path("error").asText();
            assertThat(error).isNotBlank();
            assertThat(banner.getText()).contains("not being recorded").contains(error).contains("resumes by itself");
            assertThat(line.getText()).startsWith("Not recording");
            assertThat(line.getDomAttribute("class")).contains("warn-text");
            Browser.screenshot(browser, "history-recorder-error");
            // the banner is the app's, not the page's
            browser.get(base() + "#/status");
            assertThat(banner.isDisplayed()).isTrue();
            browser.get(base() + "#/history");
            sql.execute("ROLLBACK");
        }
        slow.until(d -> !banner.isDisplayed());
        assertThat(line.getText()).startsWith("Recording to sqlite");
        noScriptErrors("history");
    }

    @Test
    void screenshotsAtDesktopAndPhoneWidthWithoutSidewaysScrolling() throws Exception {
        recordMinutes(300, 20);
        serve.device().twin().orElseThrow().apply(new Action.ShortCircuit(0.005));
        awaitRecordedEvent("protection", "SCP");
        serve.device().twin().orElseThrow().setSpeed(1);
        for (Dimension size : List.of(Browser.DESKTOP, Browser.PHONE)) {
            browser.manage().window().setSize(size);
            for (String page : List.of("history", "events")) {
                open(page);
                browser.navigate().refresh();
                if (page.equals("history")) {
                    waitForCharts();
                } else {
                    visible(By.cssSelector("#event-timeline li[data-category]"));
                    visible(By.cssSelector("#settings-history li[data-time]"));
                }
                Thread.sleep(500);
                String name = page + "-" + (size.equals(Browser.PHONE) ? "phone" : "desktop");
                assertThat(Browser.screenshot(browser, name)).isNotEmptyFile();
                Object overflow = ((JavascriptExecutor) browser).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertThat(((Number) overflow).intValue()).as(name + " scrolls sideways").isLessThanOrEqualTo(1);
                noScriptErrors(name);
            }
        }
    }
}
