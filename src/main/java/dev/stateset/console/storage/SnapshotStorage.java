package dev.stateset.console.storage;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where snapshots and checkpoints live (local disk by default, or S3-compatible object storage).
 * Flink writes there; the console sizes and deletes. Every location is checked against the storage root: a
 * location outside it is refused, so a delete can never reach beyond the console's own data.
 */
public interface SnapshotStorage {

    /** Directory (as a Flink file-system URI) under which a job's snapshots are written. */
    String snapshotDirectory(long workspaceId, long jobId);

    /**
     * Directory (as a Flink file-system URI) that one snapshot's savepoint is written into ({@code …/snapshot-ID/}; Flink
     * adds its own {@code savepoint-…} directory below). One directory per snapshot lets a restarted console find out
     * what became of a snapshot that was in flight: its savepoint is complete when a {@code _metadata} is there.
     */
    default String snapshotDirectory(long workspaceId, long jobId, long snapshotId) {
        String jobDirectory = snapshotDirectory(workspaceId, jobId);
        return (jobDirectory.endsWith("/") ? jobDirectory : jobDirectory + "/")
                + SNAPSHOT_DIRECTORY_PREFIX
                + snapshotId;
    }

    /** Name prefix of the per-snapshot directories under a job's snapshot directory. */
    String SNAPSHOT_DIRECTORY_PREFIX = "snapshot-";

    /**
     * The location of a complete savepoint (a directory holding {@code _metadata}) directly below {@code directory}, if
     * there is one.
     */
    Optional<String> completedSavepoint(String directory);

    /** Directory (as a Flink file-system URI) under which a job's retained checkpoints are written. */
    String checkpointDirectory(long workspaceId, long jobId);

    /** True when the location lies below this storage's root (so the console may size and delete it). */
    boolean owns(String location);

    /** Total bytes of all files under the location. */
    long sizeOf(String location);

    /** True when anything exists under the location. */
    boolean exists(String location);

    /** Deletes everything under the location; deleting what is already gone succeeds. */
    void delete(String location);

    /**
     * Deletes the files of several snapshots; cleanup's way, so that an object store can batch across snapshots.
     * Never throws for one location: the ones that could not (all) be deleted come back with the reason.
     *
     * @return location → why it was not deleted; empty when everything went
     */
    default Map<String, String> deleteAll(Collection<String> locations) {
        Map<String, String> failed = new LinkedHashMap<>();
        for (String location : locations) {
            try {
                delete(location);
            } catch (StorageException e) {
                failed.put(location, e.getMessage());
            }
        }
        return failed;
    }

    /**
     * The newest retained checkpoint of a job (a {@code chk-N} directory with its {@code _metadata}) under the job's
     * checkpoint directory, across its runs; empty when there is none.
     */
    Optional<StoredCheckpoint> latestCheckpoint(long workspaceId, long jobId);

    /** A retained checkpoint: its location (to restore from) and when its metadata was written. */
    record StoredCheckpoint(String location, Instant completedAt) {}

    /**
     * Every snapshot directory stored for a workspace ({@code …/snapshots/ws-N/job-M/<name>}), whether or not a
     * record owns it: the input of the orphan report.
     */
    List<String> snapshotLocations(long workspaceId);

    /**
     * Checks that the storage answers and accepts writes where the console keeps snapshots, for health checks.
     *
     * @throws StorageException saying what is wrong (bucket missing, no permission, unreachable, not writable)
     */
    void checkAccess();
}
