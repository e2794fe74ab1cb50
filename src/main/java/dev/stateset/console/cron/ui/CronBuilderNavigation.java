package dev.stateset.console.cron.ui;

import com.vaadin.flow.component.icon.VaadinIcon;
import dev.stateset.console.base.ui.NavigationEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The cron builder's entry in the shell's menu. */
@Configuration(proxyBeanMethods = false)
class CronBuilderNavigation {

    @Bean
    NavigationEntry cronBuilderEntry() {
        return new NavigationEntry("Cron builder", "tools/cron", VaadinIcon.CLOCK, 20);
    }
}
