package dev.stateset.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.job.JobService;
import dev.stateset.console.security.BootstrapProperties;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.support.BrowserTestBase;
import dev.stateset.console.support.Demo;
import dev.stateset.console.workspace.WorkspaceService;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Forms say what they did (stage 10, item 6): a number the field cannot take is refused at that field and nothing
 * is saved, where it used to be saved as "no age limit" or answered with another rule's message; next runs are
 * not shown as due while scheduled creation is off.
 */
class FormsBrowserIT extends BrowserTestBase {

    private static final String TOO_BIG = "99999999999";

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    JdbcTemplate jdbc;

    Demo demo;
    long jobId;

    @BeforeAll
    void createJob() {
        demo = Demo.find(workspaces, jobs);
        jobId = SystemIdentity.call(() ->
                jobs.create(demo.workspaceId(), Demo.keyedCounter("forms", "")).id());
    }

    @BeforeEach
    void openConfiguration() {
        browser.login("editor", BootstrapProperties.DEMO_EDITOR_PASSWORD);
        browser.open(demo.tab(jobId, "configuration"));
    }

    @Test
    void an_interval_too_large_for_the_field_is_refused_at_the_field_and_nothing_is_saved() throws Exception {
        long intervalBefore =
                jdbc.queryForObject("select checkpoint_interval_ms from flink_job where id = ?", Long.class, jobId);
        browser.type(By.cssSelector("#config-interval input"), TOO_BIG);
        browser.click(By.id("save-configuration"));

        WebElement interval = browser.driver().findElement(By.id("config-interval"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> interval.getDomAttribute("invalid") != null);
        assertThat(interval.getDomProperty("errorMessage")).isEqualTo("Enter a whole number from 10 to 86400 seconds");
        assertThat(browser.driver()
                        .executeScript(
                                "return document.activeElement === arguments[0] || arguments[0].contains(document.activeElement)",
                                interval))
                .as("the refused field has the focus")
                .isEqualTo(true);
        assertThat(browser.bodyText())
                .contains("Nothing was saved: correct the marked fields")
                .doesNotContain("must be at least 10 seconds")
                .doesNotContain("Configuration saved");
        assertThat(jdbc.queryForObject("select checkpoint_interval_ms from flink_job where id = ?", Long.class, jobId))
                .isEqualTo(intervalBefore);
        browser.screenshot("forms-interval-refused");

        // A value in range clears the mark and saves.
        browser.type(By.cssSelector("#config-interval input"), "30");
        browser.click(By.id("save-configuration"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> browser.bodyText().contains("Configuration saved"));
        assertThat(interval.getDomAttribute("invalid")).isNull();
        assertThat(jdbc.queryForObject("select checkpoint_interval_ms from flink_job where id = ?", Long.class, jobId))
                .isEqualTo(30_000L);
    }

    @Test
    void a_retention_too_large_for_the_field_is_not_saved_as_no_age_limit() {
        browser.click(By.id("policy-cleanup-enabled"));
        browser.type(By.cssSelector("#policy-retention input"), TOO_BIG);
        browser.click(By.id("save-policy"));

        WebElement retention = browser.driver().findElement(By.id("policy-retention"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> retention.getDomAttribute("invalid") != null);
        assertThat(retention.getDomProperty("errorMessage")).isEqualTo("Enter a whole number from 1 to 87600");
        assertThat(browser.bodyText()).doesNotContain("Policy saved");
        assertThat(jdbc.queryForObject(
                        "select count(*) from snapshot_policy where job_id = ? and cleanup_enabled", Long.class, jobId))
                .as("no policy with cleanup was written")
                .isZero();
    }

    @Test
    void next_runs_are_hidden_while_scheduled_creation_is_off() {
        browser.type(By.cssSelector(".policy-section #cron-expression input"), "*/15 * * * *");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> browser.bodyText().contains("Every 15 minutes"));
        assertThat(browser.waitShown(By.id("cron-inactive-notice"))).isTrue();
        assertThat(browser.isShown(By.cssSelector(".policy-section #cron-next-runs")))
                .isFalse();

        browser.click(By.id("policy-creation-enabled"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector(".policy-section #cron-next-runs li"))
                                        .size()
                                == 5
                        && browser.isShown(By.cssSelector(".policy-section #cron-next-runs")));
        assertThat(browser.isShown(By.id("cron-inactive-notice"))).isFalse();
    }
}
