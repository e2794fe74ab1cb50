package dev.stateset.console.stateset;

import java.util.Optional;

/** The job-snapshot half of the Overview tab (checkpoints come live from Flink: {@link CheckpointSummary}). */
public record StateSetOverview(Optional<JobSnapshot> lastCompletedSnapshot, Optional<JobSnapshot> lastFailedSnapshot) {}
