package io.jkbms.app.web;

import io.jkbms.app.history.History;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.sim.scenario.DefaultScenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The web app in headless chromium against a twin: what a user sees and does on each page. */
class BrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path data;
    @TempDir
    Path profile;

    private Serve serve;
    private ChromeDriver browser;

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

    private String base() {
        return "http://127.0.0.1:" + serve.port() + "/";
    }

    /** Opens a page the way the printed address does: the token in the fragment, kept by the page. */
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

    private int setting(SettingKey k) throws Exception {
        return serve.device().currentSettings().get(k);
    }

    @Test
    void theStatusPageShowsLiveCellValuesThatChange() {
        serve.device().twin().orElseThrow().setSpeed(100);
        open("status");
        WebElement cell1 = visible(By.cssSelector("[data-cell='1'] .cell-mv"));
        assertThat(browser.findElements(By.cssSelector("[data-cell]"))).hasSize(16);
        assertThat(visible(By.id("pack-voltage")).getText()).containsPattern("\\d");
        Set<String> seen = new HashSet<>();
        waiting().until(d -> {
            for (int c = 1; c <= 16; c++) {
                seen.add(c + ":" + d.findElement(By.cssSelector("[data-cell='" + c + "'] .cell-mv")).getText());
            }
            return seen.size() > 16;
        });
        assertThat(cell1.getText()).containsPattern("\\d{4}");
        int updates = Integer.parseInt(browser.findElement(By.tagName("body")).getDomAttribute("data-updates"));
        assertThat(updates).isGreaterThan(1);
    }

    private WebElement settingInput(String name) {
        return visible(By.cssSelector("[data-setting='" + name + "']"));
    }

    private void type(WebElement input, String text) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }

    @Test
    void aParameterChangedOnThePageIsAppliedAndReadBack() throws Exception {
        open("parameters");
        type(settingInput("cell_ovp_mV"), "3590");
        WebElement apply = visible(By.id("apply"));
        waiting().until(d -> apply.isEnabled());
        apply.click();
        waiting().until(d -> d.findElements(By.cssSelector("#applied li")).stream()
                .anyMatch(li -> li.getText().contains("cell_ovp_mV") && li.getText().contains("3590")));
        assertThat(setting(SettingKey.CELL_OVP_mV)).isEqualTo(3590);
    }

    @Test
    void anInvalidValueIsRefusedWithItsReasonAndNothingIsWritten() throws Exception {
        int before = setting(SettingKey.CELL_OVP_mV);
        open("parameters");
        type(settingInput("cell_ovp_mV"), "9000");
        WebElement problem = waiting().until(d -> {
            List<WebElement> es = d.findElements(By.cssSelector("[data-problem-for='cell_ovp_mV']"));
            return es.stream().filter(e -> !e.getText().isBlank()).findFirst().orElse(null);
        });
        assertThat(problem.getText()).contains("5000");
        WebElement apply = browser.findElement(By.id("apply"));
        if (apply.isEnabled()) {
            apply.click();
            visible(By.id("settings-error"));
        }
        assertThat(setting(SettingKey.CELL_OVP_mV)).isEqualTo(before);
    }

    @Test
    void switchingDischargeOffStopsTheCurrent() {
        var panel = serve.device().twin().orElseThrow();
        panel.apply(new io.jkbms.sim.scenario.Action.ProfileOff());
        panel.apply(new io.jkbms.sim.scenario.Action.SolarOff());
        panel.apply(new io.jkbms.sim.scenario.Action.Load(20, 0, Double.POSITIVE_INFINITY));
        await().atMost(WAIT).until(() -> serve.device().status().current_mA() < -15_000);
        open("control");
        visible(By.id("switch-discharge")).click();
        await().atMost(WAIT).until(() -> !serve.device().status().dischargeMos()
                && Math.abs(serve.device().status().current_mA()) < 500);
        await().atMost(WAIT).until(() -> {
            try {
                return !serve.device().currentSettings().isOn(SettingKey.DISCHARGE_ENABLED);
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void aShortCircuitInjectedFromTheTwinPanelShowsTheAlarm() {
        open("twin");
        visible(By.id("twin-short")).click();
        await().atMost(WAIT).until(() -> serve.device().status().alarms().stream()
                .anyMatch(a -> a.code().equals("SCP")));
        browser.get(base() + "#/status");
        waiting().until(d -> d.findElements(By.cssSelector("#alarms li")).stream()
                .anyMatch(li -> li.getText().toLowerCase().contains("short circuit")));
    }

    @Test
    void screenshotsOfEveryPageAtDesktopAndPhoneWidth() throws Exception {
        List<String> pages = List.of("status", "parameters", "control", "calibration", "device", "twin");
        for (Dimension size : List.of(Browser.DESKTOP, Browser.PHONE)) {
            browser.manage().window().setSize(size);
            for (String page : pages) {
                open(page);
                waiting().until(d -> ((JavascriptExecutor) d).executeScript("return document.readyState").equals("complete"));
                // Let the first live message and the page's own reads land before the picture.
                waiting().until(d -> d.findElements(By.cssSelector("[data-cell]")).size() > 0 || !page.equals("status"));
                Thread.sleep(700);
                String name = page + "-" + (size.equals(Browser.PHONE) ? "phone" : "desktop");
                Path shot = Browser.screenshot(browser, name);
                assertThat(shot).isNotEmptyFile();
                // Nothing may stick out sideways at phone width.
                Object overflow = ((JavascriptExecutor) browser).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertThat(((Number) overflow).intValue()).as(name + " scrolls sideways").isLessThanOrEqualTo(1);
            }
        }
    }
}
