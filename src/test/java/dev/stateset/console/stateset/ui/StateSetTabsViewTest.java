package dev.stateset.console.stateset.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.HasValueUtilsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import dev.stateset.console.base.ui.NotFoundView;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.KaribuViewTest;
import dev.stateset.console.workspace.WorkspaceService;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class StateSetTabsViewTest extends KaribuViewTest {

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    dev.stateset.console.stateset.StateSetService stateSets;

    Demo demo;

    @BeforeEach
    void findDemo() {
        demo = Demo.find(workspaces, jobs);
    }

    @Test
    void each_tab_is_its_own_route_and_shows_the_job() {
        login("viewer");
        navigate(demo.tab(demo.keyedCounterJobId(), "overview"));
        assertThat(_get(H1.class, s -> s.withId("job-title")).getText()).isEqualTo("keyed-counter");
        _get(OverviewView.class);
        OverviewView overview = _get(OverviewView.class);
        // Checkpoints are recorded from Flink in the background; the page is told by push when one is.
        awaitUi(
                "checkpoint figures on the Overview",
                () -> overview.checkpointNote.getText().startsWith("Current run (Flink's figures"));
        awaitUi(
                "the last completed checkpoint on the Overview",
                () -> !_get(com.vaadin.flow.component.html.Div.class, s -> s.withId("last-completed-checkpoint"))
                                .getElement()
                                .getText()
                                .contains("None yet")
                        && overview.chart.isVisible());
        assertThat(_get(Paragraph.class, s -> s.withId("checkpoint-note")).getText())
                .containsPattern("Duration min .* p95 ");

        StateSetLayout page = _get(StateSetLayout.class);
        navigate(demo.tab(demo.keyedCounterJobId(), "configuration"));
        _get(ConfigurationView.class);
        assertThat(_get(StateSetLayout.class))
                .as("the job page is the tabs' parent layout: moving between tabs replaces only the tab")
                .isSameAs(page);
        assertThat(_get(com.vaadin.flow.router.RouterLink.class, s -> s.withId("tab-configuration"))
                        .getElement()
                        .getAttribute("aria-current"))
                .isEqualTo("page");
        assertThat(UI.getCurrent().getInternals().getTitle())
                .isEqualTo("keyed-counter · Configuration · Stateset Console");
        navigate(demo.tab(demo.keyedCounterJobId(), "history"));
        HistoryView history = _get(HistoryView.class);
        long recorded = SystemIdentity.call(() -> stateSets
                .snapshots(
                        demo.workspaceId(),
                        demo.keyedCounterJobId(),
                        java.util.Set.of(),
                        org.springframework.data.domain.PageRequest.of(0, 1000))
                .getTotalElements());
        assertThat(GridKt._size(history.snapshots))
                .as("rows in the snapshot grid")
                .isEqualTo((int) recorded);
    }

    @Test
    void viewer_sees_no_create_snapshot_and_editor_sees_it_enabled_only_for_a_running_job() {
        Await.until(
                Duration.ofSeconds(60),
                "keyed-counter RUNNING",
                () -> SystemIdentity.call(() ->
                                jobs.findForSystem(demo.keyedCounterJobId()).status())
                        == JobStatus.RUNNING);
        login("viewer");
        navigate(demo.tab(demo.keyedCounterJobId(), "overview"));
        _assertNone(Button.class, s -> s.withId("create-snapshot"));

        login("editor");
        navigate(demo.tab(demo.keyedCounterJobId(), "history"));
        assertThat(_get(Button.class, s -> s.withId("create-snapshot")).isEnabled())
                .isTrue();

        long stopped = SystemIdentity.call(() -> jobs.create(
                        demo.workspaceId(),
                        Demo.idle("idle-" + UUID.randomUUID().toString().substring(0, 6), 1))
                .id());
        navigate(demo.tab(stopped, "overview"));
        Button create = _get(Button.class, s -> s.withId("create-snapshot"));
        assertThat(create.isEnabled()).as("Create Snapshot on a stopped job").isFalse();
        assertThat(create.getTooltip().getText()).contains("Only a RUNNING job can be snapshotted");
    }

    @Test
    void editor_creates_a_snapshot_in_the_dialog_and_lands_on_history_with_the_new_row() {
        Await.until(
                Duration.ofSeconds(60),
                "keyed-counter RUNNING",
                () -> SystemIdentity.call(() ->
                                jobs.findForSystem(demo.keyedCounterJobId()).status())
                        == JobStatus.RUNNING);
        login("editor");
        navigate(demo.tab(demo.keyedCounterJobId(), "overview"));
        ButtonKt._click(_get(Button.class, s -> s.withId("create-snapshot")));
        CreateSnapshotDialog dialog = _get(CreateSnapshotDialog.class);
        HasValueUtilsKt._setValue(dialog.description, "x".repeat(501));
        ButtonKt._click(dialog.create);
        assertThat(dialog.description.getErrorMessage()).isEqualTo("Description must be at most 500 characters");

        HasValueUtilsKt._setValue(dialog.format, SnapshotFormat.NATIVE);
        HasValueUtilsKt._setValue(dialog.description, "from the dialog");
        ButtonKt._click(dialog.create);
        HistoryView history = _get(HistoryView.class);
        JobSnapshot row = GridKt._get(history.snapshots, 0);
        assertThat(row.description()).isEqualTo("from the dialog");
        assertThat(row.format()).isEqualTo(SnapshotFormat.NATIVE);
        assertThat(row.createdBy()).isEqualTo("editor");
        // The worker's change is pushed to the page: the row turns COMPLETED without a reload, and the page polls
        // nothing.
        awaitUi(
                "the new row to turn COMPLETED",
                () -> GridKt._get(history.snapshots, 0).status() == SnapshotStatus.COMPLETED);
        assertThat(com.vaadin.flow.component.UI.getCurrent().getPollInterval()).isEqualTo(-1);
    }

    @Test
    void the_job_url_without_a_tab_opens_the_overview() {
        login("viewer");
        navigate("workspaces/" + demo.workspaceId() + "/jobs/" + demo.keyedCounterJobId());
        _get(OverviewView.class);
    }

    @Test
    void viewer_sees_configuration_read_only_without_save() {
        login("viewer");
        navigate(demo.tab(demo.keyedCounterJobId(), "configuration"));
        ConfigurationView view = _get(ConfigurationView.class);
        assertThat(view.save.isVisible()).as("Save Changes visible to a viewer").isFalse();
        assertThat(view.interval.isReadOnly()).isTrue();
        assertThat(view.localTempDir.isReadOnly()).isTrue();
        _assertNone(Button.class, s -> s.withId("edit-job"));
    }

    @Test
    void editor_saves_configuration_and_sees_field_errors_for_bad_values() {
        long jobId = SystemIdentity.call(() -> jobs.create(
                        demo.workspaceId(),
                        Demo.idle("configured-" + UUID.randomUUID().toString().substring(0, 6), 1))
                .id());
        login("editor");
        navigate(demo.tab(jobId, "configuration"));
        ConfigurationView view = _get(ConfigurationView.class);
        assertThat(view.save.isVisible()).isTrue();
        // Two saves on one tab, each saying which section it saves (both said "Save Changes").
        assertThat(view.save.getText()).isEqualTo("Save checkpoint and state settings");
        assertThat(_get(
                                com.vaadin.flow.component.button.Button.class,
                                spec -> spec.withText("Save snapshot schedule and cleanup"))
                        .isVisible())
                .as("the policy section's own save")
                .isTrue();

        HasValueUtilsKt._setValue(view.interval, 5);
        ButtonKt._click(view.save);
        assertThat(view.interval.isInvalid()).isTrue();
        assertThat(view.interval.getErrorMessage()).isEqualTo("Enter a whole number from 10 to 86400 seconds");

        HasValueUtilsKt._setValue(view.interval, 30);
        HasValueUtilsKt._setValue(view.retained, 3);
        HasValueUtilsKt._setValue(view.incremental, true);
        HasValueUtilsKt._setValue(view.ttlValue, 6);
        HasValueUtilsKt._setValue(view.ttlUnit, ChronoUnit.HOURS);
        ButtonKt._click(view.save);
        assertThat(view.interval.isInvalid()).isFalse();

        var saved = SystemIdentity.call(() -> jobs.get(demo.workspaceId(), jobId));
        assertThat(saved.checkpoints().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(saved.checkpoints().retained()).isEqualTo(3);
        assertThat(saved.stateParameters().incrementalCheckpoints()).isTrue();
        assertThat(saved.stateParameters().stateTtl()).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void the_state_backend_and_other_options_are_checked_and_the_page_says_what_has_no_effect() {
        long jobId = SystemIdentity.call(() -> jobs.create(
                        demo.workspaceId(),
                        Demo.idle("backend-" + UUID.randomUUID().toString().substring(0, 6), 1))
                .id());
        login("editor");
        navigate(demo.tab(jobId, "configuration"));
        ConfigurationView view = _get(ConfigurationView.class);
        assertThat(view.backend.getValue()).isEqualTo(dev.stateset.console.job.StateBackend.HASHMAP);

        HasValueUtilsKt._setValue(view.incremental, true);
        assertThat(view.stateNotes.getElement().getTextRecursively())
                .as("said as soon as it is chosen")
                .contains("no effect with the HashMap backend");
        HasValueUtilsKt._setValue(view.backend, dev.stateset.console.job.StateBackend.ROCKSDB);
        assertThat(view.stateNotes.isVisible()).isFalse();

        HasValueUtilsKt._setValue(view.otherOptions, "restart-strategy.fixed-delay.attempts: many");
        ButtonKt._click(view.save);
        assertThat(view.otherOptions.getErrorMessage()).contains("restart-strategy.fixed-delay.attempts");
        HasValueUtilsKt._setValue(view.otherOptions, "execution.checkpointing.interval: 5 s");
        ButtonKt._click(view.save);
        assertThat(view.otherOptions.getErrorMessage()).contains("set by the console");

        HasValueUtilsKt._setValue(
                view.otherOptions,
                "restart-strategy.fixed-delay.attempts: 3\nstate.backend.rocksdb.memory.managed: true");
        ButtonKt._click(view.save);
        assertThat(view.otherOptions.isInvalid()).isFalse();
        var saved =
                SystemIdentity.call(() -> jobs.get(demo.workspaceId(), jobId)).stateParameters();
        assertThat(saved.backend()).isEqualTo(dev.stateset.console.job.StateBackend.ROCKSDB);
        assertThat(saved.flinkOptions())
                .containsEntry("restart-strategy.fixed-delay.attempts", "3")
                .containsEntry("state.backend.rocksdb.memory.managed", "true");
    }

    @Test
    void non_numeric_or_unknown_ids_show_not_found() {
        login("viewer");
        navigate("workspaces/abc/jobs/1/state-sets/overview");
        _get(NotFoundView.class);
        navigate(demo.tab(987_654, "history"));
        _get(NotFoundView.class);
        _assertNone(HistoryView.class);
    }
}
