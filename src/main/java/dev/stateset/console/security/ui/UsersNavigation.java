package dev.stateset.console.security.ui;

import com.vaadin.flow.component.icon.VaadinIcon;
import dev.stateset.console.base.ui.NavigationEntry;
import dev.stateset.console.security.ConsoleUser;
import dev.stateset.console.security.CurrentUser;
import org.springframework.stereotype.Component;

/** "Users" in the shell's menu, for system admins. */
@Component
class UsersNavigation implements NavigationEntry {

    private final CurrentUser currentUser;

    UsersNavigation(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    @Override
    public String label() {
        return "Users";
    }

    @Override
    public String path() {
        return "admin/users";
    }

    @Override
    public VaadinIcon icon() {
        return VaadinIcon.USERS;
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public boolean visible() {
        return currentUser.find().map(ConsoleUser::admin).orElse(false);
    }
}
