package dev.stateset.console.security.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.HasValueUtilsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import dev.stateset.console.security.UserSummary;
import dev.stateset.console.support.KaribuViewTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AdminViewsTest extends KaribuViewTest {

    @Test
    void anonymous_users_are_sent_to_the_login_view() {
        navigate("");
        _get(LoginView.class);
    }

    @Test
    void only_admins_open_user_management() {
        login("editor");
        navigate("admin/users");
        _assertNone(UsersView.class);

        login("admin");
        navigate("admin/users");
        UsersView view = _get(UsersView.class);
        assertThat(GridKt._findAll(view.grid)).extracting(UserSummary::username).contains("admin", "editor", "viewer");
    }

    @Test
    void admin_creates_a_user_and_a_weak_password_is_refused_next_to_the_field() {
        login("admin");
        navigate("admin/users");
        UsersView view = _get(UsersView.class);
        ButtonKt._click(view.create);
        Dialog dialog = _get(Dialog.class);
        TextField username = _get(TextField.class, s -> s.withId("new-username"));
        PasswordField password = _get(PasswordField.class, s -> s.withId("new-password"));
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        HasValueUtilsKt._setValue(username, name);
        HasValueUtilsKt._setValue(password, "short");
        ButtonKt._click(_get(Button.class, s -> s.withId("save-user")));
        assertThat(password.getErrorMessage()).isEqualTo("Password must be at least 12 characters");
        assertThat(dialog.isOpened()).isTrue();

        HasValueUtilsKt._setValue(password, "a-long-enough-password");
        ButtonKt._click(_get(Button.class, s -> s.withId("save-user")));
        assertThat(GridKt._findAll(view.grid)).extracting(UserSummary::username).contains(name);
    }

    @Test
    void a_user_creates_an_api_token_sees_it_once_and_revokes_it() {
        login("viewer");
        navigate("profile");
        ProfileView profile = _get(ProfileView.class);
        HasValueUtilsKt._setValue(profile.tokenName, "laptop script");
        ButtonKt._click(profile.createToken);
        TextField secret = _get(TextField.class, s -> s.withId("token-secret"));
        assertThat(secret.getValue()).startsWith("sst_");
        var row = GridKt._findAll(profile.tokens).stream()
                .filter(t -> t.name().equals("laptop script"))
                .findFirst()
                .orElseThrow();
        assertThat(row.revokedAt()).isNull();
        int index = GridKt._findAll(profile.tokens).indexOf(row);
        ButtonKt._click((Button) GridKt._getCellComponent(profile.tokens, index, "revoke"));
        com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt._fireConfirm(
                _get(com.vaadin.flow.component.confirmdialog.ConfirmDialog.class));
        assertThat(GridKt._findAll(profile.tokens).stream()
                        .filter(t -> t.id() == row.id())
                        .findFirst()
                        .orElseThrow()
                        .revokedAt())
                .isNotNull();
    }

    @Test
    void the_user_menu_offers_logout_and_admins_see_the_users_link() {
        login("admin");
        navigate("");
        assertThat(UI.getCurrent().getChildren().findFirst()).isPresent();
        _get(com.vaadin.flow.component.sidenav.SideNavItem.class, s -> s.withLabel("Users"));
    }
}
