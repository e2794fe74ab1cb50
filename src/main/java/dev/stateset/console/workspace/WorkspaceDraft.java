package dev.stateset.console.workspace;

/** What an admin types to create or edit a workspace. */
public record WorkspaceDraft(String name, String description, String timeZone) {}
