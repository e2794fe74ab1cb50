package dev.stateset.console.stateset;

import java.time.Duration;
import java.time.Instant;

/**
 * A job snapshot (a Flink savepoint) as the console records it.
 *
 * @param location  the savepoint's path once COMPLETED (e.g. {@code file:/…} or {@code s3://…})
 * @param sizeBytes total bytes under the location, read from storage; null until known
 * @param dueAt     for a scheduled snapshot, the due time it was taken for
 * @param attempts  failed trigger attempts before this one (scheduled snapshots are retried with backoff)
 */
public record JobSnapshot(
        long id,
        long jobId,
        SnapshotTrigger trigger,
        SnapshotFormat format,
        String description,
        SnapshotStatus status,
        String location,
        Long sizeBytes,
        String failureCause,
        String createdBy,
        Instant createdAt,
        Instant completedAt,
        Duration duration,
        String deletedBy,
        Instant deletedAt,
        String deleteReason,
        Instant dueAt,
        int attempts) {}
