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

/** Stage 5 in a real browser: a viewer has no Restore; an editor restores a stopped job from a History row. */
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
        new WebDriverWait(browser.driver(), Duration.ofSeconds(60)).until(d -> {
            browser.open(demo.tab(jobId, "overview"));
            return browser.driver()
                    .findElement(By.cssSelector(".job-status"))
                    .getText()
                    .equals("RUNNING");
        });
        assertThat(browser.driver().findElement(By.id("restored-from")).getText())
                .isEqualTo("Current run restored from snapshot #" + snapshotId);
        browser.screenshot("restored-running");
        SystemIdentity.run(() -> lifecycle.stop(demo.workspaceId(), jobId, false, false, null));
    }
}
