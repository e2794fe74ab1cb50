package dev.stateset.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.security.BootstrapProperties;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.stateset.SnapshotService;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.BrowserTestBase;
import dev.stateset.console.support.Demo;
import dev.stateset.console.workspace.WorkspaceService;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One way to show time (stage 10, item 5): a time reads in the workspace's zone with its offset; a user's
 * profile can choose UTC or the browser's zone instead, and every page follows at once.
 */
class TimeDisplayBrowserIT extends BrowserTestBase {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    SnapshotService snapshots;

    @Autowired
    JdbcTemplate jdbc;

    Demo demo;
    Instant created;

    @BeforeAll
    void createSnapshot() {
        demo = Demo.find(workspaces, jobs);
        Await.until(
                Duration.ofSeconds(60),
                "keyed-counter RUNNING",
                () -> SystemIdentity.call(() ->
                                jobs.findForSystem(demo.keyedCounterJobId()).status())
                        == JobStatus.RUNNING);
        created = SystemIdentity.call(() -> snapshots.create(
                        demo.workspaceId(), demo.keyedCounterJobId(), SnapshotFormat.CANONICAL, "time display test"))
                .createdAt();
    }

    @AfterAll
    void resetChoice() {
        jdbc.update("update app_user set time_display = 'WORKSPACE' where username = 'viewer'");
    }

    @Test
    void times_follow_the_workspace_zone_or_the_zone_the_user_chose() throws Exception {
        // The browser lives in Tokyo; the demo workspace in Berlin.
        browser.driver().executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "Asia/Tokyo"));
        browser.login("viewer", BootstrapProperties.DEMO_VIEWER_PASSWORD);

        browser.open(demo.tab(demo.keyedCounterJobId(), "history"));
        expectOnPage(shown("Europe/Berlin"));
        assertThat(shown("Europe/Berlin")).endsWith("+01:00");

        choose("browser", "BROWSER");
        assertThat(browser.driver().findElement(By.id("time-display")).getDomProperty("textContent"))
                .contains("(Asia/Tokyo)");
        browser.open(demo.tab(demo.keyedCounterJobId(), "history"));
        expectOnPage(shown("Asia/Tokyo"));
        browser.screenshot("time-display-browser-zone");

        choose("UTC everywhere", "UTC");
        browser.open(demo.tab(demo.keyedCounterJobId(), "history"));
        expectOnPage(shown("UTC"));
        assertThat(browser.bodyText()).doesNotContain(shown("Europe/Berlin"));

        choose("workspace", "WORKSPACE");
        browser.open(demo.tab(demo.keyedCounterJobId(), "history"));
        expectOnPage(shown("Europe/Berlin"));
    }

    private String shown(String zone) {
        return SHOWN.format(created.atZone(ZoneId.of(zone)));
    }

    private void expectOnPage(String text) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> browser.bodyText().contains(text));
    }

    private void choose(String labelPart, String stored) {
        browser.open("profile");
        browser.click(By.xpath("//*[@id='time-display']//vaadin-radio-button[contains(., '" + labelPart + "')]"));
        Await.until(
                Duration.ofSeconds(10),
                "the choice stored",
                () -> stored.equals(jdbc.queryForObject(
                        "select time_display from app_user where username = 'viewer'", String.class)));
    }
}
