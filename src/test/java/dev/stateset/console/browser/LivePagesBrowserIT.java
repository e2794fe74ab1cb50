package dev.stateset.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.security.BootstrapProperties;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.JobLifecycleService;
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.stateset.SnapshotService;
import dev.stateset.console.support.ApiClient;
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
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stage 10, items 1 and 2, in a real browser: open pages follow changes made elsewhere (the API, the service, Flink)
 * without a reload, and the Stop dialog finishes: it closes when the final snapshot completes and offers its ways out
 * when Flink fails it. Nothing here reloads a page or sleeps; every wait is for a condition.
 */
class LivePagesBrowserIT extends BrowserTestBase {

    private static final String EDITOR = "editor:" + BootstrapProperties.DEMO_EDITOR_PASSWORD;

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

    Demo demo;
    long jobId;

    @BeforeAll
    void ownJob() {
        demo = Demo.find(workspaces, jobs);
        jobId = SystemIdentity.call(() -> jobs.create(demo.workspaceId(), Demo.keyedCounter("live", "--rate 5"))
                .id());
    }

    private JobStatus status() {
        return SystemIdentity.call(() -> jobs.findForSystem(jobId).status());
    }

    private void ensureRunning() {
        if (!status().isRunning()) {
            Await.until(Duration.ofSeconds(60), "job not STOPPING", () -> status() != JobStatus.STOPPING);
            SystemIdentity.run(() -> lifecycle.startWithoutState(demo.workspaceId(), jobId));
        }
        Await.until(Duration.ofSeconds(60), "job RUNNING", () -> status() == JobStatus.RUNNING);
    }

    private String badge() {
        return browser.driver().findElement(By.cssSelector(".job-status")).getText();
    }

    /** Vaadin marks a disabled button with the {@code disabled} attribute (Selenium's isEnabled knows form controls only). */
    private boolean enabled(String id) {
        return browser.driver().findElement(By.id(id)).getDomAttribute("disabled") == null;
    }

    private WebDriverWait within(int seconds) {
        // A pushed change redraws the header: an element read a moment ago may have been replaced.
        return (WebDriverWait) new WebDriverWait(browser.driver(), Duration.ofSeconds(seconds))
                .pollingEvery(Duration.ofMillis(50))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    @Test
    void a_snapshot_created_through_the_api_appears_on_the_open_history_page_and_completes_there() {
        ensureRunning();
        browser.login("viewer", BootstrapProperties.DEMO_VIEWER_PASSWORD);
        browser.open(demo.tab(jobId, "history"));
        browser.waitVisible(By.id("snapshots-grid"));
        assertThat(browser.bodyText()).doesNotContain("made by the API");

        storage.holdSizing();
        long created;
        long sent;
        try {
            sent = System.nanoTime();
            created = new ApiClient(port)
                    .expect(
                            new ApiClient(port)
                                    .call(
                                            "POST",
                                            "/api/v1/workspaces/" + demo.workspaceId() + "/jobs/" + jobId
                                                    + "/snapshots",
                                            EDITOR,
                                            "{\"format\":\"CANONICAL\",\"description\":\"made by the API\"}"),
                            202)
                    .path("id")
                    .asLong();
            within(30).until(d -> browser.bodyText().contains("made by the API"));
            System.out.printf(
                    "Live update: a snapshot created through the API showed on an open History page %d ms after the request%n",
                    (System.nanoTime() - sent) / 1_000_000);
            assertThat(browser.bodyText()).contains("IN_PROGRESS");
        } finally {
            storage.releaseSizing();
        }
        within(60)
                .until(d -> "COMPLETED"
                        .equals(jdbc.queryForObject(
                                "select status from job_snapshot where id = ?", String.class, created)));
        within(30).until(d -> !browser.bodyText().contains("IN_PROGRESS"));
    }

    @Test
    void the_badge_and_buttons_follow_a_start_and_a_stop_made_elsewhere() {
        ensureRunning();
        browser.login("editor", BootstrapProperties.DEMO_EDITOR_PASSWORD);
        browser.open(demo.tab(jobId, "configuration"));
        within(10).until(d -> badge().equals("RUNNING"));
        assertThat(enabled("stop-job")).isTrue();

        SystemIdentity.run(() -> lifecycle.stop(demo.workspaceId(), jobId, false, false, null));
        within(30).until(d -> !badge().equals("RUNNING"));
        within(30).until(d -> enabled("start-job") && !enabled("stop-job") && !enabled("create-snapshot"));

        SystemIdentity.run(() -> lifecycle.startWithoutState(demo.workspaceId(), jobId));
        within(60).until(d -> badge().equals("RUNNING"));
        within(10).until(d -> enabled("stop-job") && enabled("create-snapshot"));
    }

    @Test
    void the_stop_dialog_closes_when_its_snapshot_completes() throws Exception {
        ensureRunning();
        browser.login("editor", BootstrapProperties.DEMO_EDITOR_PASSWORD);
        browser.open(demo.tab(jobId, "overview"));
        browser.click(By.id("stop-job"));
        browser.waitVisible(By.id("stop-format"));
        browser.click(By.xpath("//*[@id='stop-format']//vaadin-radio-button[contains(., 'NATIVE')]"));
        browser.screenshot("stop-dialog");
        browser.click(By.id("confirm-stop-job"));

        within(60).until(d -> d.findElements(By.id("confirm-stop-job")).isEmpty());
        within(30).until(d -> !badge().equals("RUNNING"));
        assertThat(jdbc.queryForObject(
                        "select format from job_snapshot where job_id = ? and trigger_kind = 'STOP' order by id desc limit 1",
                        String.class,
                        jobId))
                .isEqualTo(SnapshotFormat.NATIVE.name());
    }

    @Test
    void the_stop_dialog_offers_its_choices_when_flink_fails_the_snapshot() throws Exception {
        ensureRunning();
        browser.login("editor", BootstrapProperties.DEMO_EDITOR_PASSWORD);
        browser.open(demo.tab(jobId, "overview"));
        browser.click(By.id("stop-job"));
        browser.waitVisible(By.id("confirm-stop-job"));
        storage.blockSnapshots(jobId, true);
        try {
            browser.click(By.id("confirm-stop-job"));
            within(60)
                    .until(d ->
                            browser.isShown(By.id("stop-without-snapshot")) && browser.isShown(By.id("keep-running")));
        } finally {
            storage.blockSnapshots(jobId, false);
        }
        String status = browser.driver().findElement(By.id("stop-status")).getText();
        assertThat(status).startsWith("The stop snapshot failed, so the job is still running");
        assertThat(browser.driver().findElement(By.id("confirm-stop-job")).getText())
                .isEqualTo("Retry");
        within(30)
                .until(d -> browser.driver()
                        .findElement(By.id("stop-status"))
                        .getText()
                        .contains("retained checkpoint"));
        browser.screenshot("stop-dialog-failed");
        assertThat(status()).isEqualTo(JobStatus.RUNNING);

        browser.click(By.id("stop-without-snapshot"));
        within(30).until(d -> d.findElements(By.id("stop-without-snapshot")).isEmpty());
        within(30).until(d -> !badge().equals("RUNNING"));
    }
}
