package dev.stateset.console.workspace;

/**
 * A member's role inside one workspace. OWNER manages members; EDITOR changes jobs, snapshots and policies;
 * VIEWER reads. Each role includes the ones below it.
 */
public enum WorkspaceRole {
    VIEWER,
    EDITOR,
    OWNER;

    public boolean includes(WorkspaceRole required) {
        return compareTo(required) >= 0;
    }
}
