package dev.stateset.console.identity.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.stateset.console.base.ResourceNotFoundException;
import dev.stateset.console.base.ui.Breadcrumbs;
import dev.stateset.console.base.ui.Formats;
import dev.stateset.console.base.ui.MainLayout;
import dev.stateset.console.security.ConsoleUserDetails;
import dev.stateset.console.security.UserService;
import dev.stateset.console.security.UserSummary;
import dev.stateset.console.workspace.Membership;
import dev.stateset.console.workspace.WorkspaceService;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;

/** One user's page, for system admins: every role they hold and where each comes from (granted here, or a group). */
@Route(value = "admin/users/:userId", layout = MainLayout.class)
@PageTitle("User · Stateset Console")
@RolesAllowed(ConsoleUserDetails.ROLE_ADMIN)
public class UserRolesView extends VerticalLayout implements BeforeEnterObserver {

    final Grid<Membership> memberships = new Grid<>(Membership.class, false);
    private final UserService users;
    private final WorkspaceService workspaces;

    UserRolesView(UserService users, WorkspaceService workspaces) {
        this.users = users;
        this.workspaces = workspaces;
        addClassName("user-roles-view");
        setSizeFull();
        memberships.setId("user-memberships");
        memberships.addColumn(Membership::workspaceName).setHeader("Workspace");
        memberships.addColumn(Membership::role).setHeader("Role").setAutoWidth(true);
        memberships.addColumn(Membership::source).setHeader("From");
        memberships.setEmptyStateText("Member of no workspace.");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long userId;
        UserSummary user;
        try {
            userId = Long.parseLong(event.getRouteParameters().get("userId").orElse(""));
            user = users.get(userId);
        } catch (NumberFormatException | ResourceNotFoundException e) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, "No such user");
            return;
        }
        removeAll();
        Paragraph origin = new Paragraph(
                user.local()
                        ? "Signs in with a password kept by the console."
                        : "Signs in through " + user.origin() + ". Groups at the last sign-in or re-check"
                                + (user.groupsCheckedAt() == null
                                        ? ""
                                        : " (" + Formats.dateTime(user.groupsCheckedAt(), ZoneOffset.UTC) + ")")
                                + ": "
                                + (user.externalGroups() == null
                                                || user.externalGroups().isEmpty()
                                        ? "none"
                                        : user.externalGroups())
                                + ".");
        origin.setId("user-origin");
        Paragraph admin =
                new Paragraph(user.admin() ? "System admin: " + user.adminSource() + "." : "Not a system admin.");
        admin.setId("user-admin");
        memberships.setItems(workspaces.membershipsOf(userId));
        add(
                new Breadcrumbs().link("Users", "admin/users").current(user.username()),
                new H1(user.displayName() + " (" + user.username() + ")"),
                origin,
                admin,
                memberships);
    }
}
