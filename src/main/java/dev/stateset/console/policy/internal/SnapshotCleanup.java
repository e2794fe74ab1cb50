package dev.stateset.console.policy.internal;

import dev.stateset.console.base.Chunks;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobService;
import dev.stateset.console.policy.RetentionUnit;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.SnapshotBatches;
import dev.stateset.console.stateset.SnapshotFinished;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.stateset.SnapshotTrigger;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Automatic cleanup of scheduled snapshots while a job runs: after each completed scheduled snapshot and
 * periodically (which also retries deletes that failed). What to delete is {@link RetentionSelector}'s decision;
 * each deletion is claimed, files first, then the tombstone (see {@link SnapshotBatches#deleteForRetention}).
 */
@Component
public class SnapshotCleanup {

    private static final Logger log = LoggerFactory.getLogger(SnapshotCleanup.class);
    /** A delete that has not finished after this long was interrupted (deletes take seconds, not minutes). */
    static final java.time.Duration STALE_DELETION = java.time.Duration.ofMinutes(30);
    /** How long completions are gathered before their jobs are cleaned up together. */
    private static final java.time.Duration COALESCE = java.time.Duration.ofMillis(200);

    private final PolicyRepository policies;
    private final JobService jobs;
    private final SnapshotBatches snapshots;
    private final Clock clock;

    /** Jobs with a scheduled snapshot completed since the last drain; one drain handles them all. */
    private final Set<Long> completedSinceDrain = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final java.util.concurrent.atomic.AtomicBoolean drainScheduled =
            new java.util.concurrent.atomic.AtomicBoolean();
    /** Its own thread: cleanup after completions runs whether or not the console's periodic tasks are enabled. */
    private final ThreadPoolTaskScheduler drains = new ThreadPoolTaskScheduler();

    SnapshotCleanup(PolicyRepository policies, JobService jobs, SnapshotBatches snapshots, Clock clock) {
        // Spring's scheduler, owned by this bean: published as a TaskScheduler bean it would run every @Scheduled
        // method.
        drains.setDaemon(true);
        drains.setThreadNamePrefix("snapshot-cleanup-");
        drains.initialize();
        this.policies = policies;
        this.jobs = jobs;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        drains.shutdown();
    }

    /**
     * Cleans up after completed scheduled snapshots, shortly after and together: when thousands complete in the same
     * seconds (a schedule due for every job at once), one query finds which of their jobs have a cleanup rule instead
     * of one lookup per snapshot on the worker's thread.
     */
    @EventListener
    void onSnapshotFinished(SnapshotFinished finished) {
        if (finished.trigger() == SnapshotTrigger.SCHEDULED && finished.status() == SnapshotStatus.COMPLETED) {
            completedSinceDrain.add(finished.jobId());
            if (drainScheduled.compareAndSet(false, true)) {
                drains.getScheduledExecutor()
                        .schedule(
                                this::drainCompleted, COALESCE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
    }

    private void drainCompleted() {
        drainScheduled.set(false); // completions from now on schedule the next drain
        List<Long> jobIds = new java.util.ArrayList<>(completedSinceDrain);
        completedSinceDrain.removeAll(jobIds);
        for (List<Long> chunk : Chunks.of(jobIds, 1000)) {
            for (PolicyEntity policy : policies.findCleanupEnabledAmong(chunk)) {
                try {
                    cleanJob(policy.getJobId());
                } catch (RuntimeException e) {
                    log.warn(
                            "Cleanup of job {} failed (the periodic cleanup retries): {}",
                            policy.getJobId(),
                            e.toString());
                }
            }
        }
    }

    @Scheduled(
            fixedDelayString = "${stateset.cleanup.interval:5m}",
            initialDelayString = "${stateset.cleanup.interval:5m}")
    void periodic() {
        SystemIdentity.run(() -> snapshots.releaseStaleDeletions(STALE_DELETION));
        for (PolicyEntity policy : policies.findByCleanupEnabledTrue()) {
            try {
                cleanJob(policy.getJobId());
            } catch (RuntimeException e) {
                log.warn("Cleanup of job {} failed: {}", policy.getJobId(), e.toString());
            }
        }
    }

    /** Applies the job's cleanup rule now; returns the snapshots it deleted (or failed to). */
    public List<JobSnapshot> cleanJob(long jobId) {
        return SystemIdentity.call(() -> {
            Optional<PolicyEntity> policy = policies.findByJobId(jobId);
            if (policy.isEmpty() || !policy.get().isCleanupEnabled()) {
                return List
                        .of(); // before the job lookup: most completed snapshots belong to jobs without a cleanup rule
            }
            JobDetails job = jobs.findForSystem(jobId);
            if (!job.status().isRunning()) {
                return List.of();
            }
            PolicyEntity p = policy.get();
            RetentionSelector.Rule rule = new RetentionSelector.Rule(
                    p.getKeepCount(),
                    p.getMaxRetentionValue() == null
                            ? Optional.empty()
                            : Optional.of(
                                    (p.getMaxRetentionUnit() == null ? RetentionUnit.DAYS : p.getMaxRetentionUnit())
                                            .of(p.getMaxRetentionValue())));
            List<RetentionSelector.Candidate> candidates = snapshots.liveSnapshots(jobId).stream()
                    .map(s -> new RetentionSelector.Candidate(s.id(), s.trigger(), s.status(), s.completedAt()))
                    .toList();
            Set<Long> protectedIds =
                    job.restoredFromSnapshotId() == null ? Set.of() : Set.of(job.restoredFromSnapshotId());
            Map<Long, String> reasons = new LinkedHashMap<>();
            for (RetentionSelector.Deletion deletion :
                    RetentionSelector.select(candidates, rule, clock.instant(), protectedIds)) {
                reasons.put(deletion.id(), deletion.reason());
            }
            return reasons.isEmpty() ? List.<JobSnapshot>of() : snapshots.deleteForRetention(reasons);
        });
    }
}
