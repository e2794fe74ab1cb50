package dev.stateset.console.stateset.internal;

import dev.stateset.console.alert.JobWebhook;
import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobLauncher;
import dev.stateset.console.job.JobRun;
import dev.stateset.console.job.JobService;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.RecoveryPoint;
import dev.stateset.console.stateset.RecoveryPointService;
import dev.stateset.console.stateset.SnapshotBlackouts;
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.stateset.SnapshotService;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Watches every job with a recovery-point objective: when a running job's newest restorable state grows older than
 * its objective, the breach is raised once (audit, the job's alert, one webhook POST, and a job snapshot when the job
 * asks for one); when restorable state is fresh again, or the job stops, it is closed. Raising is a conditional update,
 * so of several replicas only one posts.
 */
@Component
public class RecoveryPointGuard {

    private static final Logger log = LoggerFactory.getLogger(RecoveryPointGuard.class);

    private final RecoveryPointRows rows;
    private final JobService jobs;
    private final JobLauncher launcher;
    private final SnapshotService snapshots;
    private final SnapshotRepository snapshotRows;
    private final AuditLog audit;
    private final JobWebhook webhook;
    private final StateChanges changes;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final org.springframework.beans.factory.ObjectProvider<SnapshotBlackouts> blackouts;

    RecoveryPointGuard(
            RecoveryPointRows rows,
            JobService jobs,
            JobLauncher launcher,
            SnapshotService snapshots,
            SnapshotRepository snapshotRows,
            AuditLog audit,
            JobWebhook webhook,
            StateChanges changes,
            Clock clock,
            TransactionTemplate transactions,
            org.springframework.beans.factory.ObjectProvider<SnapshotBlackouts> blackouts) {
        this.blackouts = blackouts;
        this.transactions = transactions;
        this.rows = rows;
        this.jobs = jobs;
        this.launcher = launcher;
        this.snapshots = snapshots;
        this.snapshotRows = snapshotRows;
        this.audit = audit;
        this.webhook = webhook;
        this.changes = changes;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${stateset.recovery-point.check-interval:30s}",
            initialDelayString = "${stateset.recovery-point.check-interval:30s}")
    public void check() {
        List<RecoveryPointRows.Objective> objectives = rows.all();
        if (objectives.isEmpty()) {
            return;
        }
        Map<Long, RecoveryPointRows.Objective> byJob = new LinkedHashMap<>();
        objectives.forEach(o -> byJob.put(o.jobId(), o));
        Map<Long, JobDetails> details = SystemIdentity.call(() -> jobs.findAllForSystem(byJob.keySet()));
        Map<Long, RecoveryPointRows.Newest> newest = rows.newestRestorable(byJob.keySet());
        Instant now = clock.instant();
        for (RecoveryPointRows.Objective objective : byJob.values()) {
            JobDetails job = details.get(objective.jobId());
            if (job == null) {
                continue; // deleted meanwhile
            }
            try {
                judge(job, objective, newest.get(job.id()), now);
            } catch (RuntimeException e) {
                log.warn("Recovery point of job {} not judged", job.id(), e);
            }
        }
    }

    private void judge(
            JobDetails job, RecoveryPointRows.Objective objective, RecoveryPointRows.Newest newest, Instant now) {
        Instant runStart = newest == null && job.status().isRunning() ? runStart(job) : null;
        RecoveryPoint point = RecoveryPointService.compose(job.status(), objective, newest, runStart, now);
        long ws = job.workspace().id();
        if (point.breached() && objective.breachedAt() == null) {
            String text = describe(point);
            boolean raised = Boolean.TRUE.equals(transactions.execute(tx -> {
                if (!rows.raise(job.id(), now)) {
                    return false; // another replica raised it first
                }
                audit.record(ws, "job.recovery-point-breached", "job", job.id(), text);
                changes.publish(ws, job.id(), StateChange.Kind.JOB);
                return true;
            }));
            if (!raised) {
                return; // the replica that raised it posts, and takes the snapshot
            }
            log.warn("Job {} ({}): recovery-point objective breached: {}", job.name(), job.id(), text);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("objectiveMinutes", point.objective().toMinutes());
            fields.put("ageMinutes", point.age().toMinutes());
            fields.put("newestRestorable", point.newestRestorable());
            fields.put(
                    "newestRestorableAt",
                    point.newestRestorableAt() == null
                            ? null
                            : point.newestRestorableAt().toString());
            webhook.post(job.workspace(), job.id(), job.name(), "recovery-point.breach", fields);
            if (point.snapshotOnBreach()) {
                snapshotOnce(job, now, text, now);
            }
        } else if (point.breached() && point.snapshotOnBreach()) {
            // Still open: the snapshot a blackout window held back is taken once the window ends.
            snapshotOnce(job, objective.breachedAt(), describe(point), now);
        } else if (!point.breached() && objective.breachedAt() != null) {
            transactions.executeWithoutResult(tx -> {
                if (rows.close(job.id())) {
                    audit.record(
                            ws,
                            "job.recovery-point-met",
                            "job",
                            job.id(),
                            point.running()
                                    ? describe(point)
                                    : "job is " + job.status() + "; the objective applies while it runs");
                    changes.publish(ws, job.id(), StateChange.Kind.JOB);
                }
            });
        }
    }

    /**
     * One job snapshot per breach: none while the job is inside a blackout window (it is taken at a later check, once
     * the window has ended), none when any snapshot was started since the breach (one under way renews the recovery
     * point; one that failed is not retried every round).
     */
    private void snapshotOnce(JobDetails job, Instant breachedAt, String why, Instant now) {
        SnapshotBlackouts windows = blackouts.getIfAvailable();
        if (windows != null
                && SystemIdentity.call(() -> windows.windowEndAt(job, now)).isPresent()) {
            return;
        }
        if (snapshotRows.existsByJobIdAndCreatedAtGreaterThanEqual(job.id(), breachedAt)) {
            return;
        }
        try {
            SystemIdentity.call(() -> snapshots.create(
                    job.workspace().id(), job.id(), SnapshotFormat.CANONICAL, "Recovery-point guard: " + why));
        } catch (RuntimeException e) {
            log.warn("Job {}: the recovery-point guard's snapshot was refused: {}", job.id(), e.getMessage());
        }
    }

    private Instant runStart(JobDetails job) {
        return SystemIdentity.call(() -> launcher.runs(job.workspace().id(), job.id())).stream()
                .findFirst()
                .map(JobRun::startedAt)
                .orElse(null);
    }

    static String describe(RecoveryPoint point) {
        String newest = point.newestRestorable() == null
                ? "nothing restorable since the run started"
                : "newest restorable state is " + point.newestRestorable();
        return newest + ", " + point.age().toMinutes() + " min old; objective "
                + point.objective().toMinutes() + " min";
    }
}
