package dev.stateset.console.identity.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ui.Breadcrumbs;
import dev.stateset.console.base.ui.ConfirmAction;
import dev.stateset.console.base.ui.FieldErrorDisplay;
import dev.stateset.console.base.ui.MainLayout;
import dev.stateset.console.base.ui.Notifications;
import dev.stateset.console.identity.GroupMapping;
import dev.stateset.console.identity.GroupMappingService;
import dev.stateset.console.security.ConsoleUserDetails;
import dev.stateset.console.security.ExternalLoginMethod;
import dev.stateset.console.security.LoginPolicy;
import dev.stateset.console.workspace.WorkspaceRole;
import dev.stateset.console.workspace.WorkspaceService;
import dev.stateset.console.workspace.WorkspaceSummary;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;

/**
 * How people sign in, for system admins: the configured providers and directory, whether console passwords are
 * accepted, and which groups give which roles.
 */
@Route(value = "admin/sign-in", layout = MainLayout.class)
@PageTitle("Sign-in · Stateset Console")
@RolesAllowed(ConsoleUserDetails.ROLE_ADMIN)
public class SignInSettingsView extends VerticalLayout {

    /** A mapping's target: system admin, or a workspace. */
    record Target(Long workspaceId, String name) {}

    static final Target SYSTEM_ADMIN = new Target(null, "System admin (every workspace)");

    final Grid<GroupMapping> mappings = new Grid<>(GroupMapping.class, false);
    final Select<ExternalLoginMethod> provider = new Select<>();
    final TextField group = new TextField("Group");
    final Select<Target> target = new Select<>();
    final Select<WorkspaceRole> role = new Select<>();
    final Button add = new Button("Map group", VaadinIcon.PLUS.create());
    final Checkbox localPasswords = new Checkbox("Console users may sign in with a password");
    private final GroupMappingService service;
    private final LoginPolicy logins;

