package dev.stateset.console.job;

import dev.stateset.console.engine.JobLaunch;

/**
 * A resolved start: the strategy and, unless stateless, the path to restore from.
 *
 * @param restoreSnapshotId the snapshot record restored from (protected from cleanup while the run is current), or null
 */
public record StartPlan(
        StartStrategy strategy,
        String restorePath,
        Long restoreSnapshotId,
        boolean allowNonRestoredState,
        JobLaunch.ClaimMode claimMode) {

    public static StartPlan stateless() {
        return new StartPlan(StartStrategy.STATELESS, null, null, false, JobLaunch.ClaimMode.NO_CLAIM);
    }
}
