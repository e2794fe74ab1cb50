package dev.stateset.console.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.stateset.console.base.ResourceNotFoundException;
import dev.stateset.console.job.CheckpointSettings;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.StateParameters;
import dev.stateset.console.security.NewUser;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.security.UserService;
import dev.stateset.console.stateset.StateSetService;
import dev.stateset.console.support.ActAs;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.ServiceTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every role × every service action, allowed and refused. Workspace "alpha" has an owner, an editor and a
 * viewer; "outsider" owns another workspace ("beta") and is no member of alpha. Each test runs in a
 * transaction that is rolled back, so actions do not influence each other.
 */
@ServiceTest
@Transactional
class AccessRulesTest {

    enum Actor {
        ADMIN("admin"),
        OWNER("owner1"),
        EDITOR("editor1"),
        VIEWER("viewer1"),
        OUTSIDER("outsider1");

        final String username;

        Actor(String username) {
            this.username = username;
        }
    }

    enum Outcome {
        ALLOWED,
        DENIED,
        NOT_FOUND
    }

    /** Ids the actions work on; filled before each test. */
    record Fixture(long alpha, long beta, long alphaJob, long betaJob, long viewerId, long editorId) {}

    interface Action {
        void run(Services s, Fixture f);
    }

    record Services(
            WorkspaceService workspaces,
            JobService jobs,
            StateSetService stateSets,
            dev.stateset.console.stateset.OverviewService overviews,
            UserService users) {}

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    StateSetService stateSets;

    @Autowired
    dev.stateset.console.stateset.OverviewService overviews;

    @Autowired
    UserService users;

    @Autowired
    UserDetailsService userDetails;

    Fixture fixture;

    @BeforeEach
    void createWorkspacesAndMembers() {
        fixture = SystemIdentity.call(() -> {
            for (String name : List.of("owner1", "editor1", "viewer1", "outsider1")) {
                users.create(new NewUser(name, name, "password-of-" + name, false));
            }
            long alpha =
                    workspaces.create(new WorkspaceDraft("alpha", "", "UTC")).id();
            long beta = workspaces
                    .create(new WorkspaceDraft("beta", "", "Europe/Berlin"))
                    .id();
            workspaces.addMember(alpha, "owner1", WorkspaceRole.OWNER);
            long editorId =
                    workspaces.addMember(alpha, "editor1", WorkspaceRole.EDITOR).userId();
            long viewerId =
                    workspaces.addMember(alpha, "viewer1", WorkspaceRole.VIEWER).userId();
            workspaces.addMember(beta, "outsider1", WorkspaceRole.OWNER);
            long alphaJob = jobs.create(alpha, Demo.idle("a-job", 1)).id();
            long betaJob = jobs.create(beta, Demo.idle("b-job", 1)).id();
            return new Fixture(alpha, beta, alphaJob, betaJob, viewerId, editorId);
        });
    }

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        // Reading inside alpha: every member; a non-member is told "not found".
        Outcome[] read = {Outcome.ALLOWED, Outcome.ALLOWED, Outcome.ALLOWED, Outcome.ALLOWED, Outcome.NOT_FOUND};
        add(rows, "read workspace", read, (s, f) -> s.workspaces().get(f.alpha()));
        add(rows, "list members", read, (s, f) -> s.workspaces().members(f.alpha()));
        add(rows, "list jobs", read, (s, f) -> s.jobs().list(f.alpha()));
        add(rows, "read job", read, (s, f) -> s.jobs().get(f.alpha(), f.alphaJob()));
        add(rows, "read overview", read, (s, f) -> s.overviews().read(f.alpha(), f.alphaJob(), 30));
        add(
                rows,
                "list snapshots",
                read,
                (s, f) -> s.stateSets().snapshots(f.alpha(), f.alphaJob(), Set.of(), PageRequest.of(0, 10)));

        // Changing jobs: EDITOR and above.
        Outcome[] edit = {Outcome.ALLOWED, Outcome.ALLOWED, Outcome.ALLOWED, Outcome.DENIED, Outcome.NOT_FOUND};
        add(rows, "create job", edit, (s, f) -> s.jobs().create(f.alpha(), Demo.idle("new-job", 2)));
        add(rows, "update job", edit, (s, f) -> s.jobs().update(f.alpha(), f.alphaJob(), Demo.idle("renamed", 2)));
        add(
                rows,
                "update configuration",
                edit,
                (s, f) -> s.jobs()
                        .updateConfiguration(
                                f.alpha(), f.alphaJob(), CheckpointSettings.defaults(), StateParameters.defaults()));

