package dev.stateset.console.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} + {@code chromium-driver}) driven by Selenium. Nothing is
 * downloaded: the binaries are given explicitly so Selenium Manager stays idle. Without Chromium the browser
 * tests are skipped with a message, except on CI ({@code CI=true}), where a missing browser is a failure.
 */
public final class BrowserSession implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final String baseUrl;
    private final Path profileDir;

    private BrowserSession(ChromeDriver driver, String baseUrl, Path profileDir) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.profileDir = profileDir;
    }

    public static BrowserSession open(int port) throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(
                    "Chromium is missing on CI: .ci/run must 'apt-get install -y chromium chromium-driver'");
        }
        assumeTrue(present, "Browser tests skipped: install Debian's chromium and chromium-driver to run them");
        Path profile = Files.createTempDirectory("stateset-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1400,900",
                "--user-data-dir=" + profile);
        // The page's console, to find Content-Security-Policy violations (Chromium logs each as an error).
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        return new BrowserSession(new ChromeDriver(service, options), "http://localhost:" + port, profile);
    }

    public void open(String path) {
        driver.get(baseUrl + "/" + (path.startsWith("/") ? path.substring(1) : path));
        waitForVaadin();
    }

    public void login(String username, String password) {
        // Up to three submits: on a loaded 2-core machine a submit was seen lost, the page back on an empty login form
        // without an error (CI, LivePagesBrowserIT). A refused login (/login?error) fails at once, never retried.
        for (int attempt = 1; ; attempt++) {
            submitLogin(username, password);
            try {
                new WebDriverWait(driver, Duration.ofSeconds(20))
                        .until(d -> !d.getCurrentUrl().contains("/login")
                                || d.getCurrentUrl().contains("error"));
            } catch (org.openqa.selenium.TimeoutException lost) {
                if (attempt < 3) {
                    continue;
                }
                diagnosed("the login page to move on after logging in as " + username, () -> {
                    throw lost;
                });
            }
            break;
        }
        if (driver.getCurrentUrl().contains("/login")) {
            throw new AssertionError("Logging in as " + username + " was refused at " + driver.getCurrentUrl()
                    + "; the page said: " + excerpt(bodyText()));
        }
        waitForVaadin();
    }

    /** Types into a field of a web component and waits until the field holds it: keys sent while it upgrades are lost. */
    /** A fresh login page (no cookies), the name and password typed into its form, and Log in pressed. */
    public void submitLogin(String username, String password) {
        driver.manage().deleteAllCookies();
        open("login");
        typeInto(By.cssSelector("vaadin-login-form input[name='username']"), username);
        typeInto(By.cssSelector("vaadin-login-form input[name='password']"), password);
        driver.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot='submit']"))
                .click();
    }

    private void typeInto(By field, String text) {
        WebElement input = waitFor(field);
        input.clear();
        input.sendKeys(text);
        diagnosed(
                "a login field to hold what was typed",
                () -> new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> {
                    WebElement current = d.findElement(field);
                    if (text.equals(current.getDomProperty("value"))) {
                        return true;
                    }
                    current.clear();
                    current.sendKeys(text);
                    return false;
                }));
    }

    private static String excerpt(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }

    /** Runs a wait; when it times out, the failure says where the browser was and a screenshot is kept. */
    private void diagnosed(String what, Runnable wait) {
        try {
            wait.run();
        } catch (org.openqa.selenium.TimeoutException e) {
            String shot;
            try {
                shot = screenshot("timeout-" + System.currentTimeMillis()).toString();
            } catch (IOException | RuntimeException failed) {
                shot = "none (" + failed + ")";
            }
            String said;
            try {
                said = excerpt(bodyText());
            } catch (RuntimeException failed) {
                said = "unreadable (" + failed + ")";
            }
            throw new AssertionError(
                    "Timed out waiting for " + what + " at " + driver.getCurrentUrl() + "; the page said: " + said
                            + "; screenshot " + shot,
                    e);
        }
    }

    /** Waits until Vaadin has no request in flight, so the page shows the server's latest state. */
    public void waitForVaadin() {
        diagnosed(
                "Vaadin to finish its requests",
                () -> new WebDriverWait(driver, Duration.ofSeconds(20))
                        .until(
                                d -> Boolean.TRUE.equals(
                                        ((JavascriptExecutor) d)
                                                .executeScript(
                                                        "return !!(window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients) && "
                                                                + "Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive())"))));
    }

    public WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    public WebElement waitVisible(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public void click(By by) {
        // Centre it first, as a user scrolls to it: a button scrolled out of the page's scroll area is not clickable,
        // and one at the window's edge may sit under a notification or the dev-mode badge. A live page may redraw a
        // card above it between the scroll and the click (a full run saw the click land 100 px below the window):
        // then scroll and click again, as a user would, three times at most.
        for (int attempt = 1; ; attempt++) {
            WebElement present = waitFor(by);
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", present);
            WebElement element = new WebDriverWait(driver, Duration.ofSeconds(20))
                    .until(ExpectedConditions.elementToBeClickable(by));
            try {
                element.click();
                break;
            } catch (org.openqa.selenium.ElementClickInterceptedException
                    | org.openqa.selenium.StaleElementReferenceException moved) {
                if (attempt == 3) {
                    throw moved;
                }
            }
        }
        waitForVaadin();
    }

    /** True when an element is on the page and shown; Vaadin hides invisible components with {@code hidden}. */
    public boolean isShown(By by) {
        List<WebElement> found = driver.findElements(by);
        return !found.isEmpty() && found.get(0).isDisplayed();
    }

    /** Waits up to 10 s for an element to be shown (a page may still be laying out after its last request); false if it never is. */
    public boolean waitShown(By by) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> isShown(by));
            return true;
        } catch (org.openqa.selenium.TimeoutException e) {
            return false;
        }
    }

    /** Replaces a field's text as a user does (select all, type, Tab away) and waits for the round trip. */
    public void type(By input, String text) {
        WebElement field = waitFor(input);
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", field);
        // Delete first: typing an empty text over a selection would leave the selection in place.
        field.sendKeys(
                org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), org.openqa.selenium.Keys.DELETE);
        field.sendKeys(text, org.openqa.selenium.Keys.TAB);
        waitForVaadin();
    }

    /**
     * A grid's rows top to bottom, cells joined by " | " (rows ordered by index: the virtualizer reuses them); empty
     * while the grid is not on the page yet, so a wait can poll it right after a navigation.
     */
    public String gridText(String id) {
        return String.valueOf(driver.executeScript(
                "const grid = document.getElementById(arguments[0]);"
                        + "if (!grid || !grid.shadowRoot) return '';"
                        + "const rows = Array.from(grid.shadowRoot"
                        + ".querySelectorAll('#items tr')).filter(r => !r.hidden);"
                        + "rows.sort((a, b) => a.index - b.index);"
                        + "return rows.map(r => Array.from(r.querySelectorAll('slot'))"
                        + ".map(s => s.assignedNodes().map(n => n.innerText || n.textContent || '').join(''))"
                        + ".join(' | ')).join('\\n');",
                id));
    }

    public String bodyText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public String currentPath() {
        return driver.getCurrentUrl().substring(baseUrl.length());
    }

    /**
     * Waits until the address ends with {@code suffix} and returns it: a router link's click is handed to Vaadin's
     * client router, which may send its navigation after {@link #waitForVaadin} has seen the client idle.
     */
    public String waitForPathEndingWith(String suffix) {
        diagnosed(
                "the address to end with " + suffix,
                () -> new WebDriverWait(driver, Duration.ofSeconds(20))
                        .until(d -> currentPath().endsWith(suffix)));
        waitForVaadin();
        return currentPath();
    }

    public Path screenshot(String name) throws IOException {
        Path target = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(
                ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
                target,
                StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** With {@code -Ddocs.images=<dir>}, the screenshot replaces the README's image of the same name. */
    public static void publish(Path screenshot, String name) throws IOException {
        String target = System.getProperty("docs.images");
        if (target != null && !target.isBlank()) {
            Files.copy(screenshot, Path.of(target).resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    private final java.util.List<String> consoleMessages = new java.util.ArrayList<>();

    /** Every message the pages logged to the browser console so far (each read of Chromium's log empties it; kept here). */
    public java.util.List<String> consoleMessages() {
        for (org.openqa.selenium.logging.LogEntry entry :
                driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)) {
            consoleMessages.add(entry.getLevel() + " " + entry.getMessage());
        }
        return java.util.List.copyOf(consoleMessages);
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profileDir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp profile is harmless
        }
    }
}
