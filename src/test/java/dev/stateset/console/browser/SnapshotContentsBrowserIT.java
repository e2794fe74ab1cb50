package dev.stateset.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.engine.embedded.demo.KeyedCounterJob;
import dev.stateset.console.job.JobService;
import dev.stateset.console.security.BootstrapProperties;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.JobLifecycleService;
import dev.stateset.console.stateset.SnapshotService;
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
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A viewer opens a snapshot from History, sees its operators and states with bytes, and compares it with a later
 * snapshot of the same job: the keyed state's growth is the first row.
 */
class SnapshotContentsBrowserIT extends BrowserTestBase {

    static final Duration FLINK = Duration.ofSeconds(90);

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    JobLifecycleService lifecycle;

    @Autowired
    SnapshotService snapshots;

    @Autowired
    StateSetService stateSets;

    @Test
    void a_viewer_looks_inside_a_snapshot_and_compares_it_with_a_later_one() throws Exception {
        Demo demo = Demo.find(workspaces, jobs);
        long ws = demo.workspaceId();
        Path counts = DemoCounts.newDir("contents-browser-");
        long job = demo.runningJob(
                jobs, lifecycle, Demo.keyedCounter("inside", "--keys 100000 --rate 100 --counts-dir " + counts));
        Await.until(FLINK, "keys counted", () -> DemoCounts.read(counts).size() >= 100);
        long first = snapshot(ws, job);
        int keysAtFirst = DemoCounts.read(counts).size();
        Await.until(FLINK, "more keys", () -> DemoCounts.read(counts).size() >= keysAtFirst + 500);
        long second = snapshot(ws, job);
        SystemIdentity.run(() -> lifecycle.stop(ws, job, false, false, null));

        browser.login("viewer", BootstrapProperties.DEMO_VIEWER_PASSWORD);
        browser.open(demo.tab(job, "history"));
        browser.click(By.xpath("//a[contains(@class,'snapshot-contents') and normalize-space()='" + first + "']"));
        new WebDriverWait(browser.driver(), FLINK)
                .ignoring(StaleElementReferenceException.class)
                .until(d -> browser.currentPath().endsWith("/snapshots/" + first)
                        && d.findElement(By.id("snapshot-totals")).getText().contains("with state"));
        String page = browser.bodyText();
        assertThat(page).contains("Inside snapshot " + first).contains("of state");
        String grid = browser.gridText("snapshot-operators");
        assertThat(grid)
                .contains(KeyedCounterJob.COUNTER_UID + " · count per key")
                .contains("count")
                .contains("keyed · value")
                .contains(KeyedCounterJob.SOURCE_UID)
                .containsPattern("\\d+(\\.\\d)? (B|KiB|MiB)");
        BrowserSession.publish(browser.screenshot("inside-a-snapshot"), "inside-a-snapshot.png");

        browser.click(By.id("compare-with"));
        browser.driver().findElement(By.cssSelector("#compare-with input")).sendKeys("#" + second);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .ignoring(StaleElementReferenceException.class)
                .until(d ->
                        d.findElement(By.cssSelector("vaadin-combo-box-item")).isDisplayed());
        browser.driver().findElement(By.cssSelector("vaadin-combo-box-item")).click();
        browser.click(By.id("compare-snapshots"));
        new WebDriverWait(browser.driver(), FLINK)
                .ignoring(StaleElementReferenceException.class)
                .until(d -> browser.currentPath().endsWith("/snapshots/" + first + "/compare/" + second)
                        && d.findElement(By.id("comparison-totals")).getText().contains("biggest growth first"));
        assertThat(browser.driver().findElement(By.id("comparison-totals")).getText())
                .contains("(+");
        String changes = browser.gridText("comparison-grid");
        assertThat(changes.indexOf(KeyedCounterJob.COUNTER_UID))
                .as("the keyed operator grew most: its row comes first")
                .isNotNegative()
                .isLessThan(
                        changes.indexOf(KeyedCounterJob.SOURCE_UID) < 0
                                ? Integer.MAX_VALUE
                                : changes.indexOf(KeyedCounterJob.SOURCE_UID));
        assertThat(changes).contains("CHANGED").containsPattern("\\+\\d+(\\.\\d)? (B|KiB|MiB)");
        BrowserSession.publish(browser.screenshot("compare-snapshots"), "compare-snapshots.png");
    }

    private long snapshot(long ws, long job) {
        return JobWaits.completedSnapshot(snapshots, stateSets, FLINK, ws, job).id();
    }
}
