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

    /** The higher of two roles, either of which may be null (no role). */
    public static WorkspaceRole higher(WorkspaceRole a, WorkspaceRole b) {
        if (a == null) {
            return b;
        }
        return b == null || a.includes(b) ? a : b;
    }
}
