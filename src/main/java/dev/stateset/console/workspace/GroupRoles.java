package dev.stateset.console.workspace;

import dev.stateset.console.workspace.internal.MemberEntity;
import dev.stateset.console.workspace.internal.MemberRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The workspace roles a user's groups give, set at each sign-in and session re-check by the console itself (the
 * identity feature decides the roles from the admin's mappings). A direct grant is never touched: the effective role
 * is the higher of the two.
 */
@Service
public class GroupRoles {

    /** The role the user's groups give in one workspace, and which groups (comma-separated). */
    public record Grant(WorkspaceRole role, String groups) {}

    /** A change of a user's effective role in a workspace (null: no role). */
    public record Change(long workspaceId, WorkspaceRole before, WorkspaceRole after, String groups) {}

    private final MemberRepository members;
    private final Clock clock;

    GroupRoles(MemberRepository members, Clock clock) {
        this.members = members;
        this.clock = clock;
    }

    /**
     * Sets the groups' roles of the user to exactly {@code byWorkspace} (workspaces missing from it: no group role) and
     * returns where the group role changed.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Change> apply(long userId, Map<Long, Grant> byWorkspace) {
        List<Change> changes = new ArrayList<>();
        List<MemberEntity> current = members.findByUserId(userId);
        for (MemberEntity member : current) {
            Grant grant = byWorkspace.get(member.getWorkspaceId());
            WorkspaceRole groupRole = grant == null ? null : grant.role();
            String groups = grant == null ? null : grant.groups();
            if (member.getGroupRole() == groupRole && Objects.equals(member.getViaGroups(), groups)) {
                continue;
            }
            WorkspaceRole before = member.getRole();
            String groupsBefore = member.getViaGroups();
            member.setGroupRole(groupRole, groups);
            if (member.held()) {
                members.save(member);
            } else {
                members.delete(member);
            }
            WorkspaceRole after = member.held() ? member.getRole() : null;
            changes.add(new Change(member.getWorkspaceId(), before, after, groups != null ? groups : groupsBefore));
        }
        byWorkspace.forEach((workspaceId, grant) -> {
            if (current.stream().noneMatch(m -> m.getWorkspaceId().equals(workspaceId))) {
                members.save(
                        MemberEntity.fromGroups(workspaceId, userId, grant.role(), grant.groups(), clock.instant()));
                changes.add(new Change(workspaceId, null, grant.role(), grant.groups()));
            }
        });
        return changes;
    }

    /** Whether the user is a member of any workspace, directly or through a group. */
    @Transactional(readOnly = true)
    public boolean memberAnywhere(long userId) {
        return !members.findByUserId(userId).isEmpty();
    }
}
