package dev.stateset.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.security.BootstrapProperties;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.JobLifecycleService;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.stateset.SnapshotService;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.BrowserTestBase;
import dev.stateset.console.support.Demo;
import dev.stateset.console.workspace.WorkspaceService;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stage 5 in a real browser: a viewer has no Restore; an editor restores a stopped job from a History row, and the
 * job's header and History runs then say Flink restored exactly that snapshot (stage 13).
 */
class RestoreBrowserIT extends BrowserTestBase {

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    JobLifecycleService lifecycle;

    @Autowired
    SnapshotService snapshots;

    @Autowired
    JdbcTemplate jdbc;

    Demo demo;
    long jobId;
    long snapshotId;

    @BeforeAll
    void stoppedJobWithASnapshot() {
        demo = Demo.find(workspaces, jobs);
        jobId = demo.runningJob(jobs, lifecycle, Demo.keyedCounter("restorable", "--rate 5"));
        JobSnapshot stop = SystemIdentity.call(
                        () -> lifecycle.stop(demo.workspaceId(), jobId, true, false, SnapshotFormat.CANONICAL))
                .orElseThrow();
        snapshotId = stop.id();
        Await.until(
                Duration.ofSeconds(60),
                "stop snapshot COMPLETED",
                () -> "COMPLETED"
                        .equals(jdbc.queryForObject(
                                "select status from job_snapshot where id = ?", String.class, snapshotId)));
        Await.until(
                Duration.ofSeconds(60),
                "job stopped",
                () -> SystemIdentity.call(() -> jobs.findForSystem(jobId).status()) != JobStatus.RUNNING);
    }

    @Test
    void viewer_sees_no_restore_and_editor_restores_from_a_history_row() throws Exception {
        browser.login("viewer", BootstrapProperties.DEMO_VIEWER_PASSWORD);
        browser.open(demo.tab(jobId, "history"));
        browser.waitVisible(By.id("snapshots-grid"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> browser.bodyText().contains("STOP"));
        assertThat(browser.driver().findElements(By.cssSelector("vaadin-button.restore-snapshot")))
                .as("Restore for a viewer")
                .isEmpty();
        assertThat(browser.isShown(By.id("start-job"))).isFalse();

        browser.login("editor", BootstrapProperties.DEMO_EDITOR_PASSWORD);
        browser.open(demo.tab(jobId, "history"));
        browser.click(By.cssSelector("vaadin-button.restore-snapshot"));
        browser.waitVisible(By.id("confirm-start-job"));
        browser.screenshot("restore-dialog");
        browser.click(By.id("confirm-start-job"));
        // A pushed update may replace the status while it is read: read it again then.
        new WebDriverWait(browser.driver(), Duration.ofSeconds(60))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    browser.open(demo.tab(jobId, "overview"));
                    return browser.driver()
                            .findElement(By.cssSelector(".job-status"))
                            .getText()
                            .equals("RUNNING");
                });
        assertThat(browser.driver().findElement(By.id("restored-from")).getText())
                .isEqualTo("Current run restored from snapshot #" + snapshotId);
        browser.screenshot("restored-running");
        // The status sync reads what Flink restored; the header follows by push, without a reload.
        new WebDriverWait(browser.driver(), Duration.ofSeconds(60))
                .until(d -> browser.isShown(By.id("restore-verdict")));
        assertThat(browser.driver().findElement(By.id("restore-verdict")).getText())
                .isEqualTo("Restore verified");
        String stopLocation =
                jdbc.queryForObject("select location from job_snapshot where id = ?", String.class, snapshotId);
        assertThat(browser.driver().findElement(By.id("restore-verdict-text")).getText())
                .startsWith("Flink restored savepoint ")
                .contains(lastSegment(stopLocation));
        browser.open(demo.tab(jobId, "history"));
        browser.waitVisible(By.id("runs-grid"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.cssSelector("#runs-grid span.restore-verdict"))
                        .isEmpty());
        // Newest run first: the restored one verified, the first run (started empty) with nothing to verify.
        assertThat(browser.driver().findElements(By.cssSelector("#runs-grid span.restore-verdict")).stream()
                        .map(e -> e.getText())
                        .toList())
                .containsExactly("Restore verified", "—");
        assertThat(browser.driver().findElement(By.id("runs-grid")).getText()).contains("snapshot #" + snapshotId);
        browser.screenshot("runs-restore-verified");
        SystemIdentity.run(() -> lifecycle.stop(demo.workspaceId(), jobId, false, false, null));
    }

    /** The savepoint's directory name: Flink and the console may spell the rest of its URI differently. */
    private static String lastSegment(String location) {
        String trimmed = location.replaceAll("/+$", "");
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
