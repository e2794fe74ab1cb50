package dev.stateset.console.policy;

import dev.stateset.console.stateset.SnapshotFormat;

/**
 * A job's snapshot policy as an editor sets it on the Configuration tab.
 *
 * @param spreadMinutes  load spreading: due times move by a stable per-job offset of 0..spreadMinutes minutes (0 = off)
 * @param keepCount      scheduled snapshots to keep (1–1000)
 * @param retentionValue maximum retention period, or null for none
 */
public record PolicyDraft(boolean creationEnabled, String cronExpression, SnapshotFormat format, int spreadMinutes,
        boolean cleanupEnabled, int keepCount, Integer retentionValue, RetentionUnit retentionUnit) {

    public static PolicyDraft defaults() {
        return new PolicyDraft(false, "0 2 * * *", SnapshotFormat.CANONICAL, 0, false, 10, 7, RetentionUnit.DAYS);
    }
}
