package dev.stateset.console.workspace;

import java.time.ZoneId;
import org.springframework.security.access.AccessDeniedException;

/**
 * One workspace as seen by a member.
 *
 * @param engineRestUrl the remote Flink REST URL, or null when the workspace uses the embedded engine
 */
public record WorkspaceDetails(
        long id,
        String name,
        String description,
        String timeZone,
        EngineKind engineKind,
        String engineRestUrl,
        WorkspaceRole myRole,
        String webhookUrl) {

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public boolean canEdit() {
        return myRole.includes(WorkspaceRole.EDITOR);
    }

    public boolean canManageMembers() {
        return myRole.includes(WorkspaceRole.OWNER);
    }

    /**
     * Refuses the caller unless their role in this workspace includes {@code role}; {@code action} names what they
     * tried, e.g. "Changing snapshots", for the message.
     */
    public void requireRole(WorkspaceRole role, String action) {
        if (!myRole.includes(role)) {
            throw new AccessDeniedException(action + " needs the " + role + " role; you are " + myRole);
        }
    }
}
