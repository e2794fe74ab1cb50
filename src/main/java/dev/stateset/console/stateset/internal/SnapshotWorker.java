package dev.stateset.console.stateset.internal;

import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;

import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.base.Chunks;
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
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.stateset.SnapshotTrigger;
import dev.stateset.console.stateset.TriggerIds;
import dev.stateset.console.storage.SnapshotStorage;
import dev.stateset.console.storage.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
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
 * Carries an IN_PROGRESS snapshot to COMPLETED or FAILED, off the UI thread: triggers the savepoint on Flink with the
 * snapshot's own trigger id (so a retry never makes a second savepoint), polls it, then sizes the result in storage.
 *
 * <p>With several console replicas, a snapshot is carried by one of them at a time, named by a lease in its row
 * ({@code worker_id}, {@code lease_until}). A new row is inserted already leased to the replica that creates it; a
 * heartbeat renews the leases of everything this replica carries with one statement; a replica that stops hands its
 * leases back, one that dies lets them lapse, and every replica's sweep adopts IN_PROGRESS rows whose lease has lapsed.
 * Every write is guarded by the lease ({@link InFlightRows}), so a replica that lost a snapshot writes nothing.
 *
 * <p>What a step needs (job, engine, trigger id, when the attempt started) is kept in memory while the snapshot is
 * carried, so polling costs no database work and a snapshot costs three short transactions: its INSERT (the caller's),
 * the trigger's record, the outcome with its audit row. Snapshots created together (a scheduler batch) are triggered in
 * groups with one batched write per group.
 */
@Component
public class SnapshotWorker {

    private static final Logger log = LoggerFactory.getLogger(SnapshotWorker.class);
    /** Snapshots triggered by one task, recorded with one batched UPDATE. Small enough to spread a batch over threads. */
    private static final int TRIGGER_GROUP = 50;

    /** A snapshot just inserted (leased to this worker) by its creator, with what the creator already knows. */
    public record NewSnapshot(long id, JobDetails job, SnapshotTrigger trigger, SnapshotFormat format, String triggerId, boolean drain,
            Instant createdAt) {}

    /** What this worker knows about a snapshot it carries; touched by one step at a time. */
    private static final class Carried {
        final long id;
        final JobDetails job;
        final SnapshotTrigger trigger;
        final SnapshotFormat format;
        final boolean drain;
        final Instant createdAt;
        String triggerId;
        int attempts;
        Instant attemptStartedAt;
        /** The Flink job the savepoint was triggered on; null until triggered. */
        String engineJobId;
        /** The Flink run the snapshot was requested of (null in rows from before it was recorded). */
        String requestedRun;
        int polls;
        /** When Flink accepted the trigger (System.nanoTime): the first poll is timed from then, not from our bookkeeping. */
        long triggeredNanos;

        Carried(long id, JobDetails job, SnapshotTrigger trigger, SnapshotFormat format, boolean drain, Instant createdAt,
                String triggerId, int attempts, Instant attemptStartedAt, String engineJobId) {
            this.id = id;
            this.job = job;
            this.trigger = trigger;
            this.format = format;
            this.drain = drain;
            this.createdAt = createdAt;
            this.triggerId = triggerId;
            this.attempts = attempts;
            this.attemptStartedAt = attemptStartedAt;
            this.engineJobId = engineJobId;
        }
    }

    private final SnapshotRepository snapshots;
    private final InFlightRows rows;
    private final JobService jobs;
    private final JobEngines engines;
    private final SnapshotStorage storage;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration savepointTimeout;
    private final Duration pollInterval;
    private final Duration firstPoll;
    private final ApplicationEventPublisher events;
    private final StateChanges changes;
    private final SnapshotAlerts alerts;
    private final SnapshotMetrics metrics;
    private final int scheduledAttempts;
    private final Duration retryBackoff;
    private final Duration lease;
    private final String workerId = newWorkerId();
    /** The snapshots this process carries: from creation or adoption until their outcome is written (or they are lost). */
    private final Map<Long, Carried> carried = new ConcurrentHashMap<>();
    /** Triggers (new or adopted snapshots), never queued behind the polls of snapshots in flight. */
    private final ExecutorService starts;
    /** Later steps (polls, retries after their backoff) each at its time, and the lease heartbeat. */
    private final ScheduledExecutorService executor;

    SnapshotWorker(SnapshotRepository snapshots, InFlightRows rows, JobService jobs, JobEngines engines, SnapshotStorage storage,
            TransactionTemplate transactions, AuditLog audit, Clock clock,
            @Value("${stateset.engine.savepoint-timeout:10m}") Duration savepointTimeout,
            @Value("${stateset.engine.savepoint-poll-interval:300ms}") Duration pollInterval, ApplicationEventPublisher events,
            SnapshotAlerts alerts, @Value("${stateset.scheduler.trigger-attempts:3}") int scheduledAttempts,
            @Value("${stateset.scheduler.retry-backoff:30s}") Duration retryBackoff,
            @Value("${stateset.engine.snapshot-lease:30s}") Duration lease, SnapshotMetrics metrics,
            @Value("${stateset.engine.snapshot-workers:4}") int workers,
            @Value("${stateset.engine.savepoint-first-poll:10ms}") Duration firstPoll, StateChanges changes) {
        this.changes = changes;
        this.snapshots = snapshots;
        this.rows = rows;
        this.jobs = jobs;
        this.engines = engines;
        this.storage = storage;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
        this.savepointTimeout = savepointTimeout;
        this.pollInterval = pollInterval;
        this.firstPoll = firstPoll;
        this.events = events;
        this.alerts = alerts;
        this.metrics = metrics;
        this.scheduledAttempts = Math.max(1, scheduledAttempts);
        this.retryBackoff = retryBackoff;
        this.lease = lease;
        // Steps wait on Flink's REST API and the database, not the CPU: a few threads keep many snapshots moving.
        int startThreads = Math.max(1, workers / 2);
        this.starts = Executors.newFixedThreadPool(startThreads, SnapshotWorker::daemonThread);
        this.executor = Executors.newScheduledThreadPool(Math.max(1, workers - startThreads), SnapshotWorker::daemonThread);
        long heartbeat = Math.max(100, lease.toMillis() / 3);
        executor.scheduleWithFixedDelay(this::renewLeases, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
    }

    /** This replica's name in {@code job_snapshot.worker_id}. */
    public String workerId() {
        return workerId;
    }

    /** Marks a row about to be inserted as carried by this replica, so that no other replica's sweep adopts it. */
    public void leaseNew(SnapshotEntity snapshot) {
        snapshot.leaseTo(workerId, newLeaseUntil());
    }

    /** Until when a row inserted now is leased to this replica (for rows inserted with SQL). */
    public Instant newLeaseUntil() {
        return clock.instant().plus(lease);
    }

    /** Starts work on snapshots just inserted with this worker's lease (after their transaction committed); returns at once. */
    public void start(List<NewSnapshot> created) {
        List<Carried> fresh = new ArrayList<>();
        for (NewSnapshot s : created) {
            Carried c = new Carried(s.id(), s.job(), s.trigger(), s.format(), s.drain(), s.createdAt(), s.triggerId(), 0, s.createdAt(), null);
            c.requestedRun = s.job().engineJobId();
            if (carried.putIfAbsent(s.id(), c) == null) {
                fresh.add(c);
            }
        }
        Chunks.of(fresh, TRIGGER_GROUP).forEach(this::triggerLater);
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
        List<Long> fresh = orphans.stream().filter(id -> !carried.containsKey(id)).toList();
        if (!fresh.isEmpty()) {
            log.info("Taking over {} IN_PROGRESS snapshot(s) without a live worker: {}", fresh.size(), fresh);
            fresh.forEach(id -> starts.execute(() -> SystemIdentity.run(() -> resume(id))));
        }
    }

    @jakarta.annotation.PreDestroy
    void shutdown() {
        starts.shutdownNow();
        executor.shutdownNow();
        try {
            int released = transactions.execute(tx -> snapshots.releaseLeases(workerId, clock.instant().minusMillis(1)));
            if (released > 0) {
                log.info("Handed {} IN_PROGRESS snapshot(s) over to the other console replicas", released);
            }
        } catch (RuntimeException e) {
            log.warn("Could not hand over snapshot leases on shutdown (they lapse after {}): {}", lease, e.toString());
        }
    }

    /** The heartbeat: one statement keeps every snapshot this replica carries leased to it. */
    private void renewLeases() {
        if (carried.isEmpty()) {
            return;
        }
        try {
            transactions.execute(tx -> rows.renew(carried.keySet(), workerId, clock.instant().plus(lease)));
        } catch (RuntimeException e) {
            // The next heartbeat tries again; if the leases lapse meanwhile, another replica adopts and our writes are refused.
            log.warn("Could not renew snapshot leases: {}", e.toString());
        }
    }

    /**
     * Takes over a snapshot from a replica that went away (or from before a restart): leases it, reads it, and goes on
     * where it stood. A retry's backoff, which that replica was waiting out in memory, is honoured from the row.
     */
    private void resume(long snapshotId) {
        Instant now = clock.instant();
        try {
            Integer leased = transactions.execute(tx -> snapshots.lease(snapshotId, workerId, now, now.plus(lease)));
            SnapshotEntity row = leased != null && leased > 0 ? snapshots.findById(snapshotId).orElse(null) : null;
            if (row == null || row.getStatus() != SnapshotStatus.IN_PROGRESS) {
                return; // finished meanwhile, or another replica took it first
            }
            JobDetails job = jobs.findForSystem(row.getJobId());
            Carried c = new Carried(row.getId(), job, row.getTrigger(), row.getFormat(), row.isStopDrain(), row.getCreatedAt(),
                    row.getTriggerId(), row.getAttempts(), row.getAttemptStartedAt() == null ? row.getCreatedAt() : row.getAttemptStartedAt(),
                    row.getEngineJobId());
            c.requestedRun = row.getRequestedRun();
            if (carried.putIfAbsent(snapshotId, c) != null) {
                return;
            }
            metrics.adopted();
            String runNow = job.engineJobId();
            if (c.requestedRun != null && !c.requestedRun.equals(runNow)) {
                // The console was down while the job's run changed (e.g. the embedded cluster restarted with it): the run
                // this snapshot was of is gone, so neither triggering nor polling can help; storage tells what was written.
                settleFromStorage(c, "The job's Flink run changed while the console was down (" + c.requestedRun + " → "
                        + (runNow == null ? "no run" : runNow) + ")");
            } else if (c.engineJobId != null) {
                poll(c);
            } else if (c.attemptStartedAt.isAfter(now)) {
                later(Duration.between(now, c.attemptStartedAt), () -> trigger(List.of(c)));
            } else {
                trigger(List.of(c));
            }
        } catch (RuntimeException e) {
            log.error("Snapshot {} could not be taken over", snapshotId, e);
            carried.remove(snapshotId);
        }
    }

    private void triggerLater(List<Carried> group) {
        starts.execute(() -> SystemIdentity.run(() -> trigger(group)));
    }

    /** Triggers each savepoint of the group on Flink, then records the triggered ones with one batched UPDATE. */
    private void trigger(List<Carried> group) {
        List<Carried> triggered = new ArrayList<>();
        for (Carried c : group) {
            try {
                if (c.job.engineJobId() == null) {
                    fail(c, "The job has no run on Flink");
                    continue;
                }
                if (timedOut(c)) {
                    fail(c, timeoutMessage());
                    continue;
                }
                SavepointRequest request = new SavepointRequest(storage.snapshotDirectory(c.job.workspace().id(), c.job.id(), c.id),
                        SavepointFormatType.valueOf(c.format.name()), c.triggerId);
                FlinkEngine engine = engines.of(c.job.workspace());
                if (c.trigger == SnapshotTrigger.STOP) {
                    engine.stopWithSavepoint(c.job.engineJobId(), request, c.drain);
                } else {
                    engine.triggerSavepoint(c.job.engineJobId(), request);
                }
                c.engineJobId = c.job.engineJobId();
                c.triggeredNanos = System.nanoTime();
                triggered.add(c);
            } catch (EngineRejectedException e) {
                if (e.httpStatus() == 404) {
                    failFinally(c, "Flink no longer has the job's run " + c.job.engineJobId()
                            + " (its cluster restarted, or the run ended); take a new snapshot once the job runs again");
                } else {
                    fail(c, e.getMessage());
                }
            } catch (EngineUnavailableException e) {
                fail(c, e.getMessage());
            } catch (RuntimeException e) {
                internalError(c, e);
            }
        }
        if (triggered.isEmpty()) {
            return;
        }
        boolean[] held;
        try {
            held = transactions.execute(tx -> rows.markTriggered(triggered.stream().map(c -> c.id).toList(),
                    triggered.stream().map(c -> c.engineJobId).toList(), workerId));
        } catch (RuntimeException e) {
            // Flink has the savepoints; the polls (which need no row) carry on and the outcome is written when it comes.
            log.warn("Could not record {} triggered snapshot(s): {}", triggered.size(), e.toString());
            held = new boolean[triggered.size()];
            java.util.Arrays.fill(held, true);
        }
        for (int i = 0; i < triggered.size(); i++) {
            Carried c = triggered.get(i);
            if (held[i]) {
                metrics.triggered(c.trigger);
                Duration sinceTrigger = Duration.ofNanos(System.nanoTime() - c.triggeredNanos);
                Duration firstPollIn = nextPoll(c).minus(sinceTrigger);
                later(firstPollIn.isNegative() ? Duration.ZERO : firstPollIn, () -> poll(c));
            } else {
                lost(c);
            }
        }
    }

    /** Asks Flink how the savepoint is doing; no database work until it has an outcome. */
    private void poll(Carried c) {
        try {
            if (timedOut(c)) {
                fail(c, timeoutMessage());
                return;
            }
            SavepointStatus status = engines.of(c.job.workspace()).savepointStatus(c.engineJobId, c.triggerId);
            switch (status.state()) {
                case IN_PROGRESS -> later(nextPoll(c), () -> poll(c));
                case FAILED -> fail(c, status.failureCause());
                case COMPLETED -> complete(c, status.location());
                case UNKNOWN -> settleFromStorage(c, status.failureCause());
            }
        } catch (EngineUnavailableException e) {
            // A blip while polling does not fail a savepoint that may well complete: try again until the timeout.
            log.warn("Polling snapshot {}: {}", c.id, e.getMessage());
            later(Duration.ofSeconds(2), () -> poll(c));
        } catch (EngineRejectedException e) {
            fail(c, e.getMessage());
        } catch (RuntimeException e) {
            internalError(c, e);
        }
    }

    private void complete(Carried c, String location) {
        Long size;
        String problem = null;
        try {
            size = storage.sizeOf(location);
        } catch (StorageException e) {
            size = null;
            problem = "Completed, but its size could not be read: " + e.getMessage();
        }
        Instant now = clock.instant();
        Long bytes = size;
        String sizeProblem = problem;
        boolean written = Boolean.TRUE.equals(transactions.execute(tx -> {
            if (!rows.complete(c.id, workerId, location, bytes, sizeProblem, now, Duration.between(c.createdAt, now).toMillis())) {
                return false;
            }
            audit.record(c.job.workspace().id(), "snapshot.completed", "snapshot", c.id, "location=" + location + ", bytes=" + bytes);
            changed(c);
            return true;
        }));
        if (written) {
            metrics.completed(c.trigger);
            finished(c, SnapshotStatus.COMPLETED);
        } else {
            lost(c);
        }
    }

    /**
     * Ends a snapshot whose savepoint request Flink can no longer answer for: COMPLETED when its savepoint was written
     * whole (a {@code _metadata} in the snapshot's own directory), otherwise FAILED with the reason in plain words and
     * its partial files removed, so that nothing is left without an owner.
     */
    private void settleFromStorage(Carried c, String why) {
        String directory = storage.snapshotDirectory(c.job.workspace().id(), c.job.id(), c.id);
        java.util.Optional<String> savepoint;
        try {
            savepoint = storage.completedSavepoint(directory);
        } catch (StorageException e) {
            // Storage cannot say now; the lease stays ours and the next poll asks again.
            log.warn("Snapshot {}: cannot read {} to settle it: {}", c.id, directory, e.getMessage());
            later(Duration.ofSeconds(5), () -> settleFromStorage(c, why));
            return;
        }
        if (savepoint.isPresent()) {
            log.info("Snapshot {}: {}; its savepoint was written whole at {}", c.id, why, savepoint.get());
            complete(c, savepoint.get());
            return;
        }
        String removed;
        try {
            storage.delete(directory);
            removed = "its partial files were removed";
        } catch (StorageException e) {
            removed = "its partial files could not be removed (" + e.getMessage() + ")";
        }
        failFinally(c, why + ", and no complete savepoint was written; " + removed + ". Take a new snapshot.");
    }

    /**
     * A failed attempt: a scheduled snapshot is retried with exponential backoff (a new trigger id per attempt, so each
     * attempt is itself idempotent) until its attempts are used up; everything else fails at once.
     */
    private void fail(Carried c, String cause) {
        fail(c, cause, true);
    }

    /** A failure no retry can mend (the run the snapshot was of is gone). */
    private void failFinally(Carried c, String cause) {
        fail(c, cause, false);
    }

    private void fail(Carried c, String cause, boolean retryable) {
        String why = cause == null ? "unknown failure" : cause;
        if (retryable && c.trigger == SnapshotTrigger.SCHEDULED && c.attempts + 1 < scheduledAttempts) {
            Duration backoff = retryBackoff.multipliedBy(1L << c.attempts);
            int attempts = c.attempts + 1;
            String triggerId = TriggerIds.derived(c.triggerId + ":retry:" + attempts);
            Instant retryAt = clock.instant().plus(backoff);
            String failure = "Attempt " + attempts + " failed: " + why;
            boolean written = Boolean.TRUE.equals(transactions.execute(tx -> {
                if (!rows.retry(c.id, workerId, attempts, triggerId, retryAt, failure)) {
                    return false;
                }
                audit.record(c.job.workspace().id(), "snapshot.retry", "snapshot", c.id,
                        "attempt " + attempts + " failed, retrying in " + backoff.toSeconds() + " s: " + why);
                changed(c);
                return true;
            }));
            if (!written) {
                lost(c);
                return;
            }
            c.attempts = attempts;
            c.triggerId = triggerId;
            c.attemptStartedAt = retryAt;
            c.engineJobId = null;
            c.polls = 0;
            later(backoff, () -> trigger(List.of(c)));
            return;
        }
        Instant now = clock.instant();
        boolean written = Boolean.TRUE.equals(transactions.execute(tx -> {
            if (!rows.fail(c.id, workerId, why, now, Duration.between(c.createdAt, now).toMillis())) {
                return false;
            }
            audit.record(c.job.workspace().id(), "snapshot.failed", "snapshot", c.id, why);
            changed(c);
            return true;
        }));
        if (!written) {
            lost(c);
            return;
        }
        metrics.failed(c.trigger);
        finished(c, SnapshotStatus.FAILED);
        if (c.trigger == SnapshotTrigger.SCHEDULED) {
            alerts.onScheduledFailure(c.job, why);
        }
    }

    private void internalError(Carried c, RuntimeException e) {
        log.error("Snapshot {} could not advance", c.id, e);
        try {
            fail(c, "Internal error: " + e.getMessage());
        } catch (RuntimeException again) {
            // The row stays IN_PROGRESS under a lease that is no longer renewed: a sweep takes it over once it lapses.
            log.error("Snapshot {}: the failure could not be recorded either", c.id, again);
            carried.remove(c.id);
        }
    }

    /** In the transaction that wrote the row: open pages of the job re-read its snapshots once it commits. */
    private void changed(Carried c) {
        changes.publish(c.job.workspace().id(), c.job.id(), StateChange.Kind.SNAPSHOT);
    }

    private void finished(Carried c, SnapshotStatus status) {
        carried.remove(c.id);
        events.publishEvent(new SnapshotFinished(c.id, c.job.id(), c.trigger, status));
    }

    /** Another replica holds the row now (our lease lapsed and it adopted the snapshot), or it has finished: let go. */
    private void lost(Carried c) {
        log.info("Snapshot {} is no longer carried by this replica ({}); leaving it to its current worker", c.id, workerId);
        carried.remove(c.id);
    }

    private boolean timedOut(Carried c) {
        return Duration.between(c.attemptStartedAt, clock.instant()).compareTo(savepointTimeout) > 0;
    }

    private String timeoutMessage() {
        return "Timed out: the savepoint did not complete within " + savepointTimeout.toMinutes() + " min (stateset.engine.savepoint-timeout)";
    }

    /**
     * When to ask Flink again: {@code savepoint-first-poll} (10 ms) after the trigger, then doubling up to the poll
     * interval. Most savepoints of small state finish in tens of milliseconds and show COMPLETED at once; a long one
     * costs a handful of extra polls.
     */
    private Duration nextPoll(Carried c) {
        c.polls++;
        Duration delay = firstPoll.multipliedBy(1L << Math.min(c.polls - 1, 20));
        return delay.compareTo(pollInterval) < 0 ? delay : pollInterval;
    }

    /** A step after a delay; the heartbeat keeps the lease meanwhile. */
    private void later(Duration delay, Runnable step) {
        executor.schedule(() -> SystemIdentity.run(step), delay.toMillis(), TimeUnit.MILLISECONDS);
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
