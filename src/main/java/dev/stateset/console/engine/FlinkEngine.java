package dev.stateset.console.engine;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A Flink cluster as the console drives it. One implementation talks Flink's JobManager REST API, to the
 * embedded in-process cluster and to any remote session cluster alike. Every method may throw
 * {@link EngineUnavailableException} (cannot reach the cluster in time) or {@link EngineRejectedException}
 * (the cluster answered with an error); none of them blocks longer than the adapter's timeouts.
 */
public interface FlinkEngine {

    /** Where the cluster's REST endpoint (and web UI) listens. */
    URI restUrl();

    /** All jobs the cluster knows, running or terminated. */
    List<EngineJob> listJobs();

    /** The cluster's Flink version as it reports it (e.g. {@code 2.1.1}, {@code 1.20.5}). */
    String version();

    /** One job, or empty if the cluster does not know it (e.g. after a cluster restart). */
    Optional<EngineJob> findJob(String engineJobId);

    /** The jars uploaded to the cluster (Flink's {@code /jars}), newest first. */
    List<ClusterJar> listJars();

    /** Uploads the jar (once per cluster and content) and starts the job; returns Flink's job id. */
    String startJob(JobLaunch launch);

    /**
     * Triggers a savepoint. {@code triggerId} (32 hex characters) is chosen by the caller, so that a retry of the
     * same request never creates a second savepoint.
     */
    void triggerSavepoint(String engineJobId, SavepointRequest request);

    /** Stops the job with a final savepoint (optionally draining its sources); poll with {@link #savepointStatus}. */
    void stopWithSavepoint(String engineJobId, SavepointRequest request, boolean drain);

    /** Status of a savepoint triggered by {@link #triggerSavepoint} or {@link #stopWithSavepoint}. */
    SavepointStatus savepointStatus(String engineJobId, String triggerId);

    /** Cancels the job without a savepoint. */
    void cancel(String engineJobId);

    /**
     * Triggers a checkpoint now ({@link FlinkVersions#triggersCheckpoints}); {@code full} asks for a full checkpoint
     * even where checkpoints are incremental. Returns Flink's trigger id for {@link #checkpointTriggerStatus}.
     */
    String triggerCheckpoint(String engineJobId, boolean full);

    /**
     * The id of the checkpoint a {@link #triggerCheckpoint} made, once it completed; empty while it is in progress.
     *
     * @throws EngineRejectedException with Flink's reason when the checkpoint failed
     */
    Optional<Long> checkpointTriggerStatus(String engineJobId, String triggerId);

    /** Checkpoint counts, latest completed/failed and recent history of a job. */
    CheckpointStatistics checkpointStatistics(String engineJobId);

    /** The checkpoint configuration the job runs with. */
    CheckpointConfiguration checkpointConfiguration(String engineJobId);

    /** Asks Flink to dispose (delete) a savepoint; returns when Flink reports the disposal as done. */
    void disposeSavepoint(String savepointPath);

    /** Flink's root-cause exception of a job, if it failed; empty when there is none. */
    Optional<String> failureCause(String engineJobId);
}
