package dev.stateset.console.audit;

import java.time.Instant;

/** A recorded action: who ({@code actor}), through what ({@code source}), did what to which target. */
public record AuditEvent(
        long id,
        Instant occurredAt,
        String actor,
        AuditSource source,
        Long workspaceId,
        String action,
        String targetType,
        String targetId,
        String details) {}
