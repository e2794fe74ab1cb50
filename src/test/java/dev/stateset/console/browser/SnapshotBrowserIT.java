package dev.stateset.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.security.BootstrapProperties;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.BrowserTestBase;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.FaultInjectingStorage;
import dev.stateset.console.workspace.WorkspaceService;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/** An editor creates a real savepoint from the browser and watches it go IN_PROGRESS → COMPLETED. */
class SnapshotBrowserIT extends BrowserTestBase {

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    FaultInjectingStorage storage;

    Demo demo;

    @BeforeAll
    void findDemo() {
        demo = Demo.find(workspaces, jobs);
        Await.until(
                Duration.ofSeconds(60),
                "keyed-counter RUNNING",
                () -> SystemIdentity.call(() ->
                                jobs.findForSystem(demo.keyedCounterJobId()).status())
                        == JobStatus.RUNNING);
    }

    @Test
    void editor_creates_a_snapshot_and_sees_it_complete_with_location_and_size() throws Exception {
        browser.login("editor", BootstrapProperties.DEMO_EDITOR_PASSWORD);
        browser.open(demo.tab(demo.keyedCounterJobId(), "overview"));
        browser.click(By.id("create-snapshot"));
        browser.waitVisible(By.cssSelector("#snapshot-description textarea")).sendKeys("browser test snapshot");
        // Held storage: the savepoint may finish on Flink, but the snapshot stays IN_PROGRESS until this test has seen
        // it so, however busy the machine is.
        storage.holdSizing();
        try {
            browser.click(By.id("confirm-create-snapshot"));
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                    .until(d -> browser.currentPath().contains("/state-sets/history?snapshot="));
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                    .until(d -> browser.bodyText().contains("IN_PROGRESS"));
            browser.screenshot("snapshot-in-progress");
        } finally {
            storage.releaseSizing();
        }

        // No reload: the worker's change is pushed to the History tab.
        new WebDriverWait(browser.driver(), Duration.ofSeconds(60))
                .until(d -> browser.bodyText().contains("browser test snapshot")
                        && !browser.bodyText().contains("IN_PROGRESS"));
        String page = browser.bodyText();
        assertThat(page).contains("COMPLETED").contains("file:").containsPattern("\\d+(\\.\\d)? (B|KiB|MiB)");
        browser.screenshot("snapshot-completed");

        browser.click(By.id("tab-overview"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                .until(d -> browser.driver()
                        .findElement(By.id("checkpoint-note"))
                        .getText()
                        .startsWith("Current run (Flink's figures"));
        browser.screenshot("overview-with-checkpoints");
    }
}
