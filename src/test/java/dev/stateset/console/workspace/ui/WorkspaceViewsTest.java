package dev.stateset.console.workspace.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.HasValueUtilsKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import dev.stateset.console.base.ui.AccessDeniedView;
import dev.stateset.console.base.ui.NotFoundView;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.ui.JobsView;
import dev.stateset.console.security.NewUser;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.security.UserService;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.KaribuViewTest;
import dev.stateset.console.workspace.Member;
import dev.stateset.console.workspace.WorkspaceDraft;
import dev.stateset.console.workspace.WorkspaceRole;
import dev.stateset.console.workspace.WorkspaceService;
import dev.stateset.console.workspace.WorkspaceSummary;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class WorkspaceViewsTest extends KaribuViewTest {

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    UserService users;

    Demo demo;

    @BeforeEach
    void findDemo() {
        demo = Demo.find(workspaces, jobs);
    }

    @Test
    void viewer_sees_their_workspace_with_role_and_job_count_but_no_admin_actions() {
        String foreign = "foreign-" + UUID.randomUUID();
        SystemIdentity.run(() -> workspaces.create(new WorkspaceDraft(foreign, "", "UTC")));
        login("viewer");
        navigate("");
        WorkspacesView view = _get(WorkspacesView.class);
        List<WorkspaceSummary> rows = GridKt._findAll(view.grid);
        assertThat(rows).extracting(WorkspaceSummary::name).contains("demo").doesNotContain(foreign);
        WorkspaceSummary demoRow =
                rows.stream().filter(w -> w.name().equals("demo")).findFirst().orElseThrow();
        // Other tests add jobs to the shared demo workspace: the count must match its job list.
        assertThat(demoRow.jobCount())
                .isEqualTo(
                        SystemIdentity.call(() -> jobs.list(demo.workspaceId())).size())
                .isGreaterThanOrEqualTo(2);
        assertThat(demoRow.myRole().name()).isEqualTo("VIEWER");
        assertThat(view.create.isVisible())
                .as("New workspace visible to a viewer")
                .isFalse();
    }

    @Test
    void each_workspace_shows_its_clusters_flink_version_read_off_the_page_thread() {
        long offline = SystemIdentity.call(() -> workspaces
                .create(new WorkspaceDraft(
                        "versionless-" + UUID.randomUUID().toString().substring(0, 8),
                        "",
                        "UTC",
                        dev.stateset.console.workspace.EngineKind.REMOTE,
                        "http://127.0.0.1:9"))
                .id());
        login("admin");
        navigate("");
        WorkspacesView view = _get(WorkspacesView.class);
        // The first look finds nothing read yet: the page is not held up while the clusters are asked.
        dev.stateset.console.support.Await.until(
                java.time.Duration.ofSeconds(30),
                "both clusters read",
                () -> SystemIdentity.call(() -> jobs.clusterVersions()),
                versions -> !"checking…".equals(versions.get(demo.workspaceId()))
                        && !"checking…".equals(versions.get(offline)));
        view.refresh();
        List<WorkspaceSummary> rows = GridKt._findAll(view.grid);
        assertThat(GridKt._getFormatted(view.grid, rowOf(rows, demo.workspaceId()), "Flink"))
                .isEqualTo("Flink 2.1.1");
        assertThat(GridKt._getFormatted(view.grid, rowOf(rows, offline), "Flink"))
                .isEqualTo("unreachable");
    }

    private static int rowOf(List<WorkspaceSummary> rows, long workspaceId) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id() == workspaceId) {
                return i;
            }
        }
        throw new AssertionError("workspace " + workspaceId + " not listed");
    }

    @Test
    void console_action_opens_the_jobs_of_the_workspace() {
        login("viewer");
        navigate("");
        WorkspacesView view = _get(WorkspacesView.class);
        HorizontalLayout actions = (HorizontalLayout) GridKt._getCellComponent(view.grid, 0, "actions");
        ButtonKt._click((Button) actions.getComponentAt(0));
        _get(JobsView.class);
        assertThat(com.vaadin
                        .flow
                        .component
                        .UI
                        .getCurrent()
                        .getInternals()
                        .getActiveViewLocation()
                        .getPath())
                .isEqualTo("workspaces/" + demo.workspaceId() + "/jobs");
    }

    @Test
    void a_forged_url_to_a_workspace_the_viewer_is_not_in_shows_not_found() {
        long secret = SystemIdentity.call(() -> workspaces
                .create(new WorkspaceDraft("secret-" + UUID.randomUUID(), "", "UTC"))
                .id());
        login("viewer");
        navigate("workspaces/" + secret + "/jobs");
        _get(NotFoundView.class);
        _assertNone(JobsView.class);
        navigate("workspaces/" + secret + "/members");
        _get(NotFoundView.class);
    }

    @Test
    void viewer_and_editor_are_refused_member_management() {
        login("editor");
        navigate("workspaces/" + demo.workspaceId() + "/members");
        _get(AccessDeniedView.class);
        _assertNone(MembersView.class);
    }

    @Test
    void admin_creates_a_workspace_and_sees_field_errors_first() {
        login("admin");
        navigate("");
        WorkspacesView view = _get(WorkspacesView.class);
        ButtonKt._click(view.create);
        WorkspaceDialog dialog = _get(WorkspaceDialog.class);

        HasValueUtilsKt._setValue(dialog.name, "demo");
        HasValueUtilsKt._setValue(dialog.timeZone, "Atlantis/Capital");
        ButtonKt._click(dialog.save);
        assertThat(dialog.name.getErrorMessage()).isEqualTo("A workspace named 'demo' already exists");
        assertThat(dialog.timeZone.isInvalid()).isTrue();
        assertThat(dialog.isOpened()).isTrue();

        String name = "team-" + UUID.randomUUID().toString().substring(0, 8);
        HasValueUtilsKt._setValue(dialog.name, name);
        HasValueUtilsKt._setValue(dialog.timeZone, "Asia/Shanghai");
        ButtonKt._click(dialog.save);
        assertThat(GridKt._findAll(view.grid))
                .extracting(WorkspaceSummary::name)
                .contains(name);
    }

    @Test
    @SuppressWarnings("unchecked")
    void admin_adds_changes_and_removes_a_member_with_confirmation() {
        String username = "member" + UUID.randomUUID().toString().substring(0, 6);
        SystemIdentity.run(() -> users.create(new NewUser(username, "", "member-password-1", false)));
        long ws = SystemIdentity.call(() -> workspaces
                .create(new WorkspaceDraft("members-" + username, "", "UTC"))
                .id());
        login("admin");
        navigate("workspaces/" + ws + "/members");
        MembersView view = _get(MembersView.class);

        HasValueUtilsKt._setValue(view.username, "nobody-here");
        ButtonKt._click(view.add);
        assertThat(view.username.getErrorMessage()).isEqualTo("No user named 'nobody-here'");

        HasValueUtilsKt._setValue(view.username, username);
        ButtonKt._click(view.add);
        assertThat(GridKt._findAll(view.grid)).extracting(Member::username).containsExactly(username);

        Select<WorkspaceRole> role = (Select<WorkspaceRole>) GridKt._getCellComponent(view.grid, 0, "role");
        HasValueUtilsKt._setValue(role, WorkspaceRole.EDITOR);
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));
        assertThat(SystemIdentity.call(() -> workspaces.members(ws)))
                .extracting(Member::role)
                .containsExactly(WorkspaceRole.EDITOR);

        ButtonKt._click((Button) GridKt._getCellComponent(view.grid, 0, "remove"));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));
        assertThat(GridKt._size(view.grid)).isZero();
        assertThat(SystemIdentity.call(() -> workspaces.members(ws))).isEmpty();
    }
}
