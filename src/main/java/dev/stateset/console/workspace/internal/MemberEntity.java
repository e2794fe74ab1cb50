package dev.stateset.console.workspace.internal;

import dev.stateset.console.workspace.WorkspaceRole;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A user's membership in a workspace. Users are referenced by id: the user table belongs to security. */
@Entity
@Table(name = "workspace_member")
public class MemberEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "workspace_id", nullable = false)
    private Long workspaceId;

    @Column(name = "user_id", nullable = false)
    private Long userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private WorkspaceRole role;

    @Column(name = "added_at", nullable = false)
    private Instant addedAt;

    /** Granted in the console; null when only groups give the role. */
    @Enumerated(EnumType.STRING)
    @Column(name = "direct_role", length = 16)
    private WorkspaceRole directRole;

    /** The highest role the user's groups give here; null when none does. */
    @Enumerated(EnumType.STRING)
    @Column(name = "group_role", length = 16)
    private WorkspaceRole groupRole;

    @Column(name = "via_groups", length = 500)
    private String viaGroups;

    @Version
    private long version;

    protected MemberEntity() {}

    public MemberEntity(Long workspaceId, Long userId, WorkspaceRole role, Instant addedAt) {
        this.workspaceId = workspaceId;
        this.userId = userId;
        this.role = role;
        this.directRole = role;
        this.addedAt = addedAt;
    }

    /** A membership only groups give. */
    public static MemberEntity fromGroups(
            Long workspaceId, Long userId, WorkspaceRole role, String groups, Instant addedAt) {
        MemberEntity member = new MemberEntity(workspaceId, userId, role, addedAt);
        member.directRole = null;
        member.groupRole = role;
        member.viaGroups = groups;
        return member;
    }

    public WorkspaceRole getDirectRole() {
        return directRole;
    }

    public WorkspaceRole getGroupRole() {
        return groupRole;
    }

    public String getViaGroups() {
        return viaGroups;
    }

    /** The direct grant (null: taken back); the effective role is the higher of it and the groups'. */
    public void setDirectRole(WorkspaceRole directRole) {
        this.directRole = directRole;
        this.role = WorkspaceRole.higher(directRole, groupRole);
    }

    public void setGroupRole(WorkspaceRole groupRole, String viaGroups) {
        this.groupRole = groupRole;
        this.viaGroups = groupRole == null ? null : viaGroups;
        this.role = WorkspaceRole.higher(directRole, groupRole);
    }

    /** Whether anything still gives the user a role here; a row that nothing holds is deleted. */
    public boolean held() {
        return directRole != null || groupRole != null;
    }

    public Long getId() {
        return id;
    }

    public Long getWorkspaceId() {
        return workspaceId;
    }

    public Long getUserId() {
        return userId;
    }

    public WorkspaceRole getRole() {
        return role;
    }

    public Instant getAddedAt() {
        return addedAt;
    }
}
