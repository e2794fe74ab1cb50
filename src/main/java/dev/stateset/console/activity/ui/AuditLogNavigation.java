package dev.stateset.console.activity.ui;

import com.vaadin.flow.component.icon.VaadinIcon;
import dev.stateset.console.activity.AuditTrailService;
import dev.stateset.console.base.ui.NavigationEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit log's entry in the shell's menu, for those who may read some of it (admins and workspace owners). */
@Configuration(proxyBeanMethods = false)
class AuditLogNavigation {

    @Bean
    NavigationEntry auditLogEntry(AuditTrailService auditTrail) {
        return new NavigationEntry("Audit log", "audit", VaadinIcon.RECORDS, 30, auditTrail::canRead);
    }
}
