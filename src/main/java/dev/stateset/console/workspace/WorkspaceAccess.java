package dev.stateset.console.workspace;

import dev.stateset.console.base.ResourceNotFoundException;
import dev.stateset.console.security.ConsoleUser;
import dev.stateset.console.security.CurrentUser;
import dev.stateset.console.workspace.internal.MemberRepository;
import dev.stateset.console.workspace.internal.WorkspaceRepository;
import java.util.List;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place that decides what the caller may do in a workspace. Every feature service calls it before
 * reading or writing workspace data. A non-member is told "not found" (never "forbidden"), so that a forged
 * URL cannot probe for another workspace's existence; a member with too small a role is refused.
 * System admins act as OWNER in every workspace.
 */
@Component
public class WorkspaceAccess {

    private final CurrentUser currentUser;
    private final MemberRepository members;
    private final WorkspaceRepository workspaces;

    WorkspaceAccess(CurrentUser currentUser, MemberRepository members, WorkspaceRepository workspaces) {
        this.currentUser = currentUser;
        this.members = members;
        this.workspaces = workspaces;
    }

    /**
     * @return the caller's role in the workspace, which includes {@code required}
     * @throws ResourceNotFoundException if the workspace does not exist or the caller is not a member
     * @throws AccessDeniedException if the caller's role is below {@code required}
     */
    @Transactional(readOnly = true)
    public WorkspaceRole require(long workspaceId, WorkspaceRole required) {
        return allowed(roleOf(workspaceId), required);
    }

    /**
     * The workspace as the caller may see it, with the caller's role, read together in one query.
     *
     * @throws ResourceNotFoundException if the workspace does not exist or the caller is not a member
     * @throws AccessDeniedException if the caller's role is below {@code required}
     */
    @Transactional(readOnly = true)
    public WorkspaceDetails details(long workspaceId, WorkspaceRole required) {
        ConsoleUser user = currentUser.require();
        List<Object[]> rows = workspaces.detailsWithRoleOf(workspaceId, user.id());
        if (rows.isEmpty()) {
            throw new ResourceNotFoundException("Workspace");
        }
        Object[] row = rows.get(0);
        WorkspaceRole role = allowed(
                user.admin() ? Optional.of(WorkspaceRole.OWNER) : Optional.ofNullable((WorkspaceRole) row[7]),
                required);
        return new WorkspaceDetails(
                (Long) row[0],
                (String) row[1],
                (String) row[2],
                (String) row[3],
                EngineKind.valueOf((String) row[4]),
                (String) row[5],
                role,
                (String) row[6]);
    }

    /** The caller's role, or empty if the workspace does not exist or the caller is not a member. */
    @Transactional(readOnly = true)
    public Optional<WorkspaceRole> roleOf(long workspaceId) {
        ConsoleUser user = currentUser.require();
        if (!workspaces.existsById(workspaceId)) {
            return Optional.empty();
        }
        if (user.admin()) {
            return Optional.of(WorkspaceRole.OWNER);
        }
        return members.findByWorkspaceIdAndUserId(workspaceId, user.id()).map(m -> m.getRole());
    }

    /** The caller's role if it includes {@code required}; a non-member is told "not found", never "forbidden". */
    private static WorkspaceRole allowed(Optional<WorkspaceRole> role, WorkspaceRole required) {
        WorkspaceRole held = role.orElseThrow(() -> new ResourceNotFoundException("Workspace"));
        if (!held.includes(required)) {
            throw new AccessDeniedException("This needs the " + required + " role in this workspace; you are " + held);
        }
        return held;
    }
}
