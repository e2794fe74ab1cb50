package dev.stateset.console.health;

import dev.stateset.console.job.JobStatus;
import dev.stateset.console.stateset.SnapshotStatus;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One job's line on the State health page.
 *
 * @param objectiveMinutes          its recovery-point objective; null when it has none
 * @param recoveryPointAgeSeconds   how old its newest restorable state is (or, with none, how long its run has gone
 *                                  without); null when unknown
 * @param newestRestorable          the newest completed checkpoint or job snapshot, in words; null when there is none
 * @param breached                  whether the running job's recovery point is older than its objective now
 * @param lastSnapshotResult        COMPLETED or FAILED: how its newest finished job snapshot ended; null when none has
 * @param nextScheduledAt           when its schedule next takes a snapshot; null when it has no schedule
 * @param snapshotBytes             what its kept job snapshots occupy in storage
 * @param estimatedMonthlyCost      {@code snapshotBytes} at the workspace's price per GB-month; null when no price is set
 */
public record JobHealth(
        long jobId,
        String name,
        JobStatus status,
        Long objectiveMinutes,
        Long recoveryPointAgeSeconds,
        String newestRestorable,
        Instant newestRestorableAt,
        boolean breached,
        SnapshotStatus lastSnapshotResult,
        Instant lastSnapshotAt,
        Instant nextScheduledAt,
        long snapshotCount,
        long snapshotBytes,
        BigDecimal estimatedMonthlyCost) {}
