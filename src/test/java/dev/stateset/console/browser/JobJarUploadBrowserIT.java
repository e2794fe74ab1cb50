package dev.stateset.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.engine.embedded.DemoJobArtifact;
import dev.stateset.console.engine.embedded.demo.KeyedCounterJob;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobSummary;
import dev.stateset.console.security.BootstrapProperties;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.support.BrowserTestBase;
import dev.stateset.console.support.Demo;
import dev.stateset.console.workspace.WorkspaceService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/** An editor creates a job from a jar on their own machine: drops it on the New job dialog's upload, saves. */
class JobJarUploadBrowserIT extends BrowserTestBase {

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    DemoJobArtifact demoJar;

    @Test
    void an_editor_uploads_a_jar_in_the_new_job_dialog_and_the_job_uses_it() throws Exception {
        Demo demo = Demo.find(workspaces, jobs);
        Path local = Files.copy(
                demoJar.path(), Files.createTempDirectory("jar-from-desktop").resolve("my-job.jar"));
        String name = "uploaded-" + UUID.randomUUID().toString().substring(0, 6);

        browser.login("editor", BootstrapProperties.DEMO_EDITOR_PASSWORD);
        browser.open("workspaces/" + demo.workspaceId() + "/jobs");
        browser.click(By.id("create-job"));
        browser.waitVisible(By.cssSelector("#job-name input")).sendKeys(name);
        // The upload's own file input, inside vaadin-upload's shadow DOM, as the file chooser fills it.
        WebElement upload = browser.waitFor(By.id("job-jar-upload"));
        WebElement input = (WebElement) ((JavascriptExecutor) browser.driver())
                .executeScript(
                        "return arguments[0].shadowRoot.querySelector('input[type=file]') || arguments[0].querySelector('input[type=file]')",
                        upload);
        input.sendKeys(local.toString());
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                .until(d -> browser.driver()
                        .findElement(By.cssSelector("#job-artifact input"))
                        .getDomProperty("value")
                        .startsWith("upload:"));
        assertThat(browser.driver()
                        .findElement(By.cssSelector("#job-entry-class input"))
                        .getDomProperty("value"))
                .as("the entry class, from the jar's manifest")
                .isEqualTo(KeyedCounterJob.class.getName());
        browser.screenshot("new-job-with-uploaded-jar");
        browser.click(By.id("save-job"));

        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> browser.bodyText().contains(name));
        JobSummary saved = SystemIdentity.call(() -> jobs.list(demo.workspaceId())).stream()
                .filter(j -> j.name().equals(name))
                .findFirst()
                .orElseThrow();
        var job = SystemIdentity.call(() -> jobs.get(demo.workspaceId(), saved.id()));
        assertThat(job.artifact()).matches("upload:[0-9a-f]{64}");
        assertThat(job.entryClass()).isEqualTo(KeyedCounterJob.class.getName());
    }
}
