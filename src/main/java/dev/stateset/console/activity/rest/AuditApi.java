package dev.stateset.console.activity.rest;

import dev.stateset.console.activity.AuditTrailService;
import dev.stateset.console.audit.AuditEvent;
import dev.stateset.console.audit.AuditFilter;
import dev.stateset.console.audit.AuditSource;
import dev.stateset.console.base.rest.PageBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Instant;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/audit-events}: the audit log, newest first, for workspace owners and admins. */
@RestController
@RequestMapping("/api/v1/audit-events")
class AuditApi {

    private final AuditTrailService trail;

    AuditApi(AuditTrailService trail) {
        this.trail = trail;
    }

    @GetMapping
    @Operation(
            summary = "List audit events",
            description = "Owners see their workspaces' events; admins see every event, "
                    + "console-wide ones (users, tokens) included. All filters are optional and combine with AND.")
    PageBody<AuditEvent> list(
            @Parameter(description = "Workspace id") @RequestParam(required = false) Long workspace,
            @Parameter(description = "Username, or 'system' for the scheduler and start-up")
                    @RequestParam(required = false)
                    String actor,
            @Parameter(description = "An action (snapshot.create) or its group (snapshot)")
                    @RequestParam(required = false)
                    String action,
            @RequestParam(required = false) AuditSource source,
            @Parameter(description = "ISO-8601 instant, inclusive")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    Instant from,
            @Parameter(description = "ISO-8601 instant, exclusive")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    Instant to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return PageBody.of(trail.search(new AuditFilter(workspace, actor, action, source, from, to), page, size));
    }
}
