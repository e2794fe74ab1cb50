package dev.stateset.console.job;

import java.time.Instant;

/** One run of a job: when and how it was started, and what it was restored from. */
public record JobRun(
        long id,
        String engineJobId,
        StartStrategy strategy,
        Long restoreSnapshotId,
        String restorePath,
        boolean allowNonRestoredState,
        String claimMode,
        String startedBy,
        Instant startedAt) {}
