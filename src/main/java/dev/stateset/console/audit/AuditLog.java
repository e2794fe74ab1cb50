package dev.stateset.console.audit;

import dev.stateset.console.audit.internal.AuditEventEntity;
import dev.stateset.console.audit.internal.AuditEventRepository;
import java.time.Clock;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Append-only audit log. {@link #record} joins the caller's transaction (and refuses to run without one),
 * so an action and its audit row are committed together or not at all.
 */
@Service
public class AuditLog {

    public static final String SYSTEM_ACTOR = "system";
    private static final int MAX_DETAILS = 2000;

    private final AuditEventRepository events;
    private final Clock clock;

    AuditLog(AuditEventRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** Records an action by the current user (or {@value #SYSTEM_ACTOR} when nobody is logged in). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(Long workspaceId, String action, String targetType, Object targetId, String details) {
        String actor = currentActor();
        AuditSource source = SYSTEM_ACTOR.equals(actor) ? AuditSource.SYSTEM : currentSource();
        events.save(new AuditEventEntity(clock.instant(), actor, source.name(), workspaceId, action, targetType,
                targetId == null ? null : String.valueOf(targetId), truncate(details)));
    }

    @Transactional(readOnly = true)
    public List<AuditEvent> recentForWorkspace(long workspaceId) {
        return events.findByWorkspaceIdOrderByOccurredAtDescIdDesc(workspaceId).stream().map(AuditLog::toRecord).toList();
    }

    @Transactional(readOnly = true)
    public List<AuditEvent> latest() {
        return events.findTop50ByOrderByIdDesc().stream().map(AuditLog::toRecord).toList();
    }

    private static AuditEvent toRecord(AuditEventEntity e) {
        return new AuditEvent(e.getId(), e.getOccurredAt(), e.getActor(), AuditSource.valueOf(e.getSource()),
                e.getWorkspaceId(), e.getAction(), e.getTargetType(), e.getTargetId(), e.getDetails());
    }

    private static String currentActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() ? SYSTEM_ACTOR : auth.getName();
    }

    private static AuditSource currentSource() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs
                && attrs.getRequest().getRequestURI().startsWith(attrs.getRequest().getContextPath() + "/api/")) {
            return AuditSource.API;
        }
        return AuditSource.UI;
    }

    private static String truncate(String details) {
        if (details == null) {
            return "";
        }
        return details.length() <= MAX_DETAILS ? details : details.substring(0, MAX_DETAILS - 1) + "…";
    }
}
