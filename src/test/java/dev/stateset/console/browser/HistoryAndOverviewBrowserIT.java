package dev.stateset.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.job.CheckpointSettings;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.job.StateParameters;
import dev.stateset.console.security.BootstrapProperties;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.JobLifecycleService;
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.stateset.SnapshotService;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.BrowserSession;
import dev.stateset.console.support.BrowserTestBase;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.FaultInjectingStorage;
import dev.stateset.console.workspace.WorkspaceService;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stage 10, items 3 and 4, in a real browser at 1400 × 900: History puts job snapshots first in a tall grid with Restore
 * and Delete on screen, brings a new snapshot into view, and lists the recorded checkpoints with Flink's summary; the
 * Overview keeps checkpoints and snapshots apart and explains a failure in plain words with the raw cause one click
 * away. Screenshots of both tabs go to target/screenshots, and to docs/images when run with {@code -Ddocs.images=docs/images}.
 */
class HistoryAndOverviewBrowserIT extends BrowserTestBase {

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    JobLifecycleService lifecycle;

    @Autowired
    SnapshotService snapshots;

    @Autowired
    FaultInjectingStorage storage;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    dev.stateset.console.job.JobEngines engines;

    Demo demo;
    long jobId;

    @BeforeAll
    void runningJobWithCheckpointsAndSnapshots() {
        demo = Demo.find(workspaces, jobs);
        jobId = SystemIdentity.call(() -> {
            long id = jobs.create(demo.workspaceId(), Demo.keyedCounter("history", "--rate 5"))
                    .id();
            jobs.updateConfiguration(
                    demo.workspaceId(),
                    id,
                    new CheckpointSettings(Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ZERO, 2),
                    StateParameters.defaults());
            lifecycle.startWithoutState(demo.workspaceId(), id);
            return id;
        });
        Await.until(
                Duration.ofSeconds(60),
                "job RUNNING",
                () -> SystemIdentity.call(() -> jobs.findForSystem(jobId).status()) == JobStatus.RUNNING);
        for (int i = 0; i < 3; i++) {
            long id = SystemIdentity.call(
                            () -> snapshots.create(
                                    demo.workspaceId(),
                                    jobId,
                                    SnapshotFormat.CANONICAL,
                                    "a long description of why this snapshot was taken, so that the grid has a wide column to lay out"))
                    .id();
            Await.until(
                    Duration.ofSeconds(60),
                    "snapshot " + id + " COMPLETED",
                    () -> "COMPLETED"
                            .equals(jdbc.queryForObject(
                                    "select status from job_snapshot where id = ?", String.class, id)));
        }
    }

    private Map<?, ?> rect(WebElement element) {
        return (Map<?, ?>) ((JavascriptExecutor) browser.driver())
                .executeScript(
                        "const r = arguments[0].getBoundingClientRect();"
                                + "return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, height: r.height};",
                        element);
    }

    private double number(Map<?, ?> rect, String key) {
        return ((Number) rect.get(key)).doubleValue();
    }

    /** The element's text whether or not it is scrolled into view (Selenium's getText sees only what is rendered on screen). */
    private String text(By by) {
        return browser.driver().findElement(by).getDomProperty("textContent");
    }

    private long windowHeight() {
        return ((Number) ((JavascriptExecutor) browser.driver()).executeScript("return window.innerHeight"))
                .longValue();
    }

    /** True when the element lies whole inside the window and inside {@code container}'s box (e.g. its grid's viewport). */
    private boolean onScreen(WebElement element, WebElement container) {
        return Boolean.TRUE.equals(((JavascriptExecutor) browser.driver()).executeScript("""
                const r = arguments[0].getBoundingClientRect(); const c = arguments[1].getBoundingClientRect();
                return r.width > 0 && r.height > 0 && r.left >= Math.max(0, c.left) && r.right <= Math.min(window.innerWidth, c.right)
                    && r.top >= Math.max(0, c.top) && r.bottom <= Math.min(window.innerHeight, c.bottom);""", element, container));
    }

