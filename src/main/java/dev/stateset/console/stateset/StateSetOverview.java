package dev.stateset.console.stateset;

import java.util.Optional;

/**
 * The Overview tab: system checkpoints (as recorded from Flink) and job snapshots (the console's own), kept apart: a
 * failed savepoint is a failed job snapshot, never a "failed checkpoint".
 *
 * @param checkpointTotals Flink's summary of the current run, as last read
 * @param storage          what the job's snapshots occupy
 */
public record StateSetOverview(
        Optional<SystemCheckpoint> lastCompletedCheckpoint,
        Optional<SystemCheckpoint> lastFailedCheckpoint,
        Optional<CheckpointTotals> checkpointTotals,
        Optional<JobSnapshot> lastCompletedSnapshot,
        Optional<JobSnapshot> lastFailedSnapshot,
        StorageTotals storage) {}
