package dev.stateset.console.health;

import java.math.BigDecimal;
import java.util.List;

/**
 * Every job of a workspace at a glance: recovery point against objective, snapshots and what they cost.
 *
 * @param storagePricePerGbMonth the workspace's price (GB of 2^30 bytes, as S3 bills); null when not set
 * @param estimatedMonthlyCost   all jobs' snapshots at that price; null when no price is set
 * @param asOf                   the console's time the ages are measured at
 */
public record StateHealth(
        List<JobHealth> jobs,
        int breached,
        long snapshotBytes,
        BigDecimal storagePricePerGbMonth,
        BigDecimal estimatedMonthlyCost,
        java.time.Instant asOf) {}
