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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries an IN_PROGRESS snapshot to COMPLETED or FAILED, off the UI thread: triggers the savepoint on Flink
 * with the snapshot's own trigger id (so a retry never makes a second savepoint), polls it, then sizes the
 * result in storage. Every step re-reads the row and writes in its own transaction, so a console restart
 * simply resumes: IN_PROGRESS rows are picked up again when the application is ready.
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
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "snapshot-worker");
        t.setDaemon(true);
        return t;
    });

    SnapshotWorker(SnapshotRepository snapshots, JobService jobs, JobEngines engines, SnapshotStorage storage,
            TransactionTemplate transactions, AuditLog audit, Clock clock,
            @Value("${stateset.engine.savepoint-timeout:10m}") Duration savepointTimeout,
            @Value("${stateset.engine.savepoint-poll-interval:300ms}") Duration pollInterval, ApplicationEventPublisher events,
            SnapshotAlerts alerts, @Value("${stateset.scheduler.trigger-attempts:3}") int scheduledAttempts,
            @Value("${stateset.scheduler.retry-backoff:30s}") Duration retryBackoff) {
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

    /** Starts (or resumes) work on a snapshot; returns at once. */
    public void submit(long snapshotId) {
        executor.execute(() -> advance(snapshotId));
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeInProgress() {
        snapshots.findByStatus(SnapshotStatus.IN_PROGRESS).forEach(s -> submit(s.getId()));
    }

    @jakarta.annotation.PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }

    /** One step: trigger if not yet triggered, else poll; reschedules itself while the savepoint runs. */
    void advance(long snapshotId) {
        SystemIdentity.run(() -> {
            try {
                step(snapshotId);
            } catch (RuntimeException e) {
                log.error("Snapshot {} could not advance", snapshotId, e);
                fail(snapshotId, "Internal error: " + e.getMessage());
            }
        });
    }

    private void step(long snapshotId) {
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
            case IN_PROGRESS -> later(snapshotId, pollInterval);
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
        later(snapshot.getId(), pollInterval);
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

    private void later(long snapshotId, Duration delay) {
        executor.schedule(() -> advance(snapshotId), delay.toMillis(), TimeUnit.MILLISECONDS);
    }
}
