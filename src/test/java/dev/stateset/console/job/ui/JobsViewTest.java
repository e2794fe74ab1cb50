package dev.stateset.console.job.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.HasValueUtilsKt;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobSummary;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.KaribuViewTest;
import dev.stateset.console.workspace.EngineKind;
import dev.stateset.console.workspace.WorkspaceDraft;
import dev.stateset.console.workspace.WorkspaceRole;
import dev.stateset.console.workspace.WorkspaceService;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class JobsViewTest extends KaribuViewTest {

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    long workspaceId;

    @BeforeEach
    void workspaceWithEditorAndViewer() {
        workspaceId = SystemIdentity.call(() -> {
            long id = workspaces
                    .create(new WorkspaceDraft(
                            "jobs-" + UUID.randomUUID().toString().substring(0, 8), "", "UTC"))
                    .id();
            workspaces.addMember(id, "editor", WorkspaceRole.EDITOR);
            workspaces.addMember(id, "viewer", WorkspaceRole.VIEWER);
            return id;
        });
    }

    @Test
    void viewer_sees_jobs_but_no_new_job_button() {
        login("viewer");
        navigate("workspaces/" + workspaceId + "/jobs");
        JobsView view = _get(JobsView.class);
        assertThat(view.create.isVisible()).as("New job visible to a viewer").isFalse();
        assertThat(GridKt._size(view.grid)).isZero();
    }

    @Test
    void editor_creates_a_job_after_fixing_the_fields_the_service_refused() {
        login("editor");
        navigate("workspaces/" + workspaceId + "/jobs");
        JobsView view = _get(JobsView.class);
        ButtonKt._click(view.create);
        JobDialog dialog = _get(JobDialog.class);

        HasValueUtilsKt._setValue(dialog.name, "");
        HasValueUtilsKt._setValue(dialog.parallelism, 0);
        ButtonKt._click(dialog.save);
        assertThat(dialog.parallelism.getErrorMessage())
                .as("refused at the field")
                .isEqualTo("Enter a whole number from 1 to 1024");

        HasValueUtilsKt._setValue(dialog.parallelism, 1);
        ButtonKt._click(dialog.save);
        assertThat(dialog.name.getErrorMessage()).as("then the service's rules").isEqualTo("Name is required");

        assertThat(dialog.artifact.getErrorMessage())
                .as("a job without a jar is refused before it is saved")
                .contains("Choose the job's jar");

        HasValueUtilsKt._setValue(dialog.name, "clicks-per-user");
        HasValueUtilsKt._setValue(dialog.parallelism, 2);
        // The built-in demo jobs are a named choice, and their entry classes are offered.
        HasValueUtilsKt._setValue(dialog.jarSource, JobDialog.JarSource.BUILTIN);
        assertThat(dialog.artifact.getValue()).isEqualTo("builtin:demo-jobs");
        assertThat(dialog.entryClass.getValue()).endsWith("KeyedCounterJob");
        ButtonKt._click(dialog.save);
        assertThat(dialog.isOpened()).isFalse();
        assertThat(GridKt._findAll(view.grid)).extracting(JobSummary::name).containsExactly("clicks-per-user");
    }

    @Test
    void an_unreachable_cluster_shows_as_a_banner_instead_of_an_error() {
        long offline = SystemIdentity.call(() -> {
            long id = workspaces
                    .create(new WorkspaceDraft(
                            "offline-" + UUID.randomUUID().toString().substring(0, 8),
                            "",
                            "UTC",
                            EngineKind.REMOTE,
                            "http://127.0.0.1:9"))
                    .id();
            workspaces.addMember(id, "viewer", WorkspaceRole.VIEWER);
            long job = jobs.create(id, Demo.idle("remote", 1)).id();
            jdbc.update("update flink_job set engine_job_id = 'abc' where id = ?", job);
            jobs.refreshFromEngine(id);
            return id;
        });
        login("viewer");
        navigate("workspaces/" + offline + "/jobs");
        JobsView view = _get(JobsView.class);
        assertThat(view.outage.isVisible()).isTrue();
        assertThat(view.outage.getText()).contains("Flink cluster unreachable").contains("http://127.0.0.1:9");
        assertThat(GridKt._size(view.grid)).isEqualTo(1);
    }

    @Test
    void clicking_a_job_opens_its_state_set_overview() {
        long jobId = SystemIdentity.call(
                () -> jobs.create(workspaceId, Demo.idle("to-open", 1)).id());
        login("viewer");
        navigate("workspaces/" + workspaceId + "/jobs");
        JobsView view = _get(JobsView.class);
        GridKt._clickItem(view.grid, 0);
        assertThat(com.vaadin
                        .flow
                        .component
                        .UI
                        .getCurrent()
                        .getInternals()
                        .getActiveViewLocation()
                        .getPath())
                .isEqualTo("workspaces/" + workspaceId + "/jobs/" + jobId + "/state-sets/overview");
    }
}
