package dev.stateset.console.cron.ui;

import com.vaadin.flow.component.icon.VaadinIcon;
import dev.stateset.console.base.ui.NavigationEntry;
import org.springframework.stereotype.Component;

/** "Cron builder" in the shell's menu. */
@Component
class CronBuilderNavigation implements NavigationEntry {

    @Override
    public String label() {
        return "Cron builder";
    }

    @Override
    public String path() {
        return "tools/cron";
    }

    @Override
    public VaadinIcon icon() {
        return VaadinIcon.CLOCK;
    }

    @Override
    public int order() {
        return 20;
    }
}
