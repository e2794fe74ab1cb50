package dev.stateset.console.workspace.ui;

import com.vaadin.flow.component.icon.VaadinIcon;
import dev.stateset.console.base.ui.NavigationEntry;
import org.springframework.stereotype.Component;

/** "Workspaces" in the shell's menu: the start page. */
@Component
class WorkspacesNavigation implements NavigationEntry {

    @Override
    public String label() {
        return "Workspaces";
    }

    @Override
    public String path() {
        return "";
    }

    @Override
    public VaadinIcon icon() {
        return VaadinIcon.CLUSTER;
    }

    @Override
    public int order() {
        return 10;
    }
}
