package dev.stateset.console.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stateset.console.stateset.SnapshotFormat;

/**
 * A job's snapshot policy as an editor sets it on the Configuration tab.
 *
 * @param spreadMinutes  load spreading: due times move by a stable per-job offset of 0..spreadMinutes minutes (0 = off)
 * @param keepCount      scheduled snapshots to keep (1–1000)
 * @param retentionValue maximum retention period, or null for none
 * @param blackoutWindows weekly windows, one per line (e.g. {@code Mon-Fri 09:00-17:00}), in which no scheduled snapshot
 *     of this job starts, besides the workspace's; empty for none
 *     <p>Every field must be present in the API's PUT (null where the type allows it): a missing field would otherwise
 *     silently reset its setting to false or 0.
 */
public record PolicyDraft(
        @JsonProperty(required = true) boolean creationEnabled,
        @JsonProperty(required = true) String cronExpression,
        @JsonProperty(required = true) SnapshotFormat format,
        @JsonProperty(required = true) int spreadMinutes,
        @JsonProperty(required = true) boolean cleanupEnabled,
        @JsonProperty(required = true) int keepCount,
        @JsonProperty(required = true) Integer retentionValue,
        @JsonProperty(required = true) RetentionUnit retentionUnit,
        @JsonProperty(required = true) String blackoutWindows) {

    public static PolicyDraft defaults() {
        return new PolicyDraft(false, "0 2 * * *", SnapshotFormat.CANONICAL, 0, false, 10, 7, RetentionUnit.DAYS, "");
    }
}
