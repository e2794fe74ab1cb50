package dev.stateset.console.stateset.internal;

import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.engine.EngineRejectedException;
import dev.stateset.console.engine.EngineUnavailableException;
import dev.stateset.console.engine.FlinkEngine;
import dev.stateset.console.engine.SavepointFormatType;
import dev.stateset.console.engine.SavepointRequest;
import dev.stateset.console.engine.SavepointStatus;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobEngines;
import dev.stateset.console.job.JobService;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.SnapshotFinished;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.stateset.SnapshotTrigger;
import dev.stateset.console.stateset.TriggerIds;
import dev.stateset.console.storage.SnapshotStorage;
import dev.stateset.console.storage.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries an IN_PROGRESS snapshot to COMPLETED or FAILED, off the UI thread: triggers the savepoint on Flink
 * with the snapshot's own trigger id (so a retry never makes a second savepoint), polls it, then sizes the
 * result in storage. Every step re-reads the row and writes in its own transaction.
 *
 * <p>With several console replicas, a snapshot is carried by one of them at a time: each step first takes or renews a
 * lease on the row ({@code worker_id}, {@code lease_until}). A replica that stops hands its leases back; one that dies
 * lets them lapse, and every replica's sweep picks up unleased IN_PROGRESS rows — so a snapshot triggered through one
 * replica completes even if that replica goes away, and nothing about it lives only in one process's memory.
 */
@Component
public class SnapshotWorker {

    private static final Logger log = LoggerFactory.getLogger(SnapshotWorker.class);

    private final SnapshotRepository snapshots;
    private final JobService jobs;
    private final JobEngines engines;
    private final SnapshotStorage storage;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration savepointTimeout;
    private final Duration pollInterval;
    private final ApplicationEventPublisher events;
    private final SnapshotAlerts alerts;
    private final int scheduledAttempts;
    private final Duration retryBackoff;
    private final String workerId = newWorkerId();
    /** Snapshots this process is carrying (one chain of steps each), and those whose next step is already scheduled. */
    private final Set<Long> carrying = ConcurrentHashMap.newKeySet();
    private final Set<Long> nextStepScheduled = ConcurrentHashMap.newKeySet();
    private final java.util.Map<Long, Integer> pollsSoFar = new ConcurrentHashMap<>();
    private final Duration lease;
    private final Duration firstPoll;
    private final SnapshotMetrics metrics;
    /** First steps (new or adopted snapshots: the trigger) — never queued behind the polls of snapshots in flight. */
    private final java.util.concurrent.ExecutorService starts;
    /** Later steps (polls, retries after their backoff), each at its time. */
    private final ScheduledExecutorService executor;

    SnapshotWorker(SnapshotRepository snapshots, JobService jobs, JobEngines engines, SnapshotStorage storage,
            TransactionTemplate transactions, AuditLog audit, Clock clock,
            @Value("${stateset.engine.savepoint-timeout:10m}") Duration savepointTimeout,
            @Value("${stateset.engine.savepoint-poll-interval:300ms}") Duration pollInterval, ApplicationEventPublisher events,
            SnapshotAlerts alerts, @Value("${stateset.scheduler.trigger-attempts:3}") int scheduledAttempts,
            @Value("${stateset.scheduler.retry-backoff:30s}") Duration retryBackoff,
            @Value("${stateset.engine.snapshot-lease:30s}") Duration lease, SnapshotMetrics metrics,
            @Value("${stateset.engine.snapshot-workers:4}") int workers,
            @Value("${stateset.engine.savepoint-first-poll:10ms}") Duration firstPoll) {
        this.firstPoll = firstPoll;
        // Steps wait on Flink's REST API and the database, not the CPU: a few threads keep many snapshots moving.
        int startThreads = Math.max(1, workers / 2);
        this.starts = Executors.newFixedThreadPool(startThreads, SnapshotWorker::daemonThread);
        this.executor = Executors.newScheduledThreadPool(Math.max(1, workers - startThreads), SnapshotWorker::daemonThread);
        this.lease = lease;
        this.metrics = metrics;
        this.events = events;
        this.alerts = alerts;
        this.scheduledAttempts = Math.max(1, scheduledAttempts);
        this.retryBackoff = retryBackoff;
        this.pollInterval = pollInterval;
        this.snapshots = snapshots;
        this.jobs = jobs;
        this.engines = engines;
        this.storage = storage;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
        this.savepointTimeout = savepointTimeout;
    }

