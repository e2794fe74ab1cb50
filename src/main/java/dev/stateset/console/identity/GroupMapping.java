package dev.stateset.console.identity;

import dev.stateset.console.workspace.WorkspaceRole;

/**
 * Members of {@code group} at {@code provider} are system admins ({@code workspaceId} null, {@code role} null), or have
 * {@code role} in the workspace.
 */
public record GroupMapping(
        long id, String provider, String group, Long workspaceId, String workspaceName, WorkspaceRole role) {

    public boolean admin() {
        return workspaceId == null;
    }

    /** What the mapping gives, in a user's words. */
    public String grants() {
        return admin() ? "System admin" : role + " in " + workspaceName;
    }
}
