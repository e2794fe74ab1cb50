package dev.stateset.console.stateset;

import java.time.Instant;

/** A COMPLETED snapshot a job of the workspace can be started from, with its job for the picker. */
public record RestorableSnapshot(
        long id,
        long jobId,
        String jobName,
        SnapshotTrigger trigger,
        SnapshotFormat format,
        Instant completedAt,
        Long sizeBytes,
        String location) {}
