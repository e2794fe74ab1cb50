package dev.stateset.console.base.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import dev.stateset.console.support.KaribuViewTest;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The shell's small promises: a menu of what the user may open, a browser title on every page, safe confirmations. */
class ShellViewTest extends KaribuViewTest {

    @Test
    void a_viewer_sees_the_entries_every_user_has() {
        login("viewer");
        navigate("");
        assertThat(menu()).containsExactly("Workspaces", "Cron builder");
    }

    @Test
    void an_admin_also_sees_the_audit_log_the_users_and_sign_in() {
        login("admin");
        navigate("");
        assertThat(menu()).containsExactly("Workspaces", "Cron builder", "Audit log", "Users", "Sign-in");
    }

    private static java.util.List<String> menu() {
        return _get(SideNav.class).getItems().stream()
                .map(SideNavItem::getLabel)
                .toList();
    }

    @Test
    void error_pages_have_a_browser_title() {
        login("viewer");
        navigate("workspaces/987654321/jobs"); // a workspace that does not exist (or is not yours)
        _get(NotFoundView.class);
        assertThat(UI.getCurrent().getInternals().getTitle()).isEqualTo("Not found · Stateset Console");
    }

    @Test
    void cancel_in_a_destructive_confirm_does_nothing_destructive() {
        login("editor");
        AtomicBoolean confirmed = new AtomicBoolean();
        AtomicBoolean cancelled = new AtomicBoolean();
        ConfirmDialog dialog = ConfirmAction.ask(
                "Delete snapshot 1?",
                "This cannot be undone.",
                "Delete",
                () -> confirmed.set(true),
                () -> cancelled.set(true));
        Button cancel = _get(Button.class, spec -> spec.withClasses("confirm-cancel"));
        // Which button has the focus is a browser's matter: AccessibilityBrowserIT presses Enter in Chromium.
        cancel.click();
        assertThat(cancelled).isTrue();
        assertThat(confirmed).isFalse();
        assertThat(dialog.isOpened()).isFalse();
    }
}