    SignInSettingsView(
            GroupMappingService service,
            LoginPolicy logins,
            WorkspaceService workspaces,
            @Value("${stateset.security.session-recheck-interval:5m}") Duration recheck) {
        this.service = service;
        this.logins = logins;
        addClassName("sign-in-settings-view");
        setSizeFull();
        List<ExternalLoginMethod> methods = logins.externalMethods();
        Paragraph ways = new Paragraph(
                methods.isEmpty()
                        ? "No single sign-on provider or directory is configured: people sign in with console passwords only"
                                + " (README, \"Single sign-on\")."
                        : "Ways in besides console passwords: "
                                + String.join(
                                        ", ",
                                        methods.stream()
                                                .map(m -> m.label() + " ("
                                                        + (m.startPath() == null ? "directory" : "single sign-on")
                                                        + ", " + m.origin() + ")")
                                                .toList())
                                + ".");
        ways.setId("sign-in-methods");

        localPasswords.setId("local-password-login");
        localPasswords.setValue(logins.localPasswordLoginSetting());
        localPasswords.setHelperText(
                logins.breakGlass()
                        ? "Accepted now whatever this says: stateset.security.local-login-break-glass is set"
                        : "Turn off once everyone signs in through single sign-on or the directory; the break-glass setting"
                                + " stateset.security.local-login-break-glass turns passwords back on from the environment.");
        localPasswords.addValueChangeListener(e -> {
            if (!e.isFromClient()) {
                return;
            }
            ConfirmAction.ask(
                    e.getValue() ? "Accept console passwords?" : "Refuse console passwords?",
                    e.getValue()
                            ? "Console users may sign in with their password again."
                            : "Console users can no longer sign in with a password (signed-in sessions stay until they"
                                    + " end). Everyone must sign in through single sign-on or the directory.",
                    e.getValue() ? "Accept" : "Refuse",
                    () -> {
                        try {
                            logins.setLocalPasswordLogin(e.getValue());
                            Notifications.success("Saved");
                        } catch (InvalidInputException ex) {
                            Notifications.error(
                                    String.join("; ", ex.fieldErrors().values()));
                            localPasswords.setValue(e.getOldValue());
                        }
                    },
                    () -> localPasswords.setValue(e.getOldValue()));
        });

        provider.setLabel("Provider");
        provider.setId("mapping-provider");
        provider.setItems(methods);
        provider.setItemLabelGenerator(m -> m.label() + " (" + m.origin() + ")");
        if (!methods.isEmpty()) {
            provider.setValue(methods.get(0));
        }
        group.setId("mapping-group");
        group.setHelperText("As the provider names it: the groups claim, or the directory group's cn");
        List<Target> targets = new ArrayList<>();
        targets.add(SYSTEM_ADMIN);
        for (WorkspaceSummary w : workspaces.listMine()) {
            targets.add(new Target(w.id(), w.name()));
        }
        target.setLabel("Gives");
        target.setId("mapping-target");
        target.setItems(targets);
        target.setItemLabelGenerator(Target::name);
        target.setValue(targets.size() > 1 ? targets.get(1) : SYSTEM_ADMIN);
        role.setLabel("Role");
        role.setId("mapping-role");
        role.setItems(WorkspaceRole.values());
        role.setValue(WorkspaceRole.VIEWER);
        role.setEnabled(target.getValue().workspaceId() != null);
        target.addValueChangeListener(
                e -> role.setEnabled(e.getValue() != null && e.getValue().workspaceId() != null));
        add.setId("add-mapping");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setEnabled(!methods.isEmpty());
        FieldErrorDisplay errors = new FieldErrorDisplay()
                .bind("provider", provider)
                .bind("group", group)
                .bind("workspace", target)
                .bind("role", role);
        add.addClickListener(e -> {
            try {
                Target to = target.getValue() == null ? SYSTEM_ADMIN : target.getValue();
                GroupMapping added = service.add(
                        provider.getValue() == null ? null : provider.getValue().origin(),
                        group.getValue(),
                        to.workspaceId(),
                        to.workspaceId() == null ? null : role.getValue());
                errors.clear();
                group.clear();
                Notifications.success(
                        "Members of " + added.group() + " get " + added.grants() + " at their next sign-in");
                refresh();
            } catch (InvalidInputException ex) {
                errors.show(ex);
            }
        });
        HorizontalLayout form = new HorizontalLayout(provider, group, target, role, add);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);

        mappings.setId("group-mappings");
        mappings.addColumn(GroupMapping::provider).setHeader("Provider").setAutoWidth(true);
        mappings.addColumn(GroupMapping::group).setHeader("Group");
        mappings.addColumn(GroupMapping::grants).setHeader("Gives");
        mappings.addComponentColumn(this::removeButton)
                .setKey("remove")
                .setHeader("Remove")
                .setAutoWidth(true)
                .setFlexGrow(0);
        mappings.setEmptyStateText("No group gives a role yet.");

        Paragraph timing = new Paragraph("Roles follow the groups at each sign-in, and during a session at the user's"
                + " next request after " + recheck.toMinutes() + " min" + (recheck.toMinutes() == 1 ? "" : "s")
                + " (stateset.security.session-recheck-interval); a role granted in the console stays beside them."
                + " Someone no group gives a role, and who holds none in the console, cannot sign in.");
        add(
                new Breadcrumbs().current("Sign-in"),
                new H1("Sign-in"),
                ways,
                localPasswords,
                new H2("Groups and roles"),
                timing,
                form,
                mappings);
        refresh();
    }

    private Button removeButton(GroupMapping mapping) {
        Button remove = new Button("Remove", VaadinIcon.TRASH.create());
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        remove.addClassName("remove-mapping");
        remove.addClickListener(e -> ConfirmAction.ask(
                "Remove mapping?",
                "Members of " + mapping.group() + " lose " + mapping.grants()
                        + " at their next sign-in or session re-check, unless another group or a grant here gives it.",
                "Remove",
                () -> {
                    service.remove(mapping.id());
                    Notifications.success("Mapping removed");
                    refresh();
                },
                () -> {}));
        return remove;
    }

    void refresh() {
        mappings.setItems(service.list());
    }
}