        // Managing members: OWNER and admins.
        Outcome[] own = {Outcome.ALLOWED, Outcome.ALLOWED, Outcome.DENIED, Outcome.DENIED, Outcome.NOT_FOUND};
        add(rows, "add member", own, (s, f) -> s.workspaces().addMember(f.alpha(), "outsider1", WorkspaceRole.VIEWER));
        add(
                rows,
                "change role",
                own,
                (s, f) -> s.workspaces().changeRole(f.alpha(), f.viewerId(), WorkspaceRole.EDITOR));
        add(rows, "remove member", own, (s, f) -> s.workspaces().removeMember(f.alpha(), f.editorId()));

        // System administration: admins only, and refused before any lookup (so nothing leaks either).
        Outcome[] admin = {Outcome.ALLOWED, Outcome.DENIED, Outcome.DENIED, Outcome.DENIED, Outcome.DENIED};
        add(rows, "create workspace", admin, (s, f) -> s.workspaces().create(new WorkspaceDraft("gamma", "", "UTC")));
        add(
                rows,
                "update workspace",
                admin,
                (s, f) -> s.workspaces().update(f.alpha(), new WorkspaceDraft("alpha2", "", "UTC")));
        add(rows, "list users", admin, (s, f) -> s.users().list());
        add(
                rows,
                "create user",
                admin,
                (s, f) -> s.users().create(new NewUser("someone", "", "long-enough-password", false)));
        add(rows, "disable user", admin, (s, f) -> s.users().setEnabled(f.viewerId(), false));
        add(rows, "grant admin", admin, (s, f) -> s.users().setAdmin(f.viewerId(), true));
        add(rows, "reset password", admin, (s, f) -> s.users().resetPassword(f.viewerId(), "another-long-password"));
        return rows.stream();
    }

    private static void add(List<Arguments> rows, String action, Outcome[] outcomes, Action code) {
        Actor[] actors = Actor.values();
        for (int i = 0; i < actors.length; i++) {
            rows.add(arguments(action, actors[i], outcomes[i], code));
        }
    }

    @ParameterizedTest(name = "{1} {0}: {2}")
    @MethodSource("matrix")
    void role_decides_what_an_action_may_do(String action, Actor actor, Outcome expected, Action code) {
        Services services = new Services(workspaces, jobs, stateSets, overviews, users);
        Runnable call = () -> ActAs.run(userDetails, actor.username, () -> code.run(services, fixture));
        switch (expected) {
            case ALLOWED -> call.run();
            case DENIED ->
                assertThatThrownBy(call::run)
                        .as("%s must be refused to %s", action, actor)
                        .isInstanceOf(AccessDeniedException.class);
            case NOT_FOUND ->
                assertThatThrownBy(call::run)
                        .as("%s must look like 'not found' to %s", action, actor)
                        .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void each_user_lists_only_the_workspaces_they_belong_to() {
        assertThat(names("viewer1")).containsExactly("alpha");
        assertThat(names("outsider1")).containsExactly("beta");
        assertThat(names("admin")).contains("alpha", "beta");
    }

    @Test
    void a_job_id_of_another_workspace_is_not_found_even_for_an_owner() {
        assertThatThrownBy(
                        () -> ActAs.run(userDetails, "outsider1", () -> jobs.get(fixture.beta(), fixture.alphaJob())))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> ActAs.run(userDetails, "owner1", () -> jobs.get(fixture.alpha(), fixture.betaJob())))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void a_workspace_that_does_not_exist_answers_like_one_the_caller_may_not_see() {
        assertThatThrownBy(() -> ActAs.run(userDetails, "viewer1", () -> workspaces.get(999_999)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Workspace not found");
        assertThatThrownBy(() -> ActAs.run(userDetails, "viewer1", () -> workspaces.get(fixture.beta())))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Workspace not found");
    }

    @Test
    void a_removed_member_loses_access_at_once() {
        ActAs.run(userDetails, "owner1", () -> workspaces.removeMember(fixture.alpha(), fixture.viewerId()));
        assertThatThrownBy(() -> ActAs.run(userDetails, "viewer1", () -> jobs.list(fixture.alpha())))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void anonymous_calls_are_refused() {
        assertThatThrownBy(() -> jobs.list(fixture.alpha()))
                .isInstanceOf(org.springframework.security.core.AuthenticationException.class);
    }

    private List<String> names(String username) {
        return ActAs.call(
                userDetails,
                username,
                () -> workspaces.listMine().stream().map(WorkspaceSummary::name).toList());
    }
}
