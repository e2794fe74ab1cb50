package dev.stateset.console.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A job's checkpoint statistics as Flink keeps them (in memory of the JobManager, for the current run). */
public record CheckpointStatistics(Counts counts, Optional<Checkpoint> latestCompleted, Optional<Checkpoint> latestFailed,
        List<Checkpoint> history) {

    public record Counts(long triggered, long inProgress, long completed, long failed, long restored) {}

    /**
     * One checkpoint (or savepoint) attempt.
     *
     * @param endTime          completion (latest acknowledgement) or failure time; null while in progress
     * @param checkpointedSize bytes written by this checkpoint (smaller than fullSize when incremental)
     * @param fullSize         full state size
     */
    public record Checkpoint(long id, String status, boolean savepoint, Instant triggerTime, Instant endTime,
            Duration duration, long checkpointedSize, long fullSize, String externalPath, String failureMessage) {}
}
