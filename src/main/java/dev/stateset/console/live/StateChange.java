package dev.stateset.console.live;

/**
 * Something a page may be showing has changed: a job (status, settings), its snapshots, its checkpoints or its policy.
 * Carries no data: a page that cares re-reads what it shows, so a change can never be shown wrong, only late.
 *
 * @param jobId null for a change of the workspace as a whole (e.g. its Flink cluster became unreachable)
 */
public record StateChange(long workspaceId, Long jobId, Kind kind) {

    public enum Kind {
        JOB,
        SNAPSHOT,
        CHECKPOINT,
        POLICY
    }

    /** True when the change is about this job, or about its whole workspace. */
    public boolean concerns(long workspaceId, long jobId) {
        return this.workspaceId == workspaceId && (this.jobId == null || this.jobId == jobId);
    }
}
