package org.pbx.marketplace.host;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both at fixed paths so that
 * Selenium Manager never looks for (or downloads) a browser or driver. Logged in as the admin.
 */
final class Browser implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(15);
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A fresh browser (own profile folder) that sends the admin's Basic credentials with every request. */
    static Browser start(String authorization) throws IOException {
        if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver at "
                    + CHROMIUM + " and " + CHROMEDRIVER + ": apt-get install chromium chromium-driver (.ci/run does)");
        }
        Path profile = Files.createTempDirectory("pbx-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1200,1400", "--lang=en-US", "--user-data-dir=" + profile);
        // The page picks its language from the browser: start in English, the tests switch.
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // The login prompt cannot be typed into headless: send the credentials the admin would enter.
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", authorization)));
        return new Browser(driver, profile);
    }

    <T> T await(String what, Function<WebDriver, T> condition) {
        // Pages re-render (the catalog rebuilds its list): an element replaced meanwhile is looked up again.
        return new WebDriverWait(driver, WAIT).withMessage(() -> "waiting for " + what)
                .ignoring(StaleElementReferenceException.class).until(condition);
    }

    /**
     * Reads a value off the page (false and null included), read again if an element went stale because the page
     * re-rendered it between finding and reading: an assertion then sees the page as it is, not a replaced element.
     */
    <T> T read(String what, Function<WebDriver, T> reading) {
        return await("a reading of " + what, d -> Optional.ofNullable(reading.apply(d))).orElse(null);
    }

    /** Saves what the browser shows as target/screenshots/<name>.png. */
    Path screenshot(String name) throws IOException {
        Path folder = Paths.get(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(folder);
        Path file = folder.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /** Saves one element (e.g. a section of the page) as target/screenshots/<name>.png. */
    Path screenshot(String name, WebElement element) throws IOException {
        Path folder = Paths.get(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(folder);
        Path file = folder.resolve(name + ".png");
        Files.write(file, element.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /** Lays the page out for a viewport of this many CSS pixels (a phone at 390, a laptop at 1280). */
    void viewport(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
    }

    /** How many CSS pixels the page is wider than its viewport (0: no horizontal scroll). */
    long overflow() {
        return ((Number) driver.executeScript(
                "return Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth)")).longValue();
    }

    /** The elements that stick out of the viewport on the right, for a failure message. */
    Object overflowing() {
        return driver.executeScript("const w = document.documentElement.clientWidth; return [...document.querySelectorAll('body *')]"
                + ".filter(e => e.getBoundingClientRect().right > w + 0.5 && e.getClientRects().length)"
                + ".slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))");
    }

    /** Saves the whole page at this width (the viewport made as tall as the page) as target/screenshots/<name>.png. */
    Path fullScreenshot(String name, int width) throws IOException {
        viewport(width, 900);
        long height = ((Number) driver.executeScript("return document.documentElement.scrollHeight")).longValue();
        viewport(width, (int) Math.min(Math.max(height, 600), 6000));
        try {
            return screenshot(name);
        } finally {
            viewport(width, 900);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                for (Path p : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // A leftover temp profile is harmless.
            }
        }
    }

}
