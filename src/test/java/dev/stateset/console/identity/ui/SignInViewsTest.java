package dev.stateset.console.identity.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.HasValueUtilsKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Paragraph;
import dev.stateset.console.identity.ExternalSignIn;
import dev.stateset.console.identity.GroupMapping;
import dev.stateset.console.identity.ldap.LdapDirectory;
import dev.stateset.console.job.JobService;
import dev.stateset.console.security.ConsoleUserDetails;
import dev.stateset.console.security.ExternalAccounts;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.KaribuViewTest;
import dev.stateset.console.support.TeamDirectory;
import dev.stateset.console.workspace.Member;
import dev.stateset.console.workspace.WorkspaceRole;
import dev.stateset.console.workspace.WorkspaceService;
import dev.stateset.console.workspace.ui.MembersView;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The admin's sign-in page (groups mapped to roles), a user's page (each role and where it comes from) and a
 * workspace's members (a group's role cannot be removed there), browserless.
 */
class SignInViewsTest extends KaribuViewTest {

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    ExternalSignIn signIn;

    @Test
    void the_login_page_names_the_directory_and_says_why_someone_it_vouched_for_was_refused() {
        navigate("login");
        assertThat(_get(Paragraph.class, s -> s.withId("directory-hint")).getText())
                .isEqualTo("Your Test directory name and password, or a console user's:");

        assertThat(loginFormAfter(new dev.stateset.console.security.SignInRefusedException(
                        "None of your groups gives you a role in the console (yours: interns)")))
                .contains("(yours: interns)");
        // The directory did not answer: the form does not blame the password.
        assertThat(loginFormAfter(
                        new org.springframework.security.authentication.InternalAuthenticationServiceException(
                                "The directory cannot check passwords right now: try again shortly")))
                .contains("Cannot sign in right now", "cannot check passwords right now")
                .doesNotContain("Incorrect username or password");

        // "Sign in with …" a provider that cannot be read yet (down since the start): the page says so.
        com.vaadin.flow.server.VaadinSession.getCurrent()
                .getSession()
                .setAttribute(
                        org.springframework.security.web.WebAttributes.AUTHENTICATION_EXCEPTION,
                        new org.springframework.security.oauth2.core.OAuth2AuthenticationException(
                                new org.springframework.security.oauth2.core.OAuth2Error(
                                        "provider_unavailable",
                                        "Company SSO cannot be reached right now: try again shortly",
                                        null)));
        navigate("login?error");
        assertThat(_get(Paragraph.class, s -> s.withId("sign-in-refused")).getText())
                .isEqualTo("Company SSO cannot be reached right now: try again shortly");
    }

    /** The login form's texts after a sign-in failed with this exception (kept in the session by Spring Security). */
    private String loginFormAfter(org.springframework.security.core.AuthenticationException failure) {
        com.vaadin.flow.server.VaadinSession.getCurrent()
                .getSession()
                .setAttribute(org.springframework.security.web.WebAttributes.AUTHENTICATION_EXCEPTION, failure);
        navigate("login?error");
        com.vaadin.flow.component.login.LoginForm form = _get(com.vaadin.flow.component.login.LoginForm.class);
        assertThat(form.isError()).isTrue();
        return String.valueOf(form.getElement().getPropertyRaw("i18n"));
    }

    @Test
    void an_admin_maps_a_directory_group_to_a_workspace_role_and_removes_the_mapping() {
        login("editor");
        navigate("admin/sign-in");
        _assertNone(SignInSettingsView.class);

        login("admin");
        navigate("admin/sign-in");
        SignInSettingsView view = _get(SignInSettingsView.class);
        assertThat(_get(Paragraph.class, s -> s.withId("sign-in-methods")).getText())
                .contains("Test directory (directory, ldap)");
        ButtonKt._click(view.add);
        assertThat(view.group.isInvalid()).as("a group is required").isTrue();

        String group = "analysts-" + UUID.randomUUID().toString().substring(0, 6);
        Demo demo = Demo.find(workspaces, jobs);
        HasValueUtilsKt._setValue(view.group, group);
        view.target.setValue(view.target
                .getListDataView()
                .getItems()
                .filter(t -> t.workspaceId() != null && t.workspaceId() == demo.workspaceId())
                .findFirst()
                .orElseThrow());
        view.role.setValue(WorkspaceRole.EDITOR);
        ButtonKt._click(view.add);
        List<GroupMapping> rows = GridKt._findAll(view.mappings);
        GroupMapping added =
                rows.stream().filter(m -> m.group().equals(group)).findFirst().orElseThrow();
        assertThat(added.provider()).isEqualTo(LdapDirectory.ORIGIN);
        assertThat(added.grants()).startsWith("EDITOR in ");

        ButtonKt._click((Button) GridKt._getCellComponent(view.mappings, rows.indexOf(added), "remove"));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));
        assertThat(GridKt._findAll(view.mappings)).noneMatch(m -> m.group().equals(group));
    }

    @Test
    void a_users_page_and_the_members_page_say_which_role_comes_from_which_group() {
        // A workspace of its own: other tests count the demo workspace's members.
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        long workspace = SystemIdentity.call(() -> workspaces
                .create(new dev.stateset.console.workspace.WorkspaceDraft("groups-" + suffix, "", "UTC"))
                .id());
        String group = "operators-" + suffix;
        SystemIdentity.run(() -> _mappings().add(LdapDirectory.ORIGIN, group, workspace, WorkspaceRole.VIEWER));
        String uid = "lena-" + UUID.randomUUID().toString().substring(0, 6);
        ConsoleUserDetails lena = signIn.signIn(
                new ExternalAccounts.Identity(LdapDirectory.ORIGIN, TeamDirectory.dn(uid), uid, "Lena Tester"),
                List.of(group, "unrelated"));

        login("admin");
        navigate("admin/users/" + lena.id());
        UserRolesView page = _get(UserRolesView.class);
        assertThat(_get(Paragraph.class, s -> s.withId("user-origin")).getText())
                .contains("Signs in through ldap")
                .contains(group + ", unrelated");
        assertThat(_get(Paragraph.class, s -> s.withId("user-admin")).getText()).isEqualTo("Not a system admin.");
        assertThat(GridKt._findAll(page.memberships)).singleElement().satisfies(m -> {
            assertThat(m.role()).isEqualTo(WorkspaceRole.VIEWER);
            assertThat(m.source()).isEqualTo("group " + group);
        });

        navigate("workspaces/" + workspace + "/members");
        _get(MembersView.class);
        @SuppressWarnings("unchecked")
        com.vaadin.flow.component.grid.Grid<Member> grid =
                _get(com.vaadin.flow.component.grid.Grid.class, s -> s.withId("members-grid"));
        List<Member> rows = GridKt._findAll(grid);
        Member row =
                rows.stream().filter(m -> m.username().equals(uid)).findFirst().orElseThrow();
        assertThat(row.groupRole()).isEqualTo(WorkspaceRole.VIEWER);
        Button remove = (Button) GridKt._getCellComponent(grid, rows.indexOf(row), "remove");
        assertThat(remove.isEnabled())
                .as("a group's role is changed at the provider")
                .isFalse();
        assertThat(remove.getTooltip().getText()).contains("comes from group " + group);
    }

    private dev.stateset.console.identity.GroupMappingService _mappings() {
        return context.getBean(dev.stateset.console.identity.GroupMappingService.class);
    }
}
