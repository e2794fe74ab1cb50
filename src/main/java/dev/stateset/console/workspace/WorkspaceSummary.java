package dev.stateset.console.workspace;

/** A row of the workspaces list: what the caller sees of a workspace they belong to. */
public record WorkspaceSummary(
        long id, String name, String description, String timeZone, long jobCount, WorkspaceRole myRole) {}
