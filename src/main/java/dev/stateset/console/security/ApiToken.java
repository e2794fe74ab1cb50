package dev.stateset.console.security;

import java.time.Instant;

/** A personal API token as its owner sees it (never the token itself, which is shown once). */
public record ApiToken(
        long id,
        String name,
        String prefix,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant revokedAt) {

    public boolean active(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