    /** This replica's name in {@code job_snapshot.worker_id}. */
    public String workerId() {
        return workerId;
    }

    /** Starts (or resumes) work on a snapshot; returns at once. */
    public void submit(long snapshotId) {
        if (carrying.add(snapshotId)) {
            starts.execute(() -> advance(snapshotId, false));
        }
    }

    /** At start-up and then periodically: take over IN_PROGRESS snapshots whose replica stopped or died. */
    @EventListener(ApplicationReadyEvent.class)
    void resumeInProgress() {
        // A fresh worker id holds no lease yet: every IN_PROGRESS row without a live lease elsewhere is ours to resume.
        adopt(snapshots.unleasedInProgress(clock.instant(), clock.instant()));
    }

    @Scheduled(fixedDelayString = "${stateset.engine.snapshot-sweep-interval:10s}", initialDelayString = "${stateset.engine.snapshot-sweep-interval:10s}")
    void adoptUnleased() {
        adopt(snapshots.unleasedInProgress(clock.instant(), clock.instant().minus(lease)));
    }

    private void adopt(List<Long> orphans) {
        if (!orphans.isEmpty()) {
            log.info("Taking over {} IN_PROGRESS snapshot(s) without a live worker: {}", orphans.size(), orphans);
            orphans.forEach(id -> {
                if (carrying.add(id)) {
                    starts.execute(() -> advance(id, true));
                }
            });
        }
    }

    @jakarta.annotation.PreDestroy
    void shutdown() {
        starts.shutdownNow();
        executor.shutdownNow();
        try {
            int released = transactions.execute(tx -> snapshots.releaseLeases(workerId));
            if (released > 0) {
                log.info("Handed {} IN_PROGRESS snapshot(s) over to the other console replicas", released);
            }
        } catch (RuntimeException e) {
            log.warn("Could not hand over snapshot leases on shutdown (they lapse after {}): {}", lease, e.toString());
        }
    }

    /**
     * One step: trigger if not yet triggered, else poll; reschedules itself while the savepoint runs.
     *
     * @param adopted taken over from a replica that went away (or from before a restart): a retry's backoff, which
     *                that replica was waiting out in memory, is honoured from the row instead of triggering at once
     */
    void advance(long snapshotId, boolean adopted) {
        try {
            Instant now = clock.instant();
            Integer leased = transactions.execute(tx -> snapshots.lease(snapshotId, workerId, now, now.plus(lease)));
            if (leased != null && leased > 0) { // else finished, or another replica carries it
                SystemIdentity.run(() -> step(snapshotId, adopted));
            }
        } catch (RuntimeException e) {
            log.error("Snapshot {} could not advance", snapshotId, e);
            SystemIdentity.run(() -> fail(snapshotId, "Internal error: " + e.getMessage()));
        } finally {
            if (!nextStepScheduled.remove(snapshotId)) {
                carrying.remove(snapshotId);
                pollsSoFar.remove(snapshotId);
            }
        }
    }

