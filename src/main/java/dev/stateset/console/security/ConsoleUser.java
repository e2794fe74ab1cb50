package dev.stateset.console.security;

/** The logged-in console user as services see it: enough to check membership without another query. */
public record ConsoleUser(long id, String username, boolean admin) {}
