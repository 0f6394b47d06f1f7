package org.plumbline.server.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.plumbline.server.TestServer;

/**
 * Real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven through Selenium,
 * with a fresh profile and downloads going to a directory the test can read.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    final WebDriver driver;
    final Path downloads;
    private final Path profile;
    private final String base;
    private final Path screenshots = Path.of("target", "screenshots");

    Browser(String base) throws IOException {
        if (!Files.isExecutable(CHROMEDRIVER) || !Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("browser tests need Debian's chromium and chromium-driver: "
                    + "apt-get install -y chromium chromium-driver");
        }
        this.base = base;
        this.profile = Files.createTempDirectory("plumbline-chromium-profile");
        this.downloads = Files.createTempDirectory("plumbline-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1366,900", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false,
                "safebrowsing.enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(screenshots);
    }

    void open(String path) {
        driver.get(base + path);
    }

    WebElement find(String cssSelector) {
        return driver.findElement(By.cssSelector(cssSelector));
    }

    WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    void type(String id, String text) {
        WebElement e = byId(id);
        e.clear();
        e.sendKeys(text);
    }

    void check(String name, String value) {
        WebElement box = find("input[name='" + name + "'][value='" + value + "']");
        if (!box.isSelected()) {
            box.click();
        }
    }

    void select(String id, String value) {
        new org.openqa.selenium.support.ui.Select(byId(id)).selectByValue(value);
    }

    /**
     * Clicks and waits for the next page to have loaded (the old page's marker is gone, the new one is complete).
     * Up to a minute: the intake's forms first solve a proof-of-work in the page, and then the server derives a
     * receipt's key (Argon2id of 128 MiB), which takes seconds on a loaded machine.
     */
    void submit(String buttonId) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("window.__plumblineOldPage = true;");
        byId(buttonId).click();
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> {
            try {
                return Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                        "return window.__plumblineOldPage === undefined && document.readyState === 'complete';"));
            } catch (org.openqa.selenium.WebDriverException e) {
                return false; // the page is being replaced
            }
        });
    }

    String text() {
        return find("body").getText();
    }

    void screenshot(String name) {
        try {
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(screenshots.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void signIn(String username, String password) {
        open("/login");
        type("username", username);
        type("password", password);
        submit("sign-in");
    }

    /**
     * The downloaded file, once Chromium has finished it. Chromium may create the file empty under its final
     * name before it writes to {@code NAME.crdownload} and renames that over it, so the file existing is not
     * enough: wait until the partial download is gone and the file has bytes.
     */
    Path downloaded(String name) {
        Path file = downloads.resolve(name);
        Path partial = downloads.resolve(name + ".crdownload");
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            try {
                return Files.exists(file) && !Files.exists(partial) && Files.size(file) > 0;
            } catch (IOException e) {
                return false; // renamed while we looked: look again
            }
        });
        return file;
    }

    void signOut() {
        submit("sign-out");
    }

    @Override
    public void close() {
        driver.quit();
        TestServer.deleteRecursively(profile);
        TestServer.deleteRecursively(downloads);
    }
}
