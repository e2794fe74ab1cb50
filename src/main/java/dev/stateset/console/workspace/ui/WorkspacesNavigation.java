package dev.stateset.console.workspace.ui;

import com.vaadin.flow.component.icon.VaadinIcon;
import dev.stateset.console.base.ui.NavigationEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The workspace feature's entry in the shell's menu: the start page. */
@Configuration(proxyBeanMethods = false)
class WorkspacesNavigation {

    @Bean
    NavigationEntry workspacesEntry() {
        return new NavigationEntry("Workspaces", "", VaadinIcon.CLUSTER, 10);
    }
}
