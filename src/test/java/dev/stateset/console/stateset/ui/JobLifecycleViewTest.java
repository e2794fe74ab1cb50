package dev.stateset.console.stateset.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.HasValueUtilsKt;
import com.vaadin.flow.component.button.Button;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.job.StartStrategy;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.JobLifecycleService;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.stateset.SnapshotService;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.KaribuViewTest;
import dev.stateset.console.workspace.WorkspaceService;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Start, Stop and Restore in the job page, browserless, against the real embedded Flink. */
class JobLifecycleViewTest extends KaribuViewTest {

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobLifecycleService lifecycle;

    @Autowired
    JobService jobs;

    @Autowired
    SnapshotService snapshots;

    Demo demo;

    @BeforeEach
    void demo() {
        demo = Demo.find(workspaces, jobs);
    }

    @Test
    void viewer_sees_no_start_stop_or_restore() {
        login("viewer");
        navigate(demo.tab(demo.keyedCounterJobId(), "history"));
        _assertNone(Button.class, s -> s.withId("start-job"));
        _assertNone(Button.class, s -> s.withId("stop-job"));
        HistoryView history = _get(HistoryView.class);
        assertThat(history.snapshots.getColumnByKey("actions"))
                .as("row actions column for a viewer")
                .isNull();
    }

    @Test
    void a_running_job_is_refused_with_a_way_to_stop_it() {
        Await.until(
                Duration.ofSeconds(60),
                "keyed-counter RUNNING",
                () -> SystemIdentity.call(() ->
                                jobs.findForSystem(demo.keyedCounterJobId()).status())
                        == JobStatus.RUNNING);
        login("editor");
        navigate(demo.tab(demo.keyedCounterJobId(), "history"));
        _get(HistoryView.class);
        _get(StateSetLayout.class).openStart(null);
        StartJobDialog dialog = _get(StartJobDialog.class);
        assertThat(dialog.problem.getText()).isEqualTo("The job is RUNNING: stop the job first.");
        ButtonKt._click(_get(Button.class, s -> s.withId("start-dialog-stop")));
        _get(StopJobDialog.class);
    }

    @Test
    void editor_restores_a_stopped_job_from_a_history_row_with_the_snapshot_preselected() {
        long job =
                SystemIdentity.call(() -> jobs.create(demo.workspaceId(), Demo.keyedCounter("restore-ui", "--rate 5"))
                        .id());
        Await.until(
                Duration.ofSeconds(60),
                "keyed-counter RUNNING",
                () -> SystemIdentity.call(() ->
                                jobs.findForSystem(demo.keyedCounterJobId()).status())
                        == JobStatus.RUNNING);
        JobSnapshot source = SystemIdentity.call(() ->
                snapshots.create(demo.workspaceId(), demo.keyedCounterJobId(), SnapshotFormat.CANONICAL, "ui restore"));
        Await.until(
                Duration.ofSeconds(60),
                "source snapshot COMPLETED",
                () -> status(source.id()) == SnapshotStatus.COMPLETED);

        login("editor");
        navigate(demo.tab(demo.keyedCounterJobId(), "history"));
        HistoryView history = _get(HistoryView.class);
        int row = rowOf(history, source.id());
        @SuppressWarnings("unchecked")
        var actions = (com.vaadin.flow.data.renderer.LitRenderer<JobSnapshot>)
                history.snapshots.getColumnByKey("actions").getRenderer();
        JobSnapshot sourceRow = GridKt._get(history.snapshots, row);
        assertThat(actions.getValueProviders().get("restorable").apply(sourceRow))
                .as("Restore shown on a COMPLETED row")
                .isEqualTo(true);

        // From the other job's page: its Start dialog restores from keyed-counter's snapshot.
        navigate(demo.tab(job, "overview"));
        _get(OverviewView.class);
        _get(StateSetLayout.class).openStart(source.id());
        StartJobDialog dialog = _get(StartJobDialog.class);
        assertThat(dialog.strategy.getValue()).isEqualTo(StartStrategy.SNAPSHOT);
        assertThat(dialog.snapshot.getValue().id()).isEqualTo(source.id());
        awaitUi("the compatibility check", () -> dialog.start.isEnabled());
        ButtonKt._click(dialog.start);
        awaitUi("the dialog to close after the start; problem: " + dialog.problem.getText(), () -> !dialog.isOpened());
        var started = SystemIdentity.call(() -> jobs.get(demo.workspaceId(), job));
        assertThat(started.restoredFromSnapshotId()).isEqualTo(source.id());
        assertThat(started.status())
                .as("started (the status sync may already have seen it run)")
                .isIn(JobStatus.STARTING, JobStatus.RUNNING);
        SystemIdentity.run(() -> {
            Await.until(Duration.ofSeconds(60), "restored job running", () -> {
                jobs.refreshFromEngine(demo.workspaceId());
                return jobs.get(demo.workspaceId(), job).status() == JobStatus.RUNNING;
            });
            lifecycle.stop(demo.workspaceId(), job, false, false, null);
        });
    }

    @Test
    void restoring_another_jobs_snapshot_that_drops_state_needs_an_explicit_confirmation() {
        long totals = SystemIdentity.call(() ->
                jobs.create(demo.workspaceId(), Demo.orderTotals("confirm", "")).id());
        Await.until(
                Duration.ofSeconds(60),
                "keyed-counter RUNNING",
                () -> SystemIdentity.call(() ->
                                jobs.findForSystem(demo.keyedCounterJobId()).status())
                        == JobStatus.RUNNING);
        JobSnapshot source = SystemIdentity.call(
                () -> snapshots.create(demo.workspaceId(), demo.keyedCounterJobId(), SnapshotFormat.CANONICAL, "x"));
        Await.until(
                Duration.ofSeconds(60),
                "source snapshot COMPLETED",
                () -> status(source.id()) == SnapshotStatus.COMPLETED);

        login("editor");
        navigate(demo.tab(totals, "overview"));
        _get(StateSetLayout.class).openStart(source.id());
        StartJobDialog dialog = _get(StartJobDialog.class);
        assertThat(dialog.start.isEnabled())
                .as("Start while the snapshot is being checked")
                .isFalse();
        awaitUi(
                "the compatibility check",
                () -> dialog.compatibility.getElement().getTextRecursively().contains("drops the state of"));
        assertThat(dialog.compatibility.isVisible()).isTrue();
        assertThat(dialog.compatibility.getElement().getTextRecursively())
                .contains("drops the state of")
                .contains("uid 'counter'");
        assertThat(dialog.start.isEnabled()).as("Start before confirming").isFalse();
        HasValueUtilsKt._setValue(dialog.allowNonRestoredState, true);
        assertThat(dialog.start.isEnabled())
                .as("Start with allowNonRestoredState only")
                .isFalse();
        HasValueUtilsKt._setValue(dialog.confirmDrop, true);
        assertThat(dialog.start.isEnabled()).isTrue();
    }

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private SnapshotStatus status(long snapshotId) {
        return SnapshotStatus.valueOf(
                jdbc.queryForObject("select status from job_snapshot where id = ?", String.class, snapshotId));
    }

    private static int rowOf(HistoryView history, long snapshotId) {
        for (int i = 0; i < GridKt._size(history.snapshots); i++) {
            if (GridKt._get(history.snapshots, i).id() == snapshotId) {
                return i;
            }
        }
        throw new AssertionError("snapshot " + snapshotId + " not in the grid");
    }
}
