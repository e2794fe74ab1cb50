package dev.stateset.console.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ui.Breadcrumbs;
import dev.stateset.console.base.ui.ConfirmAction;
import dev.stateset.console.base.ui.FieldErrorDisplay;
import dev.stateset.console.base.ui.MainLayout;
import dev.stateset.console.base.ui.Notifications;
import dev.stateset.console.security.ConsoleUserDetails;
import dev.stateset.console.security.LoginPolicy;
import dev.stateset.console.security.NewUser;
import dev.stateset.console.security.PasswordPolicy;
import dev.stateset.console.security.UserService;
import dev.stateset.console.security.UserSummary;
import jakarta.annotation.security.RolesAllowed;
import java.util.HashMap;
import java.util.Map;

/** System admins manage console users: create, enable/disable, grant admin, reset a password. */
@Route(value = "admin/users", layout = MainLayout.class)
@PageTitle("Users · Stateset Console")
@RolesAllowed(ConsoleUserDetails.ROLE_ADMIN)
public class UsersView extends VerticalLayout {

    final Grid<UserSummary> grid = new Grid<>(UserSummary.class, false);
    final Button create = new Button("New user", VaadinIcon.PLUS.create());
    private final UserService users;

    private final Map<String, String> methodLabels = new HashMap<>();

    UsersView(UserService users, LoginPolicy logins) {
        this.users = users;
        logins.externalMethods().forEach(m -> methodLabels.put(m.origin(), m.label()));
        addClassName("users-view");
        setSizeFull();
        create.setId("create-user");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> openCreateDialog());
        HorizontalLayout header = new HorizontalLayout(new H1("Users"), create);
        header.setWidthFull();
        header.setJustifyContentMode(JustifyContentMode.BETWEEN);
        header.setAlignItems(Alignment.CENTER);

        grid.setId("users-grid");
        // The username opens the user's page: every role they hold and where it comes from.
        grid.addComponentColumn(u -> {
                    Anchor link = new Anchor("admin/users/" + u.id(), u.username());
                    link.addClassName("user-link");
                    return link;
                })
                .setHeader("Username")
                .setComparator(UserSummary::username)
                .setSortable(true);
        grid.addColumn(UserSummary::displayName).setHeader("Name");
        grid.addColumn(this::signsInWith).setHeader("Signs in with").setAutoWidth(true);
        grid.addComponentColumn(this::adminBox).setHeader("Admin").setAutoWidth(true);
        grid.addComponentColumn(this::enabledBox).setHeader("Enabled").setAutoWidth(true);
        grid.addComponentColumn(this::resetPasswordButton)
                .setHeader("Password")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.setSizeFull();
        add(new Breadcrumbs().current("Users"), header, grid);
        refresh();
    }

    void refresh() {
        grid.setItems(users.list());
    }

    private String signsInWith(UserSummary user) {
        return user.local() ? "Password" : methodLabels.getOrDefault(user.origin(), user.origin());
    }

    /** The direct grant, which the box changes; a group's admin role shows beside it (it follows the group). */
    private com.vaadin.flow.component.Component adminBox(UserSummary user) {
        Checkbox box = new Checkbox(user.adminDirect());
        box.setAriaLabel("Admin: " + user.username());
        box.addValueChangeListener(e -> {
            if (!e.isFromClient()) {
                return;
            }
            ConfirmAction.ask(
                    e.getValue() ? "Grant admin?" : "Revoke admin?",
                    (e.getValue()
                            ? "Make " + user.username() + " a system admin (full access to every workspace)?"
                            : "Take the admin role from " + user.username() + "?"),
                    e.getValue() ? "Grant" : "Revoke",
                    () -> apply(() -> users.setAdmin(user.id(), e.getValue())),
                    this::refresh);
        });
        if (user.adminGroups() == null) {
            return box;
        }
        Span fromGroup = new Span("through group " + user.adminGroups());
        fromGroup.addClassName("admin-from-group");
        HorizontalLayout both = new HorizontalLayout(box, fromGroup);
        both.setAlignItems(Alignment.CENTER);
        return both;
    }

    private Checkbox enabledBox(UserSummary user) {
        Checkbox box = new Checkbox(user.enabled());
        box.setAriaLabel("Enabled: " + user.username());
        box.addValueChangeListener(e -> {
            if (!e.isFromClient()) {
                return;
            }
            ConfirmAction.ask(
                    e.getValue() ? "Enable user?" : "Disable user?",
                    e.getValue()
                            ? "Let " + user.username() + " log in again?"
                            : user.username() + " will no longer be able to log in.",
                    e.getValue() ? "Enable" : "Disable",
                    () -> apply(() -> users.setEnabled(user.id(), e.getValue())),
                    this::refresh);
        });
        return box;
    }

    private void apply(Runnable change) {
        try {
            change.run();
            Notifications.success("Saved");
        } catch (InvalidInputException ex) {
            Notifications.error(String.join("; ", ex.fieldErrors().values()));
        }
        refresh();
    }

    private com.vaadin.flow.component.Component resetPasswordButton(UserSummary user) {
        if (!user.local()) {
            return new Span("at " + signsInWith(user)); // the console keeps no password of theirs
        }
        Button reset = new Button("Reset password", e -> {
            Dialog dialog = new Dialog();
            dialog.setHeaderTitle("New password for " + user.username());
            PasswordField password = new PasswordField("New password");
            password.setHelperText("At least " + PasswordPolicy.MIN_LENGTH + " characters");
            FieldErrorDisplay errors = new FieldErrorDisplay().bind("password", password);
            dialog.add(password);
            Button save = new Button("Set password", click -> {
                try {
                    users.resetPassword(user.id(), password.getValue());
                    Notifications.success("Password of " + user.username() + " changed");
                    dialog.close();
                } catch (InvalidInputException ex) {
                    errors.show(ex);
                }
            });
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), save);
            dialog.open();
        });
        reset.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return reset;
    }

    private void openCreateDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New user");
        TextField username = new TextField("Username");
        username.setId("new-username");
        TextField displayName = new TextField("Display name");
        PasswordField password = new PasswordField("Password");
        password.setId("new-password");
        password.setHelperText("At least " + PasswordPolicy.MIN_LENGTH + " characters");
        Checkbox admin = new Checkbox("System admin");
        FieldErrorDisplay errors = new FieldErrorDisplay()
                .bind("username", username)
                .bind("displayName", displayName)
                .bind("password", password);
        dialog.add(new FormLayout(username, displayName, password, admin));
        Button save = new Button("Create", e -> {
            try {
                users.create(new NewUser(
                        username.getValue(), displayName.getValue(), password.getValue(), admin.getValue()));
                Notifications.success("User " + username.getValue().strip() + " created");
                dialog.close();
                refresh();
            } catch (InvalidInputException ex) {
                errors.show(ex);
            }
        });
        save.setId("save-user");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }
}
