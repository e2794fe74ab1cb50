package dev.stateset.console.audit;

import dev.stateset.console.audit.internal.AuditEventEntity;
import dev.stateset.console.audit.internal.AuditEventRepository;
import dev.stateset.console.audit.internal.AuditEventSpecifications;
import dev.stateset.console.audit.internal.AuditRows;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
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
    private final AuditRows rows;

    AuditLog(AuditEventRepository events, Clock clock, AuditRows rows) {
        this.events = events;
        this.rows = rows;
        this.clock = clock;
    }

    /** Records an action by the current user (or {@value #SYSTEM_ACTOR} when nobody is logged in). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(Long workspaceId, String action, String targetType, Object targetId, String details) {
        // Plain SQL like recordAll (AuditRows says why).
        recordAll(List.of(new Entry(workspaceId, action, targetType, targetId, details)));
    }

    /**
     * An action by someone who is not (yet) the current user: a sign-in, successful or not, is recorded under the name
     * that was tried. In the caller's transaction, or a transaction of its own.
     */
    @Transactional
    public void recordBy(String actor, AuditSource source, Entry entry) {
        String name = actor == null || actor.isBlank() ? "(none)" : actor.strip();
        insert(name.length() <= 100 ? name : name.substring(0, 99) + "…", source.name(), List.of(entry));
    }

    /** One action of a batch, by the current actor (the scheduler records a whole batch of due times at once). */
    public record Entry(Long workspaceId, String action, String targetType, Object targetId, String details) {}

    /** {@link #record} for many actions at once: one batched INSERT, in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        String actor = currentActor();
        insert(actor, (SYSTEM_ACTOR.equals(actor) ? AuditSource.SYSTEM : currentSource()).name(), entries);
    }

    private void insert(String actor, String source, List<Entry> entries) {
        rows.insert(
                clock.instant(),
                actor,
                source,
                entries.stream()
                        .map(e -> new AuditRows.Row(
                                e.workspaceId(),
                                e.action(),
                                e.targetType(),
                                e.targetId() == null ? null : String.valueOf(e.targetId()),
                                truncate(e.details())))
                        .toList());
    }

    /**
     * Events matching the filter, newest first. This is the unchecked query: the caller decides the scope.
     *
     * @param workspaceScope the workspaces whose events may be returned, or {@code null} for every event
     */
    @Transactional(readOnly = true)
    public Page<AuditEvent> search(AuditFilter filter, Set<Long> workspaceScope, int page, int size) {
        PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Order.desc("occurredAt"), Sort.Order.desc("id")));
        return events.findAll(AuditEventSpecifications.matching(filter, workspaceScope), request)
                .map(AuditLog::toRecord);
    }

    /** The actions recorded so far (in the scope), for a filter's suggestions. */
    @Transactional(readOnly = true)
    public List<String> actions(Set<Long> workspaceScope) {
        if (workspaceScope == null) {
            return events.distinctActions();
        }
        return workspaceScope.isEmpty() ? List.of() : events.distinctActionsIn(workspaceScope);
    }

    private static AuditEvent toRecord(AuditEventEntity e) {
        return new AuditEvent(
                e.getId(),
                e.getOccurredAt(),
                e.getActor(),
                AuditSource.valueOf(e.getSource()),
                e.getWorkspaceId(),
                e.getAction(),
                e.getTargetType(),
                e.getTargetId(),
                e.getDetails());
    }

    private static String currentActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() ? SYSTEM_ACTOR : auth.getName();
    }

    private static AuditSource currentSource() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs
                && attrs.getRequest()
                        .getRequestURI()
                        .startsWith(attrs.getRequest().getContextPath() + "/api/")) {
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
