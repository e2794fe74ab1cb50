package dev.stateset.console.stateset;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stateset.scheduler.*}: scheduled job snapshots, read by the policy's scheduler (when a due time fires) and by
 * the snapshot worker (how a failed scheduled snapshot is retried).
 *
 * @param gracePeriod     a due time missed while the console was down fires once if younger than this; older ones are
 *                        recorded as MISSED
 * @param triggerAttempts attempts of one scheduled snapshot, the first included
 * @param retryBackoff    the wait before the first retry; it doubles per attempt
 * @param claimers        threads that claim and record due time batches at the same time on PostgreSQL (on H2 always
 *                        one: DD009)
 */
@ConfigurationProperties(prefix = "stateset.scheduler")
public record SchedulerProperties(
        @DefaultValue("10m") Duration gracePeriod,
        @DefaultValue("3") int triggerAttempts,
        @DefaultValue("30s") Duration retryBackoff,
        @DefaultValue("2") int claimers) {

    public SchedulerProperties {
        triggerAttempts = Math.max(1, triggerAttempts);
        claimers = Math.max(1, claimers);
    }
}
