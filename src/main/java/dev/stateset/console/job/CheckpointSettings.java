package dev.stateset.console.job;

import java.time.Duration;

/**
 * A job's checkpoint configuration, applied as Flink configuration when the job is next started.
 *
 * @param retained number of completed checkpoints Flink keeps (Flink's default is 1)
 */
public record CheckpointSettings(Duration interval, Duration timeout, Duration minPause, int retained) {

    public static final Duration MIN_INTERVAL = Duration.ofSeconds(10);
    public static final Duration MAX_INTERVAL = Duration.ofDays(1);
    public static final int MAX_RETAINED = 100;

    public static CheckpointSettings defaults() {
        return new CheckpointSettings(Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ZERO, 1);
    }
}
