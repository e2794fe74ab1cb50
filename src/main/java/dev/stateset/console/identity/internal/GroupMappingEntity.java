package dev.stateset.console.identity.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An admin's mapping of an identity provider's group to a role. */
@Entity
@Table(name = "group_role_mapping")
public class GroupMappingEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 64)
    private String provider;

    @Column(name = "group_name", nullable = false, length = 255)
    private String groupName;

    @Column(name = "workspace_id")
    private Long workspaceId;

    /** ADMIN, or a workspace role. */
    @Column(nullable = false, length = 16)
    private String role;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected GroupMappingEntity() {}

    public GroupMappingEntity(String provider, String groupName, Long workspaceId, String role, Instant createdAt) {
        this.provider = provider;
        this.groupName = groupName;
        this.workspaceId = workspaceId;
        this.role = role;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getProvider() {
        return provider;
    }

    public String getGroupName() {
        return groupName;
    }

    public Long getWorkspaceId() {
        return workspaceId;
    }

    public String getRole() {
        return role;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
