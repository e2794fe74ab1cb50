package dev.stateset.console.activity.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.HasValueUtilsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.sidenav.SideNavItem;
import dev.stateset.console.activity.AuditTrailService;
import dev.stateset.console.audit.AuditEvent;
import dev.stateset.console.audit.AuditFilter;
import dev.stateset.console.audit.AuditSource;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ui.AccessDeniedView;
import dev.stateset.console.base.ui.NotFoundView;
import dev.stateset.console.job.JobService;
import dev.stateset.console.security.NewUser;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.security.UserService;
import dev.stateset.console.support.ActAs;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.KaribuViewTest;
import dev.stateset.console.workspace.WorkspaceDraft;
import dev.stateset.console.workspace.WorkspaceRole;
import dev.stateset.console.workspace.WorkspaceService;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** The audit log page and its service: owners see their workspaces only, admins everything, filters narrow it. */
class AuditLogViewTest extends KaribuViewTest {

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    UserService users;

    @Autowired
    AuditTrailService trail;

    Demo demo;
    String owner;
    long ownWorkspace;
    String member;

    @BeforeEach
    void ownerOfOneWorkspace() {
        demo = Demo.find(workspaces, jobs);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        owner = "owner-" + suffix;
        member = "helper-" + suffix;
        SystemIdentity.run(() -> {
            users.create(new NewUser(owner, "", "owner-password-1", false));
            users.create(new NewUser(member, "", "helper-password-1", false));
            ownWorkspace = workspaces
                    .create(new WorkspaceDraft("audited-" + suffix, "", "Europe/Berlin"))
                    .id();
            workspaces.addMember(ownWorkspace, owner, WorkspaceRole.OWNER);
        });
        // The owner's own action, from a session: it must show with the owner as actor and UI as source.
        ActAs.run(userDetails, owner, () -> workspaces.addMember(ownWorkspace, member, WorkspaceRole.VIEWER));
    }

    @Test
    void an_owner_sees_the_events_of_their_workspace_and_nothing_else() {
        login(owner);
        navigate("audit");
        AuditLogView view = _get(AuditLogView.class);
        List<AuditEvent> rows = GridKt._findAll(view.grid);
        assertThat(rows)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.workspaceId()).isEqualTo(ownWorkspace));
        assertThat(rows).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("member.add");
            assertThat(e.actor()).isEqualTo(owner);
            assertThat(e.source()).isEqualTo(AuditSource.UI);
            assertThat(e.details()).contains(member);
        });
        assertThat(view.total.getText()).isEqualTo(rows.size() == 1 ? "1 event" : rows.size() + " events");
        assertThat(navItems()).contains("Audit log");
    }

    @Test
    void filters_narrow_the_list_and_a_reversed_time_range_is_refused_on_the_field() {
        login("admin");
        navigate("audit?workspace=" + ownWorkspace);
        AuditLogView view = _get(AuditLogView.class);
        assertThat(view.workspace.getValue().id()).isEqualTo(ownWorkspace);

        HasValueUtilsKt._setValue(view.action, "member");
        assertThat(GridKt._findAll(view.grid))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.action()).startsWith("member."));
        HasValueUtilsKt._setValue(view.action, "workspace");
        assertThat(GridKt._findAll(view.grid)).extracting(AuditEvent::action).containsOnly("workspace.create");
        HasValueUtilsKt._setValue(view.source, AuditSource.SYSTEM);
        assertThat(GridKt._findAll(view.grid)).extracting(AuditEvent::actor).containsOnly("system");
        HasValueUtilsKt._setValue(view.actor, owner);
        assertThat(GridKt._findAll(view.grid)).isEmpty();
        assertThat(view.total.getText()).isEqualTo("0 events");

        view.clear.click();
        assertThat(view.workspace.getValue()).isNull();
        LocalDateTime inAnHour = LocalDateTime.now(ZoneOffset.UTC).plusHours(1);
        HasValueUtilsKt._setValue(view.from, inAnHour);
        HasValueUtilsKt._setValue(view.to, inAnHour.minusDays(1));
        assertThat(view.to.isInvalid()).isTrue();
        assertThat(view.to.getErrorMessage()).isEqualTo("Must be after 'from'");
        assertThat(GridKt._findAll(view.grid)).isEmpty();
        HasValueUtilsKt._setValue(view.to, null);
        assertThat(view.to.isInvalid()).isFalse();
        assertThat(GridKt._findAll(view.grid))
                .as("nothing happens in the future")
                .isEmpty();
    }

    @Test
    void admins_see_console_wide_events_and_every_workspace() {
        ActAs.run(userDetails, "admin", () -> {
            List<AuditEvent> userEvents = trail.search(new AuditFilter(null, null, "user", null, null, null), 0, 50)
                    .getContent();
            assertThat(userEvents)
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e.workspaceId()).isNull());
            Instant hourAgo = Instant.now().minus(1, ChronoUnit.HOURS);
            assertThat(trail.search(new AuditFilter(ownWorkspace, owner, null, AuditSource.UI, hourAgo, null), 0, 50)
                            .getContent())
                    .extracting(AuditEvent::action)
                    .containsExactly("member.add");
            assertThat(trail.search(new AuditFilter(ownWorkspace, null, null, null, null, hourAgo), 0, 50)
                            .getTotalElements())
                    .isZero();
        });
        // The owner's reading leaves console-wide events out even without a workspace filter.
        ActAs.run(
                userDetails,
                owner,
                () -> assertThat(trail.search(new AuditFilter(null, null, "user", null, null, null), 0, 50)
                                .getContent())
                        .isEmpty());
    }

    @Test
    void editors_and_viewers_are_refused_and_another_workspace_reads_as_not_found() {
        login("editor");
        navigate("audit");
        _get(AccessDeniedView.class);
        _assertNone(AuditLogView.class);
        assertThat(navItems()).doesNotContain("Audit log");
        ActAs.run(
                userDetails,
                "viewer",
                () -> assertThatThrownBy(() -> trail.search(AuditFilter.everything(), 0, 10))
                        .isInstanceOf(AccessDeniedException.class));

        login(owner);
        navigate("audit?workspace=" + demo.workspaceId());
        _get(NotFoundView.class);
        navigate("audit?workspace=abc");
        _get(NotFoundView.class);
        ActAs.run(
                userDetails,
                owner,
                () -> assertThatThrownBy(() -> trail.search(AuditFilter.everything(), 0, 0))
                        .isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("size"));
    }

    private static List<String> navItems() {
        return com.github.mvysny.kaributesting.v10.LocatorJ._find(SideNavItem.class).stream()
                .map(SideNavItem::getLabel)
                .toList();
    }

    @SuppressWarnings("unused")
    private static UI ui() {
        return UI.getCurrent();
    }
}
