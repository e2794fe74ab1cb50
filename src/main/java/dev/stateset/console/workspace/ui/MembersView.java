package dev.stateset.console.workspace.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ui.Breadcrumbs;
import dev.stateset.console.base.ui.ConfirmAction;
import dev.stateset.console.base.ui.FieldErrorDisplay;
import dev.stateset.console.base.ui.MainLayout;
import dev.stateset.console.base.ui.Notifications;
import dev.stateset.console.workspace.Member;
import dev.stateset.console.workspace.WorkspaceDetails;
import dev.stateset.console.workspace.WorkspaceRole;
import dev.stateset.console.workspace.WorkspaceService;
import jakarta.annotation.security.PermitAll;

/** Members of one workspace and their roles; for the workspace's OWNERs and admins. */
@Route(value = "workspaces/:workspaceId/members", layout = MainLayout.class)
@PageTitle("Members · Stateset Console")
@PermitAll
public class MembersView extends VerticalLayout implements BeforeEnterObserver {

    final Grid<Member> grid = new Grid<>(Member.class, false);
    final TextField username = new TextField("Username");
    final Select<WorkspaceRole> role = new Select<>();
    final Button add = new Button("Add member", VaadinIcon.PLUS.create());
    private final WorkspaceService workspaces;
    private long workspaceId;

    MembersView(WorkspaceService workspaces) {
        this.workspaces = workspaces;
        addClassName("members-view");
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        WorkspaceDetails workspace = WorkspaceRoute.requireRole(event, workspaces, WorkspaceRole.OWNER);
        workspaceId = workspace.id();
        removeAll();
        add(
                new Breadcrumbs()
                        .link("Workspaces", "")
                        .link(workspace.name(), "workspaces/" + workspaceId + "/jobs")
                        .current("Members"),
                new H1("Members of " + workspace.name()),
                addForm(),
                grid);
        configureGrid();
        refresh();
    }

    private HorizontalLayout addForm() {
        username.setId("member-username");
        role.setLabel("Role");
        role.setId("member-role");
        role.setItems(WorkspaceRole.values());
        role.setValue(WorkspaceRole.VIEWER);
        add.setId("add-member");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FieldErrorDisplay errors =
                new FieldErrorDisplay().bind("username", username).bind("role", role);
        add.addClickListener(e -> {
            try {
                Member added = workspaces.addMember(workspaceId, username.getValue(), role.getValue());
                errors.clear();
                username.clear();
                Notifications.success(added.username() + " added as " + added.role());
                refresh();
            } catch (InvalidInputException ex) {
                errors.show(ex);
            }
        });
        HorizontalLayout form = new HorizontalLayout(username, role, add);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        return form;
    }

    private void configureGrid() {
        grid.removeAllColumns();
        grid.setId("members-grid");
        grid.addColumn(Member::username).setHeader("Username").setSortable(true);
        grid.addColumn(Member::displayName).setHeader("Name");
        grid.addColumn(Member::role).setKey("effective").setHeader("Role").setAutoWidth(true);
        grid.addComponentColumn(this::roleSelect).setKey("role").setHeader("Granted here");
        // Roles from the identity provider's groups follow the group at each sign-in: changed there, not here.
        grid.addColumn(m -> m.groupRole() == null ? "" : m.groupRole() + " through group " + m.viaGroups())
                .setKey("groups")
                .setHeader("From groups");
        grid.addComponentColumn(this::removeButton)
                .setKey("remove")
                .setHeader("Remove")
                .setFlexGrow(0)
                .setAutoWidth(true);
    }

    private Select<WorkspaceRole> roleSelect(Member member) {
        Select<WorkspaceRole> select = new Select<>();
        select.setItems(WorkspaceRole.values());
        select.setEmptySelectionAllowed(member.directRole() == null);
        select.setEmptySelectionCaption("— (groups only)");
        select.setValue(member.directRole());
        select.setAriaLabel("Role of " + member.username());
        select.addClassName("member-role-select");
        select.addValueChangeListener(e -> {
            if (!e.isFromClient() || e.getValue() == null) {
                return;
            }
            ConfirmAction.ask(
                    "Change role?",
                    e.getOldValue() == null
                            ? "Grant " + member.username() + " " + e.getValue()
                                    + " here, besides what their groups give?"
                            : "Change " + member.username() + " from " + e.getOldValue() + " to " + e.getValue() + "?",
                    "Change role",
                    () -> {
                        workspaces.changeRole(workspaceId, member.userId(), e.getValue());
                        Notifications.success(member.username() + " is now " + e.getValue());
                        refresh();
                    },
                    () -> select.setValue(e.getOldValue()));
        });
        return select;
    }

    private Button removeButton(Member member) {
        Button remove = new Button("Remove", VaadinIcon.TRASH.create());
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        remove.addClassName("remove-member");
        if (member.directRole() == null) {
            remove.setEnabled(false);
            remove.setTooltipText("Their role comes from group " + member.viaGroups()
                    + ": remove them from the group at the identity provider, or change the group's mapping");
        }
        remove.addClickListener(e -> ConfirmAction.ask(
                "Remove member?",
                member.groupRole() == null
                        ? "Remove " + member.username() + " from this workspace? They lose access at once."
                        : "Take back the role granted here? " + member.username() + " stays " + member.groupRole()
                                + " through group " + member.viaGroups() + ".",
                "Remove",
                () -> {
                    workspaces.removeMember(workspaceId, member.userId());
                    Notifications.success(member.username() + " removed");
                    refresh();
                },
                () -> {}));
        return remove;
    }

    void refresh() {
        grid.setItems(workspaces.members(workspaceId));
    }
}
