package dev.stateset.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.engine.EngineDirectory;
import dev.stateset.console.engine.EngineJob;
import dev.stateset.console.engine.JobLaunch;
import dev.stateset.console.engine.embedded.DemoJobArtifact;
import dev.stateset.console.engine.embedded.demo.KeyedCounterJob;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobSummary;
import dev.stateset.console.security.BootstrapProperties;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.JobLifecycleService;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.BrowserTestBase;
import dev.stateset.console.support.Demo;
import dev.stateset.console.workspace.WorkspaceService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An editor adopts a job that was started on the cluster without the console: picks it from the cluster's jobs in
 * the Adopt dialog, names it, and its page then manages it (Start says why it waits for a jar).
 */
class AdoptJobBrowserIT extends BrowserTestBase {

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    EngineDirectory engines;

    @Autowired
    DemoJobArtifact demoJar;

    @Autowired
    JobLifecycleService lifecycle;

    @Test
    void an_editor_adopts_a_running_job_from_the_clusters_list() throws Exception {
        Demo demo = Demo.find(workspaces, jobs);
        String engineJobId = engines.embedded()
                .startJob(new JobLaunch(
                        demoJar.path(),
                        KeyedCounterJob.class.getName(),
                        List.of("--keys", "2", "--rate", "5"),
                        1,
                        Map.of("execution.checkpointing.interval", "20 s"),
                        null));
        Await.until(
                Duration.ofSeconds(60),
                "the job running on the cluster",
                () -> engines.embedded()
                        .findJob(engineJobId)
                        .map(EngineJob::state)
                        .orElse(""),
                "RUNNING"::equals);
        String name = "adopted-" + UUID.randomUUID().toString().substring(0, 6);

        browser.login("editor", BootstrapProperties.DEMO_EDITOR_PASSWORD);
        browser.open("workspaces/" + demo.workspaceId() + "/jobs");
        browser.click(By.id("adopt-job"));
        By row = By.xpath("//vaadin-grid[@id='adopt-grid']/vaadin-grid-cell-content[text()='" + engineJobId + "']");
        browser.waitVisible(row).click();
        WebElement nameInput = browser.waitVisible(By.cssSelector("#adopt-name input"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> !nameInput.getDomProperty("value").isBlank());
        assertThat(nameInput.getDomProperty("value"))
                .as("suggested from Flink's job name")
                .isEqualTo("keyed-counter");
        nameInput.clear();
        nameInput.sendKeys(name);
        browser.screenshot("adopt-job-dialog");
        browser.click(By.id("adopt-save"));

        new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                .until(d -> !browser.isShown(By.id("adopt-grid"))
                        && browser.bodyText().contains(name));
        JobSummary listed = SystemIdentity.call(() -> jobs.list(demo.workspaceId())).stream()
                .filter(j -> j.name().equals(name))
                .findFirst()
                .orElseThrow();
        JobDetails adopted = SystemIdentity.call(() -> jobs.get(demo.workspaceId(), listed.id()));
        assertThat(adopted.engineJobId()).isEqualTo(engineJobId);
        assertThat(adopted.checkpoints().interval()).isEqualTo(Duration.ofSeconds(20));

        browser.open(demo.tab(adopted.id(), "overview"));
        assertThat(browser.waitVisible(By.id("job-origin")).getText()).contains("Adopted from the cluster", "no jar");
        assertThat(browser.waitFor(By.id("stop-job")).getDomAttribute("disabled"))
                .as("an adopted running job can be stopped")
                .isNull();
        browser.screenshot("adopted-job-overview");

        SystemIdentity.call(() -> lifecycle.stop(demo.workspaceId(), adopted.id(), false, false, null));
    }
}