    private void step(long snapshotId, boolean adopted) {
        SnapshotEntity snapshot = snapshots.findById(snapshotId).orElse(null);
        if (snapshot == null || snapshot.getStatus() != SnapshotStatus.IN_PROGRESS) {
            return;
        }
        JobDetails job;
        FlinkEngine engine;
        try {
            job = jobs.findForSystem(snapshot.getJobId());
            engine = engines.of(job.workspace());
        } catch (EngineUnavailableException e) {
            fail(snapshotId, e.getMessage());
            return;
        }
        Instant attemptStart = snapshot.getAttemptStartedAt() == null ? snapshot.getCreatedAt() : snapshot.getAttemptStartedAt();
        if (Duration.between(attemptStart, clock.instant()).compareTo(savepointTimeout) > 0) {
            fail(snapshotId, "Timed out: the savepoint did not complete within " + savepointTimeout.toMinutes()
                    + " min (stateset.engine.savepoint-timeout)");
            return;
        }
        if (snapshot.getEngineJobId() == null) {
            if (adopted && snapshot.getAttemptStartedAt() != null && snapshot.getAttemptStartedAt().isAfter(clock.instant())) {
                later(snapshotId, Duration.between(clock.instant(), snapshot.getAttemptStartedAt()));
                return;
            }
            trigger(snapshot, job, engine);
            return;
        }
        SavepointStatus status;
        try {
            status = engine.savepointStatus(snapshot.getEngineJobId(), snapshot.getTriggerId());
        } catch (EngineUnavailableException e) {
            // A blip while polling does not fail a savepoint that may well complete: try again until the timeout.
            log.warn("Polling snapshot {}: {}", snapshotId, e.getMessage());
            later(snapshotId, Duration.ofSeconds(2));
            return;
        } catch (EngineRejectedException e) {
            fail(snapshotId, e.getMessage());
            return;
        }
        switch (status.state()) {
            case IN_PROGRESS -> later(snapshotId, nextPoll(snapshotId));
            case FAILED -> fail(snapshotId, status.failureCause());
            case COMPLETED -> complete(snapshotId, status.location());
        }
    }

    private void trigger(SnapshotEntity snapshot, JobDetails job, FlinkEngine engine) {
        if (job.engineJobId() == null) {
            fail(snapshot.getId(), "The job has no run on Flink");
            return;
        }
        SavepointRequest request = new SavepointRequest(storage.snapshotDirectory(job.workspace().id(), job.id()),
                SavepointFormatType.valueOf(snapshot.getFormat().name()), snapshot.getTriggerId());
        try {
            if (snapshot.getTrigger() == SnapshotTrigger.STOP) {
                engine.stopWithSavepoint(job.engineJobId(), request, snapshot.isStopDrain());
            } else {
                engine.triggerSavepoint(job.engineJobId(), request);
            }
        } catch (EngineUnavailableException | EngineRejectedException e) {
            fail(snapshot.getId(), e.getMessage());
            return;
        }
        transactions.executeWithoutResult(tx -> snapshots.findById(snapshot.getId())
                .ifPresent(s -> s.setEngineJobId(job.engineJobId())));
        metrics.triggered(snapshot.getTrigger());
        later(snapshot.getId(), nextPoll(snapshot.getId()));
    }

    private void complete(long snapshotId, String location) {
        Long size;
        String sizeProblem = null;
        try {
            size = storage.sizeOf(location);
        } catch (StorageException e) {
            size = null;
            sizeProblem = e.getMessage();
        }
        Long finalSize = size;
        String problem = sizeProblem;
        transactions.executeWithoutResult(tx -> snapshots.findById(snapshotId).ifPresent(s -> {
            if (s.getStatus() != SnapshotStatus.IN_PROGRESS) {
                return;
            }
            Instant now = clock.instant();
            s.setStatus(SnapshotStatus.COMPLETED);
            s.setLocation(location);
            s.setSizeBytes(finalSize);
            s.setCompletedAt(now);
            s.setDurationMs(Duration.between(s.getCreatedAt(), now).toMillis());
            if (problem != null) {
                s.setFailureCause("Completed, but its size could not be read: " + problem);
            }
            audit.record(workspaceOf(s), "snapshot.completed", "snapshot", snapshotId, "location=" + location + ", bytes=" + finalSize);
            metrics.completed(s.getTrigger());
        }));
        publishFinished(snapshotId);
    }

