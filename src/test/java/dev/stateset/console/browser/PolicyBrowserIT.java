package dev.stateset.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.job.JobService;
import dev.stateset.console.policy.internal.SnapshotScheduler;
import dev.stateset.console.security.BootstrapProperties;
import dev.stateset.console.stateset.JobLifecycleService;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.BrowserTestBase;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.OffsetClock;
import dev.stateset.console.workspace.WorkspaceService;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The stage-4 acceptance in a real browser: an editor sets "every 10 minutes" and "keep 2" on a running job, saves,
 * sees the next runs; the clock then jumps ahead 10 minutes at a time and the History tab shows scheduled snapshots
 * appearing and the oldest turning into tombstones.
 */
class PolicyBrowserIT extends BrowserTestBase {

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    JobLifecycleService lifecycle;

    @Autowired
    SnapshotScheduler scheduler;

    @Autowired
    OffsetClock clock;

    @Autowired
    JdbcTemplate jdbc;

    Demo demo;
    long jobId;

    @BeforeAll
    void startScheduledJob() {
        demo = Demo.find(workspaces, jobs);
        jobId = demo.runningJob(jobs, lifecycle, Demo.keyedCounter("scheduled", "--rate 5"));
    }

    @AfterAll
    void stopSchedule() {
        jdbc.update(
                "update snapshot_policy set creation_enabled = false, cleanup_enabled = false where job_id = ?", jobId);
    }

    @Test
    void editor_schedules_snapshots_with_cleanup_and_watches_them_rotate() throws Exception {
        browser.login("editor", BootstrapProperties.DEMO_EDITOR_PASSWORD);
        browser.open(demo.tab(jobId, "configuration"));
        browser.click(By.id("policy-creation-enabled"));
        WebElement cron = browser.waitVisible(By.cssSelector(".policy-section #cron-expression input"));
        cron.sendKeys(Keys.chord(Keys.CONTROL, "a"), "*/10 * * * *", Keys.TAB);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector(".policy-section #cron-next-runs li"))
                                .size()
                        == 5);
        // A blackout window moves the preview's due times out of it, and says so; cleared, the line goes.
        browser.type(By.cssSelector("#policy-blackout-windows textarea"), "daily 00:00-12:00");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("policy-next-due"))
                        .getDomProperty("textContent")
                        .startsWith("Out of blackout windows this job's next snapshots are due "));
        String moved = browser.driver().findElement(By.id("policy-next-due")).getDomProperty("textContent");
        assertThat(moved.split(", "))
                .as("three due times, none before noon")
                .hasSize(3)
                .allSatisfy(t -> assertThat(t).containsPattern(" (1[2-9]|2[0-3]):\\d\\d"));
        browser.type(By.cssSelector("#policy-blackout-windows textarea"), "");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("policy-next-due"))
                        .getDomProperty("textContent")
                        .isEmpty());
        browser.click(By.id("policy-cleanup-enabled"));
        WebElement keep = browser.waitVisible(By.cssSelector("#policy-keep input"));
        keep.sendKeys(Keys.chord(Keys.CONTROL, "a"), "2", Keys.TAB);
        browser.click(By.id("save-policy"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> browser.bodyText().contains("Policy saved; next snapshot"));
        browser.screenshot("policy-saved");
        assertThat(browser.driver()
                        .findElement(By.cssSelector(".policy-section #cron-description"))
                        .getAttribute("textContent"))
                .isEqualTo("Every 10 minutes, every day");

        // The clock jumps ahead: four due times fire; cleanup keeps the newest two.
        for (int step = 0; step < 4; step++) {
            clock.advance(Duration.ofMinutes(10));
            scheduler.tick();
            int expected = step + 1;
            Await.until(
                    Duration.ofSeconds(60),
                    expected + " scheduled snapshots done",
                    () -> jdbc.queryForObject(
                                    "select count(*) from job_snapshot where job_id = ? and trigger_kind = 'SCHEDULED' and status in ('COMPLETED', 'DELETED')",
                                    Long.class,
                                    jobId)
                            >= expected);
            Await.until(
                    Duration.ofSeconds(60),
                    "cleanup",
                    () -> jdbc.queryForObject(
                                    "select count(*) from job_snapshot where job_id = ? and trigger_kind = 'SCHEDULED' and status = 'COMPLETED'",
                                    Long.class,
                                    jobId)
                            <= 2);
        }
        browser.open(demo.tab(jobId, "history"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> browser.bodyText().contains("retention: count"));
        String history = browser.bodyText();
        assertThat(history).contains("SCHEDULED").contains("DELETED").contains("Deleted by system (retention: count)");
        assertThat(jdbc.queryForObject(
                        "select count(*) from job_snapshot where job_id = ? and status = 'COMPLETED'",
                        Long.class,
                        jobId))
                .as("restorable snapshots left")
                .isEqualTo(2);
        browser.screenshot("policy-history-rotation");
    }
}
