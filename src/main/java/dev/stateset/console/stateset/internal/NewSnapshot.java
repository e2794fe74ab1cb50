package dev.stateset.console.stateset.internal;

import dev.stateset.console.job.JobDetails;
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.stateset.SnapshotTrigger;
import java.time.Instant;

/** A snapshot just inserted (leased to this replica) by its creator, with what the creator already knows. */
public record NewSnapshot(
        long id,
        JobDetails job,
        SnapshotTrigger trigger,
        SnapshotFormat format,
        String triggerId,
        boolean drain,
        Instant createdAt) {}
