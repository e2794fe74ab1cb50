package dev.stateset.console.job;

import java.time.Instant;

/**
 * One run of a job: when and how it was started, and what it was restored from.
 *
 * @param strategy how the console started the run; null when the run was started elsewhere and adopted
 * @param startedAt when the console started (or adopted) the run
 * @param restoreVerified whether Flink restored {@code restorePath}: null while unknown or nothing to restore
 * @param restoreVerdict  what Flink said it restored; null while unknown
 */
public record JobRun(
        long id,
        String engineJobId,
        StartStrategy strategy,
        Long restoreSnapshotId,
        String restorePath,
        boolean allowNonRestoredState,
        String claimMode,
        String startedBy,
        Instant startedAt,
        Boolean restoreVerified,
        String restoreVerdict) {

    public boolean adopted() {
        return strategy == null;
    }
}
