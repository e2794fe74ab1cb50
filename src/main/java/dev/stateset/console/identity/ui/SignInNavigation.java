package dev.stateset.console.identity.ui;

import com.vaadin.flow.component.icon.VaadinIcon;
import dev.stateset.console.base.ui.NavigationEntry;
import dev.stateset.console.security.ConsoleUser;
import dev.stateset.console.security.CurrentUser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sign-in settings' entry in the shell's menu, for system admins. */
@Configuration(proxyBeanMethods = false)
class SignInNavigation {

    @Bean
    NavigationEntry signInEntry(CurrentUser currentUser) {
        return new NavigationEntry(
                "Sign-in",
                "admin/sign-in",
                VaadinIcon.KEY,
                45,
                () -> currentUser.find().map(ConsoleUser::admin).orElse(false));
    }
}
