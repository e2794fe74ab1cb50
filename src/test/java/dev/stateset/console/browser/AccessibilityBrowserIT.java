package dev.stateset.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.job.JobService;
import dev.stateset.console.security.BootstrapProperties;
import dev.stateset.console.support.Accessibility;
import dev.stateset.console.support.BrowserTestBase;
import dev.stateset.console.support.Demo;
import dev.stateset.console.workspace.WorkspaceService;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Accessible pages (stage 10, item 8): axe-core finds no serious or critical violation, and every page has a
 * main landmark, a level-one heading and controls whose visible label is part of their accessible name — on the
 * login page, the workspace list, a job list, the three State Set tabs and the other pages of the shell; the
 * tabs and the snapshot dialog work from the keyboard alone.
 */
class AccessibilityBrowserIT extends BrowserTestBase {

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    JdbcTemplate jdbc;

    Demo demo;

    @BeforeAll
    void findDemo() {
        demo = Demo.find(workspaces, jobs);
    }

    @Test
    void every_page_passes_axe() {
        Map<String, List<Accessibility.Violation>> found = new LinkedHashMap<>();
        browser.driver().manage().deleteAllCookies();
        browser.open("login");
        browser.waitFor(By.cssSelector("vaadin-login-form input[name='username']"));
        found.put("login", Accessibility.violations(browser));

        browser.login("editor", BootstrapProperties.DEMO_EDITOR_PASSWORD);
        long job = demo.keyedCounterJobId();
        for (String page : List.of(
                "",
                "workspaces/" + demo.workspaceId() + "/jobs",
                demo.tab(job, "overview"),
                demo.tab(job, "configuration"),
                demo.tab(job, "history"),
                "profile",
                "tools/cron",
                "no-such-page")) {
            browser.open(page);
            found.put(page.isEmpty() ? "workspaces" : page, Accessibility.violations(browser));
        }
        browser.open(demo.tab(job, "overview"));
        browser.click(By.id("create-snapshot"));
        browser.waitVisible(By.cssSelector("#snapshot-description textarea"));
        found.put("create snapshot dialog", Accessibility.violations(browser));

        browser.login("admin", "admin-password-for-tests");
        for (String page : List.of("audit", "admin/users", "workspaces/" + demo.workspaceId() + "/members")) {
            browser.open(page);
            found.put(page, Accessibility.violations(browser));
        }
        found.forEach((page, violations) -> System.out.println("axe " + page + ": " + violations));
        assertThat(found)
                .allSatisfy((page, violations) ->
                        assertThat(violations).as(page).noneMatch(Accessibility.Violation::blocking));
    }

    @Test
    void the_state_set_tabs_and_the_snapshot_dialog_work_from_the_keyboard() {
        browser.login("editor", BootstrapProperties.DEMO_EDITOR_PASSWORD);
        browser.open(demo.tab(demo.keyedCounterJobId(), "overview"));

        tabUntilFocused("tab-configuration");
        new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> browser.currentPath().endsWith("/state-sets/configuration"));
        assertThat(browser.driver().findElement(By.id("tab-configuration")).getDomAttribute("aria-current"))
                .isEqualTo("page");

        browser.open(demo.tab(demo.keyedCounterJobId(), "overview"));
        tabUntilFocused("create-snapshot");
        new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
        browser.waitVisible(By.cssSelector("#snapshot-description textarea"));
        new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("#snapshot-description textarea"))
                        .isEmpty());
    }

    @Test
    void enter_in_a_destructive_confirmation_takes_the_safe_choice() {
        browser.login("editor", BootstrapProperties.DEMO_EDITOR_PASSWORD);
        browser.open("profile");
        String name = "keyboard-" + System.nanoTime();
        browser.waitFor(By.cssSelector("#token-name input")).sendKeys(name);
        browser.click(By.id("create-token"));
        browser.waitVisible(By.id("token-secret"));
        new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> d.findElements(By.id("token-secret")).isEmpty());

        String revoked =
                "select count(*) from api_token t join app_user u on u.id = t.user_id where u.username = 'editor' and t.revoked_at is not null";
        long revokedBefore = jdbc.queryForObject(revoked, Long.class);
        browser.click(By.xpath("//vaadin-button[contains(., 'Revoke')]"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(
                        d -> Boolean.TRUE.equals(
                                ((org.openqa.selenium.JavascriptExecutor) d)
                                        .executeScript(
                                                "return !!document.activeElement && document.activeElement.classList.contains('confirm-cancel')")));
        new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("vaadin-confirm-dialog[opened]"))
                        .isEmpty());
        browser.waitForVaadin();
        assertThat(jdbc.queryForObject(revoked, Long.class))
                .as("Enter revoked nothing")
                .isEqualTo(revokedBefore);
        assertThat(jdbc.queryForObject(
                        "select count(*) from api_token where name = ? and revoked_at is null", Long.class, name))
                .isEqualTo(1L);
    }

    /** Presses Tab, as a keyboard user does, until the element with this id has the focus. */
    private void tabUntilFocused(String id) {
        browser.driver().executeScript("if (document.activeElement) document.activeElement.blur()");
        for (int press = 0; press < 60; press++) {
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
            Object focused =
                    browser.driver().executeScript("return document.activeElement ? document.activeElement.id : null");
            if (id.equals(focused)) {
                return;
            }
        }
        throw new AssertionError("#" + id + " was not reached with the Tab key in 60 presses");
    }
}
