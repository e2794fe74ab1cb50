package dev.stateset.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.job.JobService;
import dev.stateset.console.security.BootstrapProperties;
import dev.stateset.console.stateset.JobLifecycleService;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.StateSetService;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.BrowserSession;
import dev.stateset.console.support.BrowserTestBase;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.DemoCounts;
import dev.stateset.console.support.JobWaits;
import dev.stateset.console.workspace.WorkspaceService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * In Chromium: an editor opens the keyed counter's stop snapshot, follows "Browse keys" on its count state, pages
 * through every key (each count the one the job's sink reported last) and looks one key up; a viewer sees the keys
 * with their values hidden until the owner allows values on State health.
 */
class StateBrowserBrowserIT extends BrowserTestBase {

    static final Duration FLINK = Duration.ofSeconds(90);
    static final int KEYS = 60;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    JobLifecycleService lifecycle;

    @Autowired
    StateSetService stateSets;

    @Test
    void an_editor_pages_through_a_keyed_state_and_looks_a_key_up_and_a_viewer_sees_keys_only() throws Exception {
        Demo demo = Demo.find(workspaces, jobs);
        long ws = demo.workspaceId();
        Path counts = DemoCounts.newDir("state-browser-");
        long job = demo.runningJob(
                jobs, lifecycle, Demo.keyedCounter("browsed", "--keys " + KEYS + " --rate 300 --counts-dir " + counts));
        Await.until(FLINK, "every key counted", () -> DemoCounts.min(counts, KEYS) >= 2);
        JobSnapshot stop = JobWaits.stoppedWithSnapshot(lifecycle, stateSets, jobs, FLINK, ws, job);
        Map<String, Long> sink = DemoCounts.read(counts);
        assertThat(sink).hasSize(KEYS);

        browser.login("editor", BootstrapProperties.DEMO_EDITOR_PASSWORD);
        browser.open("workspaces/" + ws + "/jobs/" + job + "/snapshots/" + stop.id());
        browser.click(By.cssSelector("a.browse-state"));
        waitForPosition("Keys 1–50");
        assertThat(browser.driver().findElement(By.id("state-values-note")).getText())
                .startsWith("Values as stored");
        assertThat(browser.driver().findElement(By.id("state-summary")).getText())
                .startsWith("value state of operator counter in snapshot " + stop.id() + " · " + KEYS + " entries");
        Map<String, Long> browsed = new HashMap<>(rows());
        BrowserSession.publish(browser.screenshot("state-browser"), "state-browser.png");

        browser.click(By.id("state-next"));
        waitForPosition("Keys 51–60");
        Map<String, Long> second = rows();
        assertThat(second).hasSize(10);
        second.forEach((key, count) ->
                assertThat(browsed.put(key, count)).as("each key once: " + key).isNull());
        assertThat(browsed).as("every count the sink's").isEqualTo(sink);
        assertThat(browser.driver().findElement(By.id("state-next")).getDomAttribute("disabled"))
                .isNotNull();

        browser.type(By.cssSelector("#state-key input"), "key-7");
        browser.click(By.id("state-lookup"));
        waitForPosition("Key “key-7”");
        assertThat(rows()).containsExactly(Map.entry("key-7", sink.get("key-7")));
        browser.type(By.cssSelector("#state-key input"), "key-none");
        browser.click(By.id("state-lookup"));
        waitForPosition("No key “key-none” in this state");

        browser.login("viewer", BootstrapProperties.DEMO_VIEWER_PASSWORD);
        browser.open("workspaces/" + ws + "/jobs/" + job + "/snapshots/" + stop.id());
        browser.click(By.cssSelector("a.browse-state"));
        waitForPosition("Keys 1–50");
        assertThat(browser.driver().findElement(By.id("state-values-note")).getText())
                .startsWith("Values hidden");
        String hidden = browser.gridText("state-entries");
        assertThat(hidden.lines())
                .hasSize(50)
                .allSatisfy(line -> assertThat(line).endsWith(" | hidden"));
    }

    private void waitForPosition(String text) {
        new WebDriverWait(browser.driver(), FLINK)
                .ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("state-position")).getText().equals(text));
    }

    /** The grid's rows as key → count. */
    private Map<String, Long> rows() {
        Map<String, Long> rows = new HashMap<>();
        for (String line : browser.gridText("state-entries").split("\n")) {
            String[] cells = line.split(" \\| ");
            rows.put(cells[0], Long.parseLong(cells[1]));
        }
        return rows;
    }
}
