package dev.stateset.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.job.CheckpointSettings;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.security.BootstrapProperties;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.JobLifecycleService;
import dev.stateset.console.stateset.RecoveryPointDraft;
import dev.stateset.console.stateset.RecoveryPointService;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.BrowserSession;
import dev.stateset.console.support.BrowserTestBase;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.OffsetClock;
import dev.stateset.console.workspace.WorkspaceService;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Stage 13's recovery-point guard and State health in Chromium: an editor sets a job's objective on the Configuration
 * tab; with the clock moved past it the Overview turns to "Objective breached" by push; the workspace's State health
 * page lists the job first (worst first), filters by name and by breach; only the owner sets the storage price, and the
 * monthly cost estimate follows.
 */
class StateHealthBrowserIT extends BrowserTestBase {

    static final Duration FLINK = Duration.ofSeconds(90);

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    JobLifecycleService lifecycle;

    @Autowired
    RecoveryPointService recoveryPoints;

    @Autowired
    OffsetClock clock;

    @Autowired
    dev.stateset.console.stateset.StateSetService snapshots;

    Demo demo;
    long slow;
    long steady;

    @Test
    void an_objective_is_set_breached_by_a_moved_clock_and_found_on_state_health() throws Exception {
        demo = Demo.find(workspaces, jobs);
        long ws = demo.workspaceId();
        // Checkpoints ten minutes apart (Flink may take the first at any moment within them): with the clock moved on,
        // its recovery point is older than a minute either way.
        slow = SystemIdentity.call(() -> {
            long id = jobs.create(ws, Demo.keyedCounter("rpo-slow", "--rate 5")).id();
            JobDetails job = jobs.get(ws, id);
            CheckpointSettings cp = job.checkpoints();
            jobs.updateConfiguration(
                    ws,
                    id,
                    new CheckpointSettings(Duration.ofMinutes(10), cp.timeout(), cp.minPause(), cp.retained()),
                    job.stateParameters());
            lifecycle.startWithoutState(ws, id);
            return id;
        });
        Await.until(
                FLINK,
                "the slow job RUNNING",
                () -> SystemIdentity.call(() -> jobs.findForSystem(slow).status()) == JobStatus.RUNNING);
        steady = demo.runningJob(jobs, lifecycle, Demo.keyedCounter("rpo-steady", "--rate 5"));
        SystemIdentity.run(() -> recoveryPoints.save(ws, steady, new RecoveryPointDraft(600, false)));
        String slowName = SystemIdentity.call(() -> jobs.get(ws, slow).name());
        String steadyName = SystemIdentity.call(() -> jobs.get(ws, steady).name());

        browser.login("editor", BootstrapProperties.DEMO_EDITOR_PASSWORD);
        browser.open(demo.tab(slow, "configuration"));
        browser.type(By.cssSelector("#rpo-minutes input"), "1");
        browser.click(By.id("save-recovery-point"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> browser.bodyText().contains("Recovery-point objective saved: 1 min"));

        browser.open(demo.tab(slow, "overview"));
        browser.waitVisible(By.id("recovery-point-text"));
        clock.advance(Duration.ofMinutes(2));
        // The guard raises the breach within its interval; the Overview follows by push, without a reload.
        new WebDriverWait(browser.driver(), FLINK)
                .ignoring(StaleElementReferenceException.class)
                .until(d -> browser.isShown(By.id("recovery-point-badge"))
                        && d.findElement(By.id("recovery-point-badge"))
                                .getText()
                                .equals("Objective breached"));
        assertThat(browser.driver().findElement(By.id("recovery-point-text")).getText())
                .startsWith("Recovery point: ")
                .contains("objective 1 min 00 s");
        browser.screenshot("recovery-point-breached");

        browser.open("workspaces/" + ws + "/jobs");
        browser.click(By.id("open-state-health"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> browser.currentPath().endsWith("/state-health")
                        && browser.gridText("state-health-grid").contains(steadyName));
        String all = browser.gridText("state-health-grid");
        assertThat(all.indexOf(slowName))
                .as("worst first: the breached job above the one within its objective")
                .isNotNegative()
                .isLessThan(all.indexOf(steadyName));
        assertThat(all).contains("/ 1 min 00 s").contains("/ 10 h 00 min");
        assertThat(browser.driver().findElement(By.id("health-summary")).getText())
                .containsPattern("[1-9]\\d* breaching their recovery-point objective");
        assertThat(browser.isShown(By.id("save-workspace-settings")))
                .as("an editor does not change the workspace's settings")
                .isFalse();
        BrowserSession.publish(browser.screenshot("state-health"), "state-health.png");

        browser.type(By.cssSelector("#health-name-filter input"), slowName);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> !browser.gridText("state-health-grid").contains(steadyName));
        assertThat(browser.gridText("state-health-grid")).contains(slowName);
        browser.type(By.cssSelector("#health-name-filter input"), "rpo-");
        browser.click(By.id("health-only-breached"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> !browser.gridText("state-health-grid").contains(steadyName));
        assertThat(browser.gridText("state-health-grid")).contains(slowName);

        // The job keeps snapshots out of all hours: a manual one now asks first (and, taken, ends the breach).
        browser.open(demo.tab(slow, "configuration"));
        browser.type(By.cssSelector("#policy-blackout-windows textarea"), "daily 00:00-24:00");
        browser.click(By.id("save-policy"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> browser.bodyText().contains("Policy saved"));
        browser.open(demo.tab(slow, "overview"));
        browser.click(By.id("create-snapshot"));
        browser.waitVisible(By.id("blackout-warning"));
        assertThat(browser.driver().findElement(By.id("blackout-warning")).getText())
                .startsWith("This job is inside a blackout window until ");
        assertThat(browser.driver()
                        .findElement(By.id("confirm-create-snapshot"))
                        .getDomAttribute("disabled"))
                .as("Create waits for the confirmation")
                .isNotNull();
        browser.screenshot("blackout-confirm");
        browser.click(By.id("confirm-blackout"));
        browser.click(By.id("confirm-create-snapshot"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> browser.currentPath().contains("/history"));
        assertThat(SystemIdentity.call(() -> snapshots.snapshots(
                                ws, slow, java.util.Set.of(), org.springframework.data.domain.PageRequest.of(0, 5)))
                        .getTotalElements())
                .as("the snapshot taken inside the window once confirmed")
                .isEqualTo(1);

        // The owner (the admin) sets the price; every job's line and the total get a monthly estimate.
        browser.login("admin", "admin-password-for-tests");
        browser.open("workspaces/" + ws + "/state-health");
        browser.type(By.cssSelector("#workspace-blackout-windows textarea"), "weekdays 9-5");
        browser.click(By.id("save-workspace-settings"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("workspace-blackout-windows")).getDomAttribute("invalid") != null);
        assertThat(browser.driver()
                        .findElement(By.id("workspace-blackout-windows"))
                        .getDomProperty("errorMessage"))
                .startsWith("Line 1 (\"weekdays 9-5\")");
        assertThat(SystemIdentity.call(() -> workspaces.settings(ws)).blackoutWindows())
                .as("nothing saved")
                .isEmpty();
        browser.type(By.cssSelector("#workspace-blackout-windows textarea"), "");
        browser.type(By.cssSelector("#health-price input"), "0.023");
        browser.click(By.id("save-workspace-settings"));
        // textContent: the save button's scroll may have taken the summary out of view, where getText says "".
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("health-summary"))
                        .getDomProperty("textContent")
                        .contains("estimated "));
        assertThat(browser.driver().findElement(By.id("health-summary")).getDomProperty("textContent"))
                .containsPattern("estimated \\d+\\.\\d{2} per month");
    }

    @AfterAll
    void stopJobs() {
        SystemIdentity.run(() -> workspaces.saveSettings(
                demo.workspaceId(), new dev.stateset.console.workspace.WorkspaceSettings(null, "", false)));
        for (long job : new long[] {slow, steady}) {
            if (job != 0) {
                SystemIdentity.run(() -> lifecycle.stop(demo.workspaceId(), job, false, false, null));
            }
        }
    }
}
