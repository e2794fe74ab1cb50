package dev.stateset.console.job;

import dev.stateset.console.workspace.WorkspaceDetails;

/**
 * One job with the workspace it belongs to (and so the caller's role in it).
 *
 * @param restoredFromSnapshotId the snapshot the current run was restored from (protected from cleanup), or null
 * @param lastFailure            Flink's root cause when the current run failed, or null
 */
public record JobDetails(
        long id,
        WorkspaceDetails workspace,
        String name,
        String description,
        JobStatus status,
        String engineJobId,
        String artifact,
        String entryClass,
        String programArgs,
        int parallelism,
        CheckpointSettings checkpoints,
        StateParameters stateParameters,
        Long restoredFromSnapshotId,
        String lastFailure) {

    public boolean canEdit() {
        return workspace.canEdit();
    }
}
