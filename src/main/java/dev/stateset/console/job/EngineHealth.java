package dev.stateset.console.job;

import java.time.Instant;

/**
 * Whether the console could reach a workspace's Flink cluster at its last attempt.
 *
 * @param problem null when reachable; otherwise what went wrong, to show instead of failing
 */
public record EngineHealth(boolean reachable, String problem, Instant checkedAt) {

    public static EngineHealth unknown() {
        return new EngineHealth(true, null, null);
    }
}
