package dev.stateset.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.job.JobService;
import dev.stateset.console.security.BootstrapProperties;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.support.BrowserTestBase;
import dev.stateset.console.support.Demo;
import dev.stateset.console.workspace.WorkspaceDraft;
import dev.stateset.console.workspace.WorkspaceService;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The path a user walks, in real headless Chromium against the running console: log in, workspace → job →
 * each State Set tab; a viewer sees no mutating buttons and a forged URL shows "Not found"; an editor sees
 * and uses them.
 */
class RoleNavigationBrowserIT extends BrowserTestBase {

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    Demo demo;

    @BeforeAll
    void findDemo() {
        demo = Demo.find(workspaces, jobs);
    }

    @Test
    void viewer_walks_workspace_job_and_tabs_without_mutating_buttons() throws Exception {
        browser.login("viewer", BootstrapProperties.DEMO_VIEWER_PASSWORD);
        assertThat(browser.bodyText()).contains("Workspaces", "demo");
        assertThat(browser.isShown(By.id("create-workspace")))
                .as("New workspace shown to a viewer")
                .isFalse();

        browser.click(By.cssSelector("vaadin-button.open-console"));
        assertThat(browser.waitForPathEndingWith("/jobs")).isEqualTo("/workspaces/" + demo.workspaceId() + "/jobs");
        assertThat(browser.isShown(By.id("create-job")))
                .as("New job shown to a viewer")
                .isFalse();

        browser.click(By.xpath("//span[contains(@class,'job-name') and text()='keyed-counter']"));
        browser.waitForPathEndingWith("/jobs/" + demo.keyedCounterJobId() + "/state-sets/overview");
        assertThat(browser.waitVisible(By.id("job-title")).getText()).isEqualTo("keyed-counter");
        assertThat(browser.bodyText()).contains("State Set Management", "Last successful job snapshot");
        assertThat(browser.isShown(By.id("edit-job")))
                .as("Edit job shown to a viewer")
                .isFalse();

        browser.click(By.id("tab-configuration"));
        browser.waitForPathEndingWith("/state-sets/configuration");
        assertThat(browser.waitVisible(By.id("config-interval")).getAttribute("readonly"))
                .as("interval read-only")
                .isNotNull();
        assertThat(browser.isShown(By.id("save-configuration")))
                .as("Save Changes shown to a viewer")
                .isFalse();

        browser.click(By.id("tab-history"));
        browser.waitForPathEndingWith("/state-sets/history");
        browser.waitVisible(By.id("snapshots-grid"));
        Path shot = browser.screenshot("viewer-history");
        assertThat(Files.size(shot)).isGreaterThan(10_000);
    }

    @Test
    void viewer_following_a_forged_url_to_another_workspace_sees_not_found() throws Exception {
        long secret = SystemIdentity.call(() -> workspaces
                .create(new WorkspaceDraft("browser-secret", "", "UTC"))
                .id());
        browser.login("viewer", BootstrapProperties.DEMO_VIEWER_PASSWORD);
        browser.open("workspaces/" + secret + "/jobs");
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(10))
                    .until(d -> browser.bodyText().contains("Not found"));
        } catch (org.openqa.selenium.TimeoutException e) {
            browser.screenshot("forged-url-timeout");
            throw new AssertionError(
                    "No 'Not found' shown; page source: "
                            + browser.driver()
                                    .getPageSource()
                                    .substring(
                                            0,
                                            Math.min(
                                                    3000,
                                                    browser.driver()
                                                            .getPageSource()
                                                            .length())),
                    e);
        }
        assertThat(browser.bodyText()).doesNotContain("browser-secret");
        browser.screenshot("viewer-forged-url");
    }

    @Test
    void editor_sees_and_uses_the_mutating_buttons() throws Exception {
        browser.login("editor", BootstrapProperties.DEMO_EDITOR_PASSWORD);
        browser.open("workspaces/" + demo.workspaceId() + "/jobs");
        assertThat(browser.waitShown(By.id("create-job")))
                .as("New job shown to an editor")
                .isTrue();
        browser.open(demo.tab(demo.keyedCounterJobId(), "configuration"));
        assertThat(browser.waitShown(By.id("edit-job")))
                .as("Edit job shown to an editor")
                .isTrue();
        assertThat(browser.waitShown(By.id("save-configuration")))
                .as("Save Changes shown to an editor")
                .isTrue();
        browser.click(By.id("save-configuration"));
        browser.waitVisible(By.tagName("vaadin-notification-card"));
        assertThat(browser.bodyText()).contains("Configuration saved");
        browser.screenshot("editor-configuration");
    }

    @Test
    void a_wrong_password_keeps_the_user_on_the_login_page_with_a_message() {
        browser.driver().manage().deleteAllCookies();
        browser.open("login");
        browser.waitFor(By.cssSelector("vaadin-login-form input[name='username']"))
                .sendKeys("viewer");
        browser.driver()
                .findElement(By.cssSelector("vaadin-login-form input[name='password']"))
                .sendKeys("wrong-password-123");
        browser.click(By.cssSelector("vaadin-login-form vaadin-button[slot='submit']"));
        browser.waitFor(By.cssSelector("vaadin-login-form[error]"));
        assertThat(browser.currentPath()).startsWith("/login");
        assertThat(browser.bodyText()).contains("Wrong username or password");
    }
}
