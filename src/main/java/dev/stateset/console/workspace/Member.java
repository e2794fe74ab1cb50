package dev.stateset.console.workspace;

public record Member(long userId, String username, String displayName, WorkspaceRole role) {}
