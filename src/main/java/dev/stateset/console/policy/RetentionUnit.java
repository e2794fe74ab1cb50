package dev.stateset.console.policy;

import java.time.Duration;

/** Unit of the maximum retention period. */
public enum RetentionUnit {
    HOURS,
    DAYS;

    public Duration of(int value) {
        return this == HOURS ? Duration.ofHours(value) : Duration.ofDays(value);
    }
}
