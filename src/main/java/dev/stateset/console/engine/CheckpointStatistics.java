package dev.stateset.console.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A job's checkpoint statistics as Flink keeps them (in memory of the JobManager, for the current run). */
public record CheckpointStatistics(
        Counts counts,
        Optional<Checkpoint> latestCompleted,
        Optional<Checkpoint> latestFailed,
        List<Checkpoint> history,
        Summary summary,
        Optional<Restored> restored) {

    public CheckpointStatistics(
            Counts counts,
            Optional<Checkpoint> latestCompleted,
            Optional<Checkpoint> latestFailed,
            List<Checkpoint> history) {
        this(counts, latestCompleted, latestFailed, history, Summary.NONE, Optional.empty());
    }

    /**
     * What the run restored at its start (or at its latest failover), as Flink reports it.
     *
     * @param externalPath the savepoint's or checkpoint's location; null when Flink kept no path (in-memory state)
     */
    public record Restored(long checkpointId, boolean savepoint, String externalPath) {}

    /** Minimum, average, maximum and 95th percentile of one figure over the run's completed checkpoints. */
    public record Stats(long min, long avg, long max, long p95) {
        public static final Stats NONE = new Stats(0, 0, 0, 0);
    }

    /**
     * Flink's summary of the run's completed checkpoints (Flink counts savepoints in it too): end-to-end duration in
     * milliseconds, full state size and checkpointed (incremental) size in bytes.
     */
    public record Summary(Stats durationMs, Stats fullSize, Stats checkpointedSize) {
        public static final Summary NONE = new Summary(Stats.NONE, Stats.NONE, Stats.NONE);
    }

    public record Counts(long triggered, long inProgress, long completed, long failed, long restored) {}

    /**
     * One checkpoint (or savepoint) attempt.
     *
     * @param endTime          completion (latest acknowledgement) or failure time; null while in progress
     * @param checkpointedSize bytes written by this checkpoint (smaller than fullSize when incremental)
     * @param fullSize         full state size
     */
    public record Checkpoint(
            long id,
            String status,
            boolean savepoint,
            Instant triggerTime,
            Instant endTime,
            Duration duration,
            long checkpointedSize,
            long fullSize,
            String externalPath,
            String failureMessage) {}
}
