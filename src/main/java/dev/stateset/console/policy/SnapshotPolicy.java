package dev.stateset.console.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A job's saved snapshot policy.
 *
 * @param nextDueAt when the schedule next fires (after load spreading), null when creation is off
 * @param spreadOffset the job's stable offset within the spread window
 */
public record SnapshotPolicy(
        long jobId,
        PolicyDraft settings,
        Instant nextDueAt,
        Duration spreadOffset,
        String updatedBy,
        Instant updatedAt) {

    /** The maximum retention period, if set. */
    public Optional<Duration> maxRetention() {
        return settings.retentionValue() == null
                ? Optional.empty()
                : Optional.of(settings.retentionUnit().of(settings.retentionValue()));
    }
}
