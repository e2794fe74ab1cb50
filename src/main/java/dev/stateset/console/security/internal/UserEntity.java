package dev.stateset.console.security.internal;

import dev.stateset.console.base.TimeDisplay;
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

@Entity
@Table(name = "app_user")
public class UserEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 100)
    private String username;

    @Column(name = "display_name", nullable = false, length = 100)
    private String displayName;

    @Column(name = "password_hash", nullable = false, length = 100)
    private String passwordHash;

    @Column(name = "system_admin", nullable = false)
    private boolean systemAdmin;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "time_display", nullable = false, length = 16)
    private TimeDisplay timeDisplay = TimeDisplay.WORKSPACE;

    /** {@code local}, {@code ldap} or an OpenID Connect registration id. */
    @Column(nullable = false, length = 64)
    private String origin = LOCAL;

    /** The directory's DN, or the provider's issuer and subject; null for a local user. */
    @Column(name = "external_id", length = 400)
    private String externalId;

    @Column(name = "admin_direct", nullable = false)
    private boolean adminDirect;

    /** The groups that make the user a system admin, comma-separated; null when none does. */
    @Column(name = "admin_groups", length = 500)
    private String adminGroups;

    @Column(name = "external_groups", length = 2000)
    private String externalGroups;

    @Column(name = "groups_checked_at")
    private Instant groupsCheckedAt;

    @Version
    private long version;

    public static final String LOCAL = dev.stateset.console.security.ConsoleUserDetails.LOCAL;

    protected UserEntity() {}

    public UserEntity(
            String username, String displayName, String passwordHash, boolean systemAdmin, Instant createdAt) {
        this.username = username;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.systemAdmin = systemAdmin;
        this.adminDirect = systemAdmin;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public boolean isSystemAdmin() {
        return systemAdmin;
    }

    /** A direct grant (or its removal): the user stays admin while a group still makes them one. */
    public void setAdminDirect(boolean adminDirect) {
        this.adminDirect = adminDirect;
        this.systemAdmin = adminDirect || adminGroups != null;
    }

    public boolean isAdminDirect() {
        return adminDirect;
    }

    /** The groups that make the user admin now (null or empty: none). */
    public void setAdminGroups(String adminGroups) {
        this.adminGroups = adminGroups == null || adminGroups.isEmpty() ? null : adminGroups;
        this.systemAdmin = adminDirect || this.adminGroups != null;
    }

    public String getAdminGroups() {
        return adminGroups;
    }

    public String getOrigin() {
        return origin;
    }

    public String getExternalId() {
        return externalId;
    }

    /** The principal a login, a token or a session re-check gives this user, as the database has them now. */
    public dev.stateset.console.security.ConsoleUserDetails toDetails() {
        return new dev.stateset.console.security.ConsoleUserDetails(
                id, username, passwordHash, enabled, systemAdmin, origin);
    }

    public boolean isLocal() {
        return LOCAL.equals(origin);
    }

    /** Makes this a user of an identity provider or directory: no password of theirs is kept here. */
    public void setExternal(String origin, String externalId) {
        this.origin = origin;
        this.externalId = externalId;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getExternalGroups() {
        return externalGroups;
    }

    public Instant getGroupsCheckedAt() {
        return groupsCheckedAt;
    }

    public void setExternalGroups(String externalGroups, Instant checkedAt) {
        this.externalGroups = externalGroups;
        this.groupsCheckedAt = checkedAt;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public TimeDisplay getTimeDisplay() {
        return timeDisplay;
    }

    public void setTimeDisplay(TimeDisplay timeDisplay) {
        this.timeDisplay = timeDisplay;
    }
}
