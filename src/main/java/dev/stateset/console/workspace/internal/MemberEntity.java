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

    @Version
    private long version;

    protected MemberEntity() {}

    public MemberEntity(Long workspaceId, Long userId, WorkspaceRole role, Instant addedAt) {
        this.workspaceId = workspaceId;
        this.userId = userId;
        this.role = role;
        this.addedAt = addedAt;
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

    public void setRole(WorkspaceRole role) {
        this.role = role;
    }

    public Instant getAddedAt() {
        return addedAt;
    }
}
