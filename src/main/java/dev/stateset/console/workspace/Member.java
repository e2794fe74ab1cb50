package dev.stateset.console.workspace;

/**
 * A member and their effective {@code role}: the higher of the one granted in the console ({@code directRole}) and the
 * one their identity provider's groups give ({@code groupRole}, through {@code viaGroups}); either may be null.
 */
public record Member(
        long userId,
        String username,
        String displayName,
        WorkspaceRole role,
        WorkspaceRole directRole,
        WorkspaceRole groupRole,
        String viaGroups) {

    /** Where the role comes from, in a user's words. */
    public String source() {
        return source(directRole, groupRole, viaGroups);
    }

    /** Where a role comes from: granted here, a group, or both (each with the role it gives). */
    static String source(WorkspaceRole directRole, WorkspaceRole groupRole, String viaGroups) {
        if (groupRole == null) {
            return "granted here";
        }
        String groups = "group " + viaGroups;
        return directRole == null ? groups : "granted here (" + directRole + ") and " + groups + " (" + groupRole + ")";
    }
}
