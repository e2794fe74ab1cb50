package dev.stateset.console.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ui.Breadcrumbs;
import dev.stateset.console.base.ui.FieldErrorDisplay;
import dev.stateset.console.base.ui.MainLayout;
import dev.stateset.console.base.ui.Notifications;
import dev.stateset.console.security.PasswordPolicy;
import dev.stateset.console.security.UserService;
import jakarta.annotation.security.PermitAll;

/** The user's own profile: change password (API tokens join it in a later stage). */
@Route(value = "profile", layout = MainLayout.class)
@PageTitle("Profile · Stateset Console")
@PermitAll
public class ProfileView extends VerticalLayout {

    final PasswordField current = new PasswordField("Current password");
    final PasswordField next = new PasswordField("New password");
    final Button save = new Button("Change password");

    ProfileView(UserService users) {
        addClassName("profile-view");
        next.setHelperText("At least " + PasswordPolicy.MIN_LENGTH + " characters");
        FieldErrorDisplay errors = new FieldErrorDisplay().bind("currentPassword", current).bind("newPassword", next);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> {
            try {
                users.changeOwnPassword(current.getValue(), next.getValue());
                errors.clear();
                current.clear();
                next.clear();
                Notifications.success("Password changed");
            } catch (InvalidInputException ex) {
                errors.show(ex);
            }
        });
        FormLayout form = new FormLayout(current, next);
        form.setMaxWidth("40em");
        add(new Breadcrumbs().current("Profile"), new H2("Change password"), form, save);
    }
}
