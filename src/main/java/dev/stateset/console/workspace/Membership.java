package dev.stateset.console.workspace;

/** One workspace a user belongs to, with their role and where it comes from (see {@link Member}). */
public record Membership(
        long workspaceId,
        String workspaceName,
        WorkspaceRole role,
        WorkspaceRole directRole,
        WorkspaceRole groupRole,
        String viaGroups) {

    public String source() {
        return Member.source(directRole, groupRole, viaGroups);
    }
}
