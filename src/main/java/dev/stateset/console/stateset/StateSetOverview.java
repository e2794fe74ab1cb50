package dev.stateset.console.stateset;

import java.util.Optional;

/**
 * What the Overview tab shows. Checkpoint figures come from the Flink engine; they are empty while the job
 * has no engine run to read them from.
 */
public record StateSetOverview(Optional<JobSnapshot> lastCompletedSnapshot, Optional<JobSnapshot> lastFailedSnapshot,
        boolean checkpointStatisticsAvailable, String checkpointStatisticsNote) {}
