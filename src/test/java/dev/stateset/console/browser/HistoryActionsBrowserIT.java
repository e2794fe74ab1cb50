package dev.stateset.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.engine.EngineDirectory;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.job.StateBackend;
import dev.stateset.console.security.BootstrapProperties;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.JobLifecycleService;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.SnapshotTrigger;
import dev.stateset.console.stateset.StateSetService;
import dev.stateset.console.support.BrowserTestBase;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.JobWaits;
import dev.stateset.console.workspace.WorkspaceService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;

/**
 * Stage 12's History and Configuration actions clicked through in Chromium: take a full checkpoint of a running job,
 * register a savepoint a team took straight through Flink (a wrong location first), keep the stopped job's latest
 * checkpoint, choose the state backend and other Flink options with the page's notes, and read each workspace's Flink
 * version on the workspace list.
 */
class HistoryActionsBrowserIT extends BrowserTestBase {

    static final Duration FLINK = Duration.ofSeconds(90);

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    JobLifecycleService lifecycle;

    @Autowired
    StateSetService stateSets;

    @Autowired
    EngineDirectory engines;

    @Test
    void an_editor_takes_registers_and_keeps_snapshots_and_sets_the_state_backend() throws Exception {
        Demo demo = Demo.find(workspaces, jobs);
        long ws = demo.workspaceId();
        long job = demo.runningJob(jobs, lifecycle, Demo.keyedCounter("actions", "--keys 3 --rate 20"));
        Path theirs = Files.createDirectories(Path.of("target", "test-data", "external-savepoints", "team-browser"));
        String engineJobId = SystemIdentity.call(() -> jobs.get(ws, job).engineJobId());
        String teamSavepoint = JobWaits.savepointThroughFlink(engines.embedded(), engineJobId, theirs, FLINK);

        browser.login("editor", BootstrapProperties.DEMO_EDITOR_PASSWORD);
        browser.open(demo.tab(job, "history"));
        browser.click(By.id("take-checkpoint"));
        new WebDriverWait(browser.driver(), FLINK)
                .until(d -> browser.bodyText().matches("(?s).*Checkpoint \\d+ completed.*"));
        String checkpointId = browser.bodyText().replaceAll("(?s).*Checkpoint (\\d+) completed.*", "$1");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .ignoring(StaleElementReferenceException.class)
                .until(d ->
                        browser.gridText("checkpoints-grid").lines().anyMatch(l -> l.startsWith(checkpointId + " |")));

        // Register: a directory without _metadata is refused in the dialog, the team's savepoint is taken.
        browser.click(By.id("register-snapshot"));
        browser.type(
                By.cssSelector("#register-location input"),
                theirs.toAbsolutePath().toUri().toString());
        browser.click(By.id("confirm-register-snapshot"));
        new WebDriverWait(browser.driver(), FLINK)
                .until(d -> d.findElement(By.id("register-location")).getDomAttribute("invalid") != null);
        assertThat(browser.driver().findElement(By.id("register-location")).getDomProperty("errorMessage"))
                .isNotBlank();
        browser.type(By.cssSelector("#register-location input"), teamSavepoint);
        browser.type(By.cssSelector("#register-description textarea"), "the team's own savepoint");
        browser.click(By.id("confirm-register-snapshot"));
        new WebDriverWait(browser.driver(), FLINK)
                .until(d -> browser.bodyText().matches("(?s).*Snapshot \\d+ registered.*"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> browser.gridText("snapshots-grid").contains("the team's own savepoint"));
        assertThat(snapshots(ws, job)).extracting(JobSnapshot::trigger).containsExactly(SnapshotTrigger.EXTERNAL);

        // Stopped: keep the last run's latest checkpoint as a job snapshot.
        SystemIdentity.run(() -> lifecycle.stop(ws, job, false, false, null));
        JobWaits.status(jobs, FLINK, job, JobStatus.STOPPED, JobStatus.CANCELED, JobStatus.FINISHED);
        browser.open(demo.tab(job, "history"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> d.findElement(By.id("keep-checkpoint")).getDomAttribute("disabled") == null);
        browser.click(By.id("keep-checkpoint"));
        new WebDriverWait(browser.driver(), FLINK).until(d -> browser.bodyText().contains("Kept as snapshot"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> snapshots(ws, job).size() == 2);

        // Configuration: RocksDB with a RocksDB option is fine; HashMap says the option and incremental do nothing.
        browser.open(demo.tab(job, "configuration"));
        choose("config-backend", "HashMap");
        browser.type(
                By.cssSelector("#config-other-options textarea"),
                "state.backend.rocksdb.memory.managed: true\nrestart-strategy.type: fixed-delay");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("config-state-notes"))
                        .getText()
                        .contains("state.backend.rocksdb.* options have no effect with the HASHMAP backend"));
        choose("config-backend", "RocksDB");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d ->
                        !d.findElement(By.id("config-state-notes")).getText().contains("have no effect"));
        browser.click(By.id("save-configuration"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> browser.bodyText().contains("Configuration saved"));
        assertThat(SystemIdentity.call(() -> jobs.get(ws, job).stateParameters()))
                .satisfies(p -> {
                    assertThat(p.backend()).isEqualTo(StateBackend.ROCKSDB);
                    assertThat(p.flinkOptions()).containsEntry("state.backend.rocksdb.memory.managed", "true");
                });

        // The workspace list names each cluster's Flink version (read in the background, pushed).
        browser.open("");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> browser.gridText("workspaces-grid")
                        .lines()
                        .anyMatch(l -> l.startsWith("demo |") && l.contains("2.1.1")));
    }

    /** Opens a select and picks the item whose label starts with {@code label}. */
    private void choose(String selectId, String label) {
        browser.click(By.id(selectId));
        By item = By.xpath("//vaadin-select-item[@role='option' and starts-with(normalize-space(), '" + label + "')]");
        browser.waitVisible(item);
        browser.click(item);
    }

    private List<JobSnapshot> snapshots(long ws, long job) {
        return SystemIdentity.call(() ->
                stateSets.snapshots(ws, job, Set.of(), PageRequest.of(0, 10)).getContent());
    }
}
