package dev.stateset.console.activity.ui;

import com.vaadin.flow.component.icon.VaadinIcon;
import dev.stateset.console.activity.AuditTrailService;
import dev.stateset.console.base.ui.NavigationEntry;
import org.springframework.stereotype.Component;

/** "Audit log" in the shell's menu, for those who may read some of it (admins and workspace owners). */
@Component
class AuditLogNavigation implements NavigationEntry {

    private final AuditTrailService auditTrail;

    AuditLogNavigation(AuditTrailService auditTrail) {
        this.auditTrail = auditTrail;
    }

    @Override
    public String label() {
        return "Audit log";
    }

    @Override
    public String path() {
        return "audit";
    }

    @Override
    public VaadinIcon icon() {
        return VaadinIcon.RECORDS;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public boolean visible() {
        return auditTrail.canRead();
    }
}
