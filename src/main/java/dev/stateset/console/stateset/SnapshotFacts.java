package dev.stateset.console.stateset;

import java.time.Instant;

/**
 * What a job's snapshots amount to, for lists of many jobs.
 *
 * @param lastResult     COMPLETED or FAILED: how the newest finished snapshot ended; null when none has finished
 * @param lastFinishedAt when it ended; null when none has finished
 * @param kept           the snapshots the job keeps in storage and their bytes
 */
public record SnapshotFacts(SnapshotStatus lastResult, Instant lastFinishedAt, StorageTotals kept) {

    public static final SnapshotFacts NONE = new SnapshotFacts(null, null, StorageTotals.NONE);
}