    @Test
    void history_puts_snapshots_first_in_a_tall_grid_with_their_actions_on_screen() throws Exception {
        browser.login("editor", BootstrapProperties.DEMO_EDITOR_PASSWORD);
        browser.open(demo.tab(jobId, "history"));
        WebElement snapshotGrid = browser.waitVisible(By.id("snapshots-grid"));
        WebElement checkpointGrid = browser.waitVisible(By.id("checkpoints-grid"));
        assertThat(number(rect(snapshotGrid), "top"))
                .as("job snapshots above checkpoints")
                .isLessThan(number(rect(checkpointGrid), "top"));
        assertThat(number(rect(snapshotGrid), "height"))
                .as("the snapshot grid's height at a 900 px window")
                .isGreaterThanOrEqualTo(windowHeight() * 0.45);
        WebElement delete = new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> d.findElements(By.cssSelector("vaadin-button.delete-snapshot:not([hidden])")).stream()
                        .findFirst()
                        .orElse(null));
        WebElement restore = browser.driver()
                .findElements(By.cssSelector("vaadin-button.restore-snapshot:not([hidden])"))
                .get(0);
        assertThat(onScreen(delete, snapshotGrid))
                .as("Delete on screen at 1400 px")
                .isTrue();
        assertThat(onScreen(restore, snapshotGrid))
                .as("Restore on screen at 1400 px")
                .isTrue();

        // Checkpoints recorded from Flink show with Flink's summary, without a reload.
        new WebDriverWait(browser.driver(), Duration.ofSeconds(60))
                .until(d -> browser.driver()
                                .findElement(By.id("checkpoints-note"))
                                .getText()
                                .contains("p95")
                        && checkpointGrid.getText().contains("COMPLETED"));
        BrowserSession.publish(browser.screenshot("history"), "state-set-history.png");
    }

    @Test
    void a_created_snapshot_is_in_view_on_history() {
        browser.login("editor", BootstrapProperties.DEMO_EDITOR_PASSWORD);
        browser.open(demo.tab(jobId, "history"));
        browser.click(By.id("create-snapshot"));
        browser.waitVisible(By.cssSelector("#snapshot-description textarea")).sendKeys("the one to find");
        browser.click(By.id("confirm-create-snapshot"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                .until(d -> browser.currentPath().contains("/state-sets/history?snapshot="));
        long id = Long.parseLong(browser.currentPath().replaceAll(".*snapshot=", ""));
        WebElement grid = browser.driver().findElement(By.id("snapshots-grid"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                .until(d -> grid.getText().contains("the one to find"));
        WebElement cell = grid.findElements(By.cssSelector("vaadin-grid-cell-content")).stream()
                .filter(c -> c.getDomProperty("textContent").equals(String.valueOf(id)))
                .findFirst()
                .orElseThrow();
        assertThat(onScreen(cell, grid))
                .as("the new snapshot's row (#%d) in view", id)
                .isTrue();
    }

    @Test
    void the_overview_explains_a_failed_snapshot_and_keeps_it_apart_from_checkpoints() throws Exception {
        storage.blockSnapshots(jobId, true);
        long failed;
        try {
            failed = SystemIdentity.call(() -> snapshots.create(
                            demo.workspaceId(), jobId, SnapshotFormat.CANONICAL, "into a blocked path"))
                    .id();
            Await.until(
                    Duration.ofSeconds(60),
                    "snapshot FAILED",
                    () -> "FAILED"
                            .equals(jdbc.queryForObject(
                                    "select status from job_snapshot where id = ?", String.class, failed)));
        } finally {
            storage.blockSnapshots(jobId, false);
        }
        browser.login("viewer", BootstrapProperties.DEMO_VIEWER_PASSWORD);
        browser.open(demo.tab(jobId, "overview"));
        WebElement card = browser.waitVisible(By.id("last-failed-snapshot"));
        assertThat(card.getText())
                .contains(String.valueOf(failed))
                .contains("The snapshot's path is taken")
                .doesNotContain("FileAlreadyExistsException");
        // The card is redrawn when a checkpoint completes (live updates): then it is opened again, as a person would.
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    WebElement raw = d.findElement(By.cssSelector("#last-failed-snapshot vaadin-details"));
                    if (raw.getDomAttribute("opened") == null) {
                        browser.click(By.cssSelector("#last-failed-snapshot vaadin-details vaadin-details-summary"));
                    }
                    return raw.getText().contains("Exception");
                });
        // Flink lists the failed savepoint as its latest failed checkpoint; the console shows it as a job snapshot
        // only.
        var job = SystemIdentity.call(() -> jobs.findForSystem(jobId));
        Await.until(
                Duration.ofSeconds(30),
                "Flink's latest failed checkpoint to be the savepoint",
                () -> engines.of(job.workspace())
                        .checkpointStatistics(job.engineJobId())
                        .latestFailed()
                        .map(c -> c.savepoint())
                        .orElse(false));
        assertThat(text(By.id("last-failed-checkpoint"))).contains("None yet");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(60))
                .until(d -> !text(By.id("last-completed-checkpoint")).contains("None yet"));
        assertThat(text(By.id("snapshot-storage"))).matches("Storage: \\d+ job snapshots? kept, .*");
        ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('job-title').scrollIntoView()");
        BrowserSession.publish(browser.screenshot("overview"), "overview.png");
    }
}
