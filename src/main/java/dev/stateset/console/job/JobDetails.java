package dev.stateset.console.job;

import dev.stateset.console.workspace.WorkspaceDetails;

/**
 * One job with the workspace it belongs to (and so the caller's role in it).
 *
 * @param restoredFromSnapshotId the snapshot the current run was restored from (protected from cleanup), or null
 * @param lastFailure            Flink's root cause when the current run failed, or null
 * @param engineRestUrl          the job's own (application-mode) cluster, whose lifecycle a deployment system owns;
 *                               null when the job runs on its workspace's cluster
 * @param adoptedAt              when the console adopted the job from its cluster; null when the console created it
 * @param restoreVerified        whether Flink restored what the current run was started from: null while unknown (or
 *                               when it started empty), false when Flink restored something else or nothing
 * @param restoreVerdict         what Flink said it restored, in words; null while unknown
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
        String lastFailure,
        String engineRestUrl,
        java.time.Instant adoptedAt,
        Boolean restoreVerified,
        String restoreVerdict) {

    /**
     * Why the console cannot start this job, if it cannot: its lifecycle belongs to a deployment system, or it was
     * adopted without its jar. Everything else (snapshots, schedules, cleanup, stop) works either way.
     */
    public java.util.Optional<String> startUnavailable() {
        if (engineRestUrl != null) {
            return java.util.Optional.of("The job runs on its own application cluster (" + engineRestUrl
                    + "), whose deployment system owns its lifecycle: start it there, e.g. with the Flink Kubernetes "
                    + "Operator's initialSavepointPath set to a snapshot's location");
        }
        if (artifact == null) {
            return java.util.Optional.of("The job has no jar (it was adopted without one): edit the job and choose "
                    + "its jar (upload one or pick one the cluster has) to start it from the console");
        }
        if (entryClass == null) {
            return java.util.Optional.of("The job has no entry class: edit the job first");
        }
        return java.util.Optional.empty();
    }

    public boolean canEdit() {
        return workspace.canEdit();
    }
}
