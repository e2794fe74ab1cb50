package dev.stateset.console.security;

import java.time.Instant;

public record UserSummary(
        long id, String username, String displayName, boolean admin, boolean enabled, Instant createdAt) {}
