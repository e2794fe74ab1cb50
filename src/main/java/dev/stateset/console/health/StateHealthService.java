package dev.stateset.console.health;

import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobSummary;
import dev.stateset.console.policy.PolicyService;
import dev.stateset.console.stateset.RecoveryPoint;
import dev.stateset.console.stateset.RecoveryPointService;
import dev.stateset.console.stateset.SnapshotFacts;
import dev.stateset.console.stateset.StateSetService;
import dev.stateset.console.workspace.WorkspaceService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The State health of a workspace: one line per job from each owning feature's facts, read for all jobs at once (a
 * bounded number of queries for hundreds of jobs, never one per job).
 */
@Service
public class StateHealthService {

    static final BigDecimal BYTES_PER_GB = BigDecimal.valueOf(1L << 30);

    private final JobService jobs;
    private final RecoveryPointService recoveryPoints;
    private final StateSetService stateSets;
    private final PolicyService policies;
    private final WorkspaceService workspaces;
    private final java.time.Clock clock;

    StateHealthService(
            JobService jobs,
            RecoveryPointService recoveryPoints,
            StateSetService stateSets,
            PolicyService policies,
            WorkspaceService workspaces,
            java.time.Clock clock) {
        this.clock = clock;
        this.jobs = jobs;
        this.recoveryPoints = recoveryPoints;
        this.stateSets = stateSets;
        this.policies = policies;
        this.workspaces = workspaces;
    }

    @Transactional(readOnly = true)
    public StateHealth of(long workspaceId) {
        Instant asOf = clock.instant();
        BigDecimal price = workspaces.settings(workspaceId).storagePricePerGbMonth();
        List<JobSummary> listed = jobs.list(workspaceId);
        Map<Long, RecoveryPoint> points = recoveryPoints.ofJobs(workspaceId, listed);
        Map<Long, SnapshotFacts> facts = stateSets.snapshotFacts(workspaceId);
        Map<Long, Instant> nextDue = policies.nextDueTimes(workspaceId);
        List<JobHealth> lines = listed.stream()
                .map(job -> line(
                        job,
                        points.get(job.id()),
                        facts.getOrDefault(job.id(), SnapshotFacts.NONE),
                        nextDue.get(job.id()),
                        price))
                .toList();
        long bytes = lines.stream().mapToLong(JobHealth::snapshotBytes).sum();
        return new StateHealth(
                lines,
                (int) lines.stream().filter(JobHealth::breached).count(),
                bytes,
                price,
                monthlyCost(bytes, price),
                asOf);
    }

    private static JobHealth line(
            JobSummary job, RecoveryPoint point, SnapshotFacts facts, Instant nextDue, BigDecimal price) {
        return new JobHealth(
                job.id(),
                job.name(),
                job.status(),
                point == null || point.objective() == null
                        ? null
                        : point.objective().toMinutes(),
                point == null || point.age() == null ? null : point.age().toSeconds(),
                point == null ? null : point.newestRestorable(),
                point == null ? null : point.newestRestorableAt(),
                point != null && point.breached(),
                facts.lastResult(),
                facts.lastFinishedAt(),
                nextDue,
                facts.kept().snapshots(),
                facts.kept().bytes(),
                monthlyCost(facts.kept().bytes(), price));
    }

    /** Bytes at a price per GB-month, to the cent; null without a price. */
    static BigDecimal monthlyCost(long bytes, BigDecimal pricePerGbMonth) {
        if (pricePerGbMonth == null) {
            return null;
        }
        return BigDecimal.valueOf(bytes).multiply(pricePerGbMonth).divide(BYTES_PER_GB, 2, RoundingMode.HALF_UP);
    }
}
