package dev.stateset.console.security;

/** What an admin types to create a user; validated by {@link UserService#create(NewUser)}. */
public record NewUser(String username, String displayName, String password, boolean admin) {}
