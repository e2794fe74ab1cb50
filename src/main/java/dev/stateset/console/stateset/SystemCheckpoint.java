package dev.stateset.console.stateset;

import java.time.Duration;
import java.time.Instant;

/**
 * A system checkpoint (a Flink checkpoint, never a savepoint) as the console recorded it.
 *
 * @param run              the Flink job id of the run that took it
 * @param endTime          completion or failure time; null while in progress
 * @param checkpointedSize bytes this checkpoint wrote (less than fullSize when incremental)
 */
public record SystemCheckpoint(
        long checkpointId,
        String run,
        String status,
        Instant triggerTime,
        Instant endTime,
        Duration duration,
        long checkpointedSize,
        long fullSize,
        String externalPath,
        String failureMessage) {

    public boolean completed() {
        return "COMPLETED".equals(status);
    }

    public boolean failed() {
        return "FAILED".equals(status);
    }
}
