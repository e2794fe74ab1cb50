package dev.stateset.console.audit;

import java.time.Instant;

/**
 * What to look for in the audit log; every part is optional. {@code action} matches the action or the group it
 * starts ("snapshot" finds snapshot.create, snapshot.delete…); {@code actor} matches a username (or "system")
 * exactly; {@code from} is inclusive, {@code to} exclusive.
 */
public record AuditFilter(Long workspaceId, String actor, String action, AuditSource source, Instant from, Instant to) {

    public static AuditFilter everything() {
        return new AuditFilter(null, null, null, null, null, null);
    }

    public AuditFilter inWorkspace(Long workspace) {
        return new AuditFilter(workspace, actor, action, source, from, to);
    }
}
