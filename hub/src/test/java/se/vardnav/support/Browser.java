package se.vardnav.support;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.Dimension;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (packages chromium and chromium-driver; .ci/run
 * installs them): no browser is downloaded. Flags as this machine needs them: no sandbox as root, no GPU, no
 * background connections to Google's hosts, a fresh profile each time. A laptop-sized window.
 */
public final class Browser implements AutoCloseable {
    public static final String CHROMIUM = System.getProperty("vardnav.chromium", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getProperty("vardnav.chromedriver", "/usr/bin/chromedriver");
    /** Where the tests leave a screenshot of each page, shown in the README. */
    public static final Path SCREENSHOTS = Path.of("docs", "console");
    private final Path profile;
    public final WebDriver driver;

    private Browser(Path profile, WebDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /** Null when Chromium or its driver is not installed; why, for the skip message. */
    public static String unavailableBecause() {
        if (!Files.isExecutable(Path.of(CHROMIUM))) {
            return CHROMIUM + " is missing: install Debian's chromium and chromium-driver (.ci/run does) to run the browser tests";
        }
        if (!Files.isExecutable(Path.of(CHROMEDRIVER))) {
            return CHROMEDRIVER + " is missing: install Debian's chromium-driver (.ci/run does) to run the browser tests";
        }
        return null;
    }

    public static Browser start() {
        try {
            Path profile = Files.createTempDirectory("vardnav-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1366,900", "--lang=sv-SE");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            driver.manage().window().setSize(new Dimension(1366, 900));
            // a browser sends no bearer token of its own: in production an authenticating proxy adds it (README
            // "Access control"); here the browser adds the default test token to every request
            driver.executeCdpCommand("Network.enable", java.util.Map.of());
            driver.executeCdpCommand("Network.setExtraHTTPHeaders",
                    java.util.Map.of("headers", java.util.Map.of("Authorization", "Bearer " + TestTokens.all())));
            return new Browser(profile, driver);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves what the browser shows as docs/console/{name}.png (the whole page height, up to 3000 px). */
    public void screenshot(String name) {
        try {
            Object height = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                    "return Math.min(3000, Math.max(document.body.scrollHeight, 900));");
            driver.manage().window().setSize(new Dimension(1366, ((Number) height).intValue()));
            Files.createDirectories(SCREENSHOTS);
            File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(png.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            driver.manage().window().setSize(new Dimension(1366, 900));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp directory
            }
        }
    }
}
