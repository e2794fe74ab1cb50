package dev.stateset.console.activity;

import dev.stateset.console.audit.AuditEvent;
import dev.stateset.console.audit.AuditFilter;
import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.base.FieldErrors;
import dev.stateset.console.security.ConsoleUser;
import dev.stateset.console.security.CurrentUser;
import dev.stateset.console.workspace.WorkspaceAccess;
import dev.stateset.console.workspace.WorkspaceRole;
import dev.stateset.console.workspace.WorkspaceService;
import dev.stateset.console.workspace.WorkspaceSummary;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.data.domain.Page;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who did what, for the people accountable for it: a workspace's owners read its events, system admins read
 * everything (console-wide events such as user administration included). Another workspace's id reads as
 * "not found", as everywhere else.
 */
@Service
public class AuditTrailService {

    public static final int MAX_PAGE_SIZE = 500;
    private static final int MAX_TEXT = 64;

    private final AuditLog audit;
    private final CurrentUser currentUser;
    private final WorkspaceAccess access;
    private final WorkspaceService workspaces;

    AuditTrailService(AuditLog audit, CurrentUser currentUser, WorkspaceAccess access, WorkspaceService workspaces) {
        this.audit = audit;
        this.currentUser = currentUser;
        this.access = access;
        this.workspaces = workspaces;
    }

    /** Whether the caller may open the audit log at all: an admin, or an owner of some workspace. */
    @Transactional(readOnly = true)
    public boolean canRead() {
        return currentUser.require().admin() || workspaces.isMemberWithRoleAnywhere(WorkspaceRole.OWNER);
    }

    /** The workspaces whose events the caller may read (for an admin: all of them). */
    @Transactional(readOnly = true)
    public List<WorkspaceSummary> readableWorkspaces() {
        return currentUser.require().admin() ? workspaces.listMine() : ownedWorkspaces();
    }

    /**
     * @throws dev.stateset.console.base.ResourceNotFoundException for a workspace the caller is not in
     * @throws AccessDeniedException for a member below OWNER
     */
    @Transactional(readOnly = true)
    public void requireReadable(long workspaceId) {
        access.require(workspaceId, WorkspaceRole.OWNER);
    }

    @Transactional(readOnly = true)
    public Page<AuditEvent> search(AuditFilter filter, int page, int size) {
        AuditFilter clean = validate(filter, page, size);
        return audit.search(clean, scope(clean), page, size);
    }

    @Transactional(readOnly = true)
    public List<String> actions(Long workspaceId) {
        return audit.actions(scope(AuditFilter.everything().inWorkspace(workspaceId)));
    }

    /** The workspace ids the caller may read for this filter, or null for "everything" (admins, no workspace given). */
    private Set<Long> scope(AuditFilter filter) {
        ConsoleUser user = currentUser.require();
        if (filter.workspaceId() != null) {
            requireReadable(filter.workspaceId());
            return Set.of(filter.workspaceId());
        }
        if (user.admin()) {
            return null;
        }
        Set<Long> owned = ownedWorkspaces().stream().map(WorkspaceSummary::id).collect(Collectors.toSet());
        if (owned.isEmpty()) {
            throw new AccessDeniedException("The audit log is for workspace owners and admins");
        }
        return owned;
    }

    private List<WorkspaceSummary> ownedWorkspaces() {
        return workspaces.listMine().stream()
                .filter(w -> w.myRole() == WorkspaceRole.OWNER)
                .toList();
    }

    private static AuditFilter validate(AuditFilter filter, int page, int size) {
        FieldErrors errors = new FieldErrors();
        String actor = blankToNull(filter.actor());
        String action = blankToNull(filter.action());
        if (actor != null && actor.length() > MAX_TEXT) {
            errors.add("actor", "At most " + MAX_TEXT + " characters");
        }
        if (action != null && action.length() > MAX_TEXT) {
            errors.add("action", "At most " + MAX_TEXT + " characters");
        }
        if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
            errors.add("to", "Must be after 'from'");
        }
        errors.checkPage(page, size, MAX_PAGE_SIZE).throwIfAny();
        return new AuditFilter(filter.workspaceId(), actor, action, filter.source(), filter.from(), filter.to());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
