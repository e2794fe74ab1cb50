package dev.stateset.console.workspace;

import java.time.ZoneId;

/**
 * One workspace as seen by a member.
 *
 * @param engineRestUrl the remote Flink REST URL, or null when the workspace uses the embedded engine
 */
public record WorkspaceDetails(long id, String name, String description, String timeZone, EngineKind engineKind,
        String engineRestUrl, WorkspaceRole myRole, String webhookUrl) {

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public boolean canEdit() {
        return myRole.includes(WorkspaceRole.EDITOR);
    }

    public boolean canManageMembers() {
        return myRole.includes(WorkspaceRole.OWNER);
    }
}