    /**
     * A failed attempt: a scheduled snapshot is retried with exponential backoff (a new trigger id per attempt, so
     * each attempt is itself idempotent) until its attempts are used up; everything else fails at once.
     */
    private void fail(long snapshotId, String cause) {
        Duration retryIn = transactions.execute(tx -> snapshots.findById(snapshotId)
                .filter(s -> s.getStatus() == SnapshotStatus.IN_PROGRESS && s.getTrigger() == SnapshotTrigger.SCHEDULED
                        && s.getAttempts() + 1 < scheduledAttempts)
                .map(s -> {
                    Duration backoff = retryBackoff.multipliedBy(1L << s.getAttempts());
                    s.setAttempts(s.getAttempts() + 1);
                    s.setEngineJobId(null);
                    s.setTriggerId(TriggerIds.derived(s.getTriggerId() + ":retry:" + s.getAttempts()));
                    s.setAttemptStartedAt(clock.instant().plus(backoff));
                    s.setFailureCause("Attempt " + s.getAttempts() + " failed: " + cause);
                    audit.record(workspaceOf(s), "snapshot.retry", "snapshot", snapshotId,
                            "attempt " + s.getAttempts() + " failed, retrying in " + backoff.toSeconds() + " s: " + cause);
                    return backoff;
                }).orElse(null));
        if (retryIn != null) {
            later(snapshotId, retryIn);
            return;
        }
        failFinally(snapshotId, cause);
        snapshots.findById(snapshotId).filter(s -> s.getTrigger() == SnapshotTrigger.SCHEDULED && s.getStatus() == SnapshotStatus.FAILED)
                .ifPresent(s -> alerts.onScheduledFailure(jobs.findForSystem(s.getJobId()), s.getFailureCause()));
    }

    private void failFinally(long snapshotId, String cause) {
        transactions.executeWithoutResult(tx -> snapshots.findById(snapshotId).ifPresent(s -> {
            if (s.getStatus() != SnapshotStatus.IN_PROGRESS) {
                return;
            }
            Instant now = clock.instant();
            s.setStatus(SnapshotStatus.FAILED);
            s.setFailureCause(cause == null ? "unknown failure" : cause);
            s.setCompletedAt(now);
            s.setDurationMs(Duration.between(s.getCreatedAt(), now).toMillis());
            audit.record(workspaceOf(s), "snapshot.failed", "snapshot", snapshotId, s.getFailureCause());
            metrics.failed(s.getTrigger());
        }));
        publishFinished(snapshotId);
    }

    private void publishFinished(long snapshotId) {
        snapshots.findById(snapshotId).filter(s -> s.getStatus() == SnapshotStatus.COMPLETED || s.getStatus() == SnapshotStatus.FAILED)
                .ifPresent(s -> events.publishEvent(new SnapshotFinished(s.getId(), s.getJobId(), s.getTrigger(), s.getStatus())));
    }

    private Long workspaceOf(SnapshotEntity s) {
        return jobs.findForSystem(s.getJobId()).workspace().id();
    }

    /**
     * When to ask Flink again: {@code savepoint-first-poll} (10 ms) after the trigger, then doubling up to the poll
     * interval. Most savepoints of small state finish in tens of milliseconds and show COMPLETED at once; a long one
     * costs a handful of extra polls.
     */
    private Duration nextPoll(long snapshotId) {
        int polls = pollsSoFar.merge(snapshotId, 1, Integer::sum);
        Duration delay = firstPoll.multipliedBy(1L << Math.min(polls - 1, 20));
        return delay.compareTo(pollInterval) < 0 ? delay : pollInterval;
    }

    /** The next step after a delay, keeping the lease for the wait so that no other replica steps in meanwhile. */
    private void later(long snapshotId, Duration delay) {
        Instant now = clock.instant();
        transactions.execute(tx -> snapshots.lease(snapshotId, workerId, now, now.plus(delay).plus(lease)));
        nextStepScheduled.add(snapshotId);
        executor.schedule(() -> advance(snapshotId, false), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Thread daemonThread(Runnable work) {
        Thread thread = new Thread(work, "snapshot-worker");
        thread.setDaemon(true);
        return thread;
    }

    private static String newWorkerId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "console";
        }
        String id = UUID.randomUUID().toString().substring(0, 8);
        return (host.length() > 50 ? host.substring(0, 50) : host) + "-" + id;
    }
}
