package dev.stateset.console.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.TimeDisplay;
import dev.stateset.console.base.ui.Breadcrumbs;
import dev.stateset.console.base.ui.ConfirmAction;
import dev.stateset.console.base.ui.DisplayZone;
import dev.stateset.console.base.ui.FieldErrorDisplay;
import dev.stateset.console.base.ui.Formats;
import dev.stateset.console.base.ui.MainLayout;
import dev.stateset.console.base.ui.Notifications;
import dev.stateset.console.base.ui.NumberFields;
import dev.stateset.console.security.ApiToken;
import dev.stateset.console.security.ApiTokenService;
import dev.stateset.console.security.PasswordPolicy;
import dev.stateset.console.security.UserService;
import dev.stateset.console.security.UserSummary;
import jakarta.annotation.security.PermitAll;

/** The user's own profile: password, the clock times are shown on, API tokens. */
@Route(value = "profile", layout = MainLayout.class)
@PageTitle("Profile · Stateset Console")
@PermitAll
public class ProfileView extends VerticalLayout {

    final PasswordField current = new PasswordField("Current password");
    final PasswordField next = new PasswordField("New password");
    final Button save = new Button("Change password");

    final TextField tokenName = new TextField("Token name");
    final IntegerField tokenDays = new IntegerField("Valid for (days)");
    final Button createToken = new Button("Create token");
    final RadioButtonGroup<TimeDisplay> timeDisplay = new RadioButtonGroup<>();
    final Grid<ApiToken> tokens = new Grid<>(ApiToken.class, false);
    private final ApiTokenService tokenService;

    ProfileView(UserService users, ApiTokenService tokenService) {
        this.tokenService = tokenService;
        addClassName("profile-view");
        next.setHelperText("At least " + PasswordPolicy.MIN_LENGTH + " characters");
        FieldErrorDisplay errors =
                new FieldErrorDisplay().bind("currentPassword", current).bind("newPassword", next);
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
        add(new Breadcrumbs().current("Profile"), new H1("Profile"));
        UserSummary me = users.me();
        if (me.local()) {
            add(new H2("Change password"), form, save);
        } else {
            // Their password is the provider's or the directory's: nothing to change here. Their tokens work the same.
            Paragraph signIn = new Paragraph("You sign in through " + me.origin() + "; your roles follow your groups"
                    + (me.externalGroups() == null || me.externalGroups().isEmpty()
                            ? ""
                            : " (" + me.externalGroups() + ")")
                    + ". Your API tokens carry your roles and stop working once you have none left (as found at a"
                    + " sign-in or a re-check).");
            signIn.setId("profile-sign-in");
            add(new H2("Sign-in"), signIn);
        }
        add(new H2("Times"), timeSection(users), new H2("API tokens"), tokenSection());
        refreshTokens();
    }

    /** The clock this user reads times on; applies at once to every page of this session. */
    private RadioButtonGroup<TimeDisplay> timeSection(UserService users) {
        timeDisplay.setId("time-display");
        timeDisplay.setLabel("Show times in");
        timeDisplay.setItems(TimeDisplay.values());
        String browser =
                DisplayZone.browserZone().map(z -> " (" + z.getId() + ")").orElse("");
        timeDisplay.setItemLabelGenerator(choice -> switch (choice) {
            case WORKSPACE -> "Each workspace's time zone (UTC on pages about no single workspace)";
            case UTC -> "UTC everywhere";
            case BROWSER -> "My browser's time zone" + browser;
        });
        timeDisplay.setValue(users.timeDisplay());
        timeDisplay.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                users.setTimeDisplay(e.getValue());
                DisplayZone.choose(VaadinSession.getCurrent(), e.getValue());
                refreshTokens();
                Notifications.success(
                        "Times now show in " + DisplayZone.resolve(null).getId()
                                + (e.getValue() == TimeDisplay.WORKSPACE
                                        ? " here and in each workspace's zone on its pages"
                                        : " on every page"));
            }
        });
        return timeDisplay;
    }

    /** Personal tokens for scripts: {@code Authorization: Bearer <token>}, with this user's roles and no more. */
    private VerticalLayout tokenSection() {
        tokenName.setId("token-name");
        tokenDays.setId("token-days");
        tokenDays.setHelperText("Empty: no expiry");
        NumberFields.range(tokenDays, 1, ApiTokenService.MAX_VALID_DAYS, "days"); // bad input must not mean "no expiry"
        createToken.setId("create-token");
        FieldErrorDisplay errors =
                new FieldErrorDisplay().bind("name", tokenName).bind("validDays", tokenDays);
        createToken.addClickListener(e -> {
            if (!NumberFields.accepted(tokenDays)) {
                return;
            }
            try {
                ApiTokenService.CreatedToken created = tokenService.create(tokenName.getValue(), tokenDays.getValue());
                errors.clear();
                tokenName.clear();
                Dialog shown = new Dialog();
                shown.setHeaderTitle("Token " + created.token().name());
                TextField secret = new TextField("Copy it now: it is not shown again");
                secret.setId("token-secret");
                secret.setValue(created.secret());
                secret.setReadOnly(true);
                secret.setWidth("32em");
                shown.add(secret);
                shown.getFooter().add(new Button("Done", x -> shown.close()));
                shown.open();
                refreshTokens();
            } catch (InvalidInputException ex) {
                errors.show(ex);
            }
        });
        tokens.setId("tokens-grid");
        tokens.setAllRowsVisible(true);
        tokens.addColumn(ApiToken::name).setHeader("Name");
        tokens.addColumn(t -> t.prefix() + "…").setHeader("Token");
        // Tokens belong to no workspace: UTC, or the zone this user chose below.
        tokens.addColumn(t -> Formats.dateTime(t.createdAt(), null)).setHeader("Created");
        tokens.addColumn(t -> t.expiresAt() == null ? "never" : Formats.dateTime(t.expiresAt(), null))
                .setHeader("Expires");
        tokens.addColumn(t -> Formats.dateTime(t.lastUsedAt(), null)).setHeader("Last used");
        tokens.addComponentColumn(t -> {
                    Button revoke = new Button(
                            "Revoke",
                            e -> ConfirmAction.ask(
                                    "Revoke token?",
                                    "Scripts using '" + t.name() + "' are refused from their next request.",
                                    "Revoke",
                                    () -> {
                                        tokenService.revoke(t.id());
                                        Notifications.success("Token revoked");
                                        refreshTokens();
                                    },
                                    () -> {}));
                    revoke.addThemeVariants(
                            ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                    revoke.setVisible(t.revokedAt() == null);
                    return revoke;
                })
                .setKey("revoke")
                .setHeader("Revoke");
        HorizontalLayout create = new HorizontalLayout(tokenName, tokenDays, createToken);
        create.setAlignItems(Alignment.BASELINE);
        VerticalLayout section = new VerticalLayout(create, tokens);
        section.setPadding(false);
        return section;
    }

    private void refreshTokens() {
        tokens.setItems(tokenService.mine());
    }
}
