package dev.stateset.console.security.ui;

import com.vaadin.flow.component.icon.VaadinIcon;
import dev.stateset.console.base.ui.NavigationEntry;
import dev.stateset.console.security.ConsoleUser;
import dev.stateset.console.security.CurrentUser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The users page's entry in the shell's menu, for system admins. */
@Configuration(proxyBeanMethods = false)
class UsersNavigation {

    @Bean
    NavigationEntry usersEntry(CurrentUser currentUser) {
        return new NavigationEntry(
                "Users",
                "admin/users",
                VaadinIcon.USERS,
                40,
                () -> currentUser.find().map(ConsoleUser::admin).orElse(false));
    }
}
