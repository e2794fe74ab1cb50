package dev.stateset.console.job;

import java.time.Duration;

/**
 * State parameters applied at the next start: {@code state.backend.incremental}, {@code table.exec.state.ttl}
 * (zero means state never expires) and the local temporary directory ({@code io.tmp.dirs}; blank = Flink's default).
 */
public record StateParameters(boolean incrementalCheckpoints, Duration stateTtl, String localTempDir) {

    public static StateParameters defaults() {
        return new StateParameters(false, Duration.ZERO, "");
    }
}
