package dev.stateset.console.stateset.internal;

import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.SchedulerProperties;
import dev.stateset.console.stateset.SnapshotFinished;
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
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes how a carried snapshot ended (COMPLETED with its size, FAILED with the reason, or a retry of a scheduled
 * snapshot), each with its audit row and the change for open pages in one transaction. Every write is guarded by this
 * replica's lease ({@link InFlightRows}); a refused write means another replica holds the snapshot now, and this one
 * lets go.
 */
@Component
class SnapshotOutcomes {

    private static final Logger log = LoggerFactory.getLogger(SnapshotOutcomes.class);
    /** Completions recorded by one transaction at most. */
    private static final int COMPLETION_BATCH = 200;

    private final CarriedSnapshots carried;
    private final InFlightRows rows;
    private final SnapshotStorage storage;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final Clock clock;
    private final SchedulerProperties scheduler;
    private final ApplicationEventPublisher events;
    private final StateChanges changes;
    private final SnapshotAlerts alerts;
    private final SnapshotMetrics metrics;
    private final SnapshotThreads threads;
    private final Queue<Completed> completions = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean completionWriter = new AtomicBoolean();

    SnapshotOutcomes(
            CarriedSnapshots carried,
            InFlightRows rows,
            SnapshotStorage storage,
            TransactionTemplate transactions,
            AuditLog audit,
            Clock clock,
            SchedulerProperties scheduler,
            ApplicationEventPublisher events,
            StateChanges changes,
            SnapshotAlerts alerts,
            SnapshotMetrics metrics,
            SnapshotThreads threads) {
        this.threads = threads;
        this.carried = carried;
        this.rows = rows;
        this.storage = storage;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
        this.scheduler = scheduler;
        this.events = events;
        this.changes = changes;
        this.alerts = alerts;
        this.metrics = metrics;
    }

    /**
     * The savepoint is written: COMPLETED with its size (or with why its size is unknown). Completions are written in
     * batches ({@link #writeCompletions}): when thousands of scheduled snapshots complete together, one transaction
     * records as many as have come meanwhile instead of one each, and leaves the CPU to the triggers still waiting.
     */
    void complete(CarriedSnapshot c, String location) {
        Long size;
        String problem = null;
        try {
            size = storage.sizeOf(location);
        } catch (StorageException e) {
            size = null;
            problem = "Completed, but its size could not be read: " + e.getMessage();
        }
        Instant now = clock.instant();
        completions.add(new Completed(
                c,
                new InFlightRows.Completion(
                        c.id,
                        location,
                        size,
                        problem,
                        now,
                        Duration.between(c.createdAt, now).toMillis())));
        writeCompletionsSoon();
    }

    private record Completed(CarriedSnapshot snapshot, InFlightRows.Completion row) {}

    /** One writer at a time drains the queue; a completion that comes while it writes goes into its next batch. */
    private void writeCompletionsSoon() {
        if (completionWriter.compareAndSet(false, true)) {
            try {
                threads.later(Duration.ZERO, () -> SystemIdentity.run(this::writeCompletions));
            } catch (RejectedExecutionException shuttingDown) {
                completionWriter.set(false); // the leases are handed over; another replica completes them
            }
        }
    }

    private void writeCompletions() {
        try {
            List<Completed> batch = new ArrayList<>();
            for (Completed next = completions.poll(); next != null; next = completions.poll()) {
                batch.add(next);
                if (batch.size() == COMPLETION_BATCH) {
                    writeCompleted(batch);
                    batch = new ArrayList<>();
                }
            }
            if (!batch.isEmpty()) {
                writeCompleted(batch);
            }
        } finally {
            completionWriter.set(false);
        }
        if (!completions.isEmpty()) {
            writeCompletionsSoon();
        }
    }

    /** One transaction: the rows still ours become COMPLETED, each with its audit row and the change for open pages. */
    private void writeCompleted(List<Completed> batch) {
        boolean[] held;
        try {
            held = transactions.execute(tx -> {
                boolean[] ours =
                        rows.completeAll(batch.stream().map(Completed::row).toList(), carried.workerId());
                List<AuditLog.Entry> entries = new ArrayList<>();
                List<StateChange> changed = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    if (ours[i]) {
                        CarriedSnapshot c = batch.get(i).snapshot();
                        InFlightRows.Completion row = batch.get(i).row();
                        entries.add(new AuditLog.Entry(
                                c.job.workspace().id(),
                                "snapshot.completed",
                                "snapshot",
                                c.id,
                                "location=" + row.location() + ", bytes=" + row.sizeBytes()));
                        changed.add(new StateChange(c.job.workspace().id(), c.job.id(), StateChange.Kind.SNAPSHOT));
                    }
                }
                audit.recordAll(entries);
                changes.publishAll(changed);
                return ours;
            });
        } catch (RuntimeException e) {
            // The rows stay IN_PROGRESS under leases no longer renewed: a sweep takes each over once its lease lapses,
            // asks Flink again and completes it then.
            log.error(
                    "Could not record {} completed snapshot(s); they are taken over once their leases lapse",
                    batch.size(),
                    e);
            batch.forEach(done -> abandon(done.snapshot()));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            CarriedSnapshot c = batch.get(i).snapshot();
            if (held[i]) {
                metrics.completed(c.trigger);
                finished(c, SnapshotStatus.COMPLETED);
            } else {
                lost(c);
            }
        }
    }

    /**
     * A failed attempt: a scheduled snapshot is retried with exponential backoff (a new trigger id per attempt, so each
     * attempt is itself idempotent) until its attempts are used up; everything else, and anything not
     * {@code retryable}, fails at once.
     *
     * @return the wait before the next attempt, when one was recorded; the caller triggers it then
     */
    Optional<Duration> fail(CarriedSnapshot c, String cause, boolean retryable) {
        String why = cause == null ? "unknown failure" : cause;
        if (retryable && c.trigger == SnapshotTrigger.SCHEDULED && c.attempts + 1 < scheduler.triggerAttempts()) {
            return retry(c, why);
        }
        Instant now = clock.instant();
        boolean written = write(c, () -> {
            if (!rows.fail(
                    c.id,
                    carried.workerId(),
                    why,
                    now,
                    Duration.between(c.createdAt, now).toMillis())) {
                return false;
            }
            audit.record(c.job.workspace().id(), "snapshot.failed", "snapshot", c.id, why);
            return true;
        });
        if (written) {
            metrics.failed(c.trigger);
            finished(c, SnapshotStatus.FAILED);
            if (c.trigger == SnapshotTrigger.SCHEDULED) {
                alerts.onScheduledFailure(c.job, why);
            }
        }
        return Optional.empty();
    }

    private Optional<Duration> retry(CarriedSnapshot c, String why) {
        Duration backoff = scheduler.retryBackoff().multipliedBy(1L << c.attempts);
        int attempts = c.attempts + 1;
        String triggerId = TriggerIds.derived(c.triggerId + ":retry:" + attempts);
        Instant retryAt = clock.instant().plus(backoff);
        String failure = "Attempt " + attempts + " failed: " + why;
        boolean written = write(c, () -> {
            if (!rows.retry(c.id, carried.workerId(), attempts, triggerId, retryAt, failure)) {
                return false;
            }
            audit.record(
                    c.job.workspace().id(),
                    "snapshot.retry",
                    "snapshot",
                    c.id,
                    "attempt " + attempts + " failed, retrying in " + backoff.toSeconds() + " s: " + why);
            return true;
        });
        if (!written) {
            return Optional.empty();
        }
        c.attempts = attempts;
        c.triggerId = triggerId;
        c.attemptStartedAt = retryAt;
        c.engineJobId = null;
        c.polls = 0;
        return Optional.of(backoff);
    }

    /** The row did not take a step's record: another replica holds it now (our lease lapsed), or it has finished. */
    void lost(CarriedSnapshot c) {
        log.info(
                "Snapshot {} is no longer carried by this replica ({}); leaving it to its current worker",
                c.id,
                carried.workerId());
        carried.remove(c.id);
    }

    /** Not even a failure could be written: the row stays IN_PROGRESS, and a sweep takes it over once the lease lapses. */
    void abandon(CarriedSnapshot c) {
        carried.remove(c.id);
    }

    private boolean write(CarriedSnapshot c, BooleanSupplier guardedWrite) {
        boolean written = Boolean.TRUE.equals(transactions.execute(tx -> {
            if (!guardedWrite.getAsBoolean()) {
                return false;
            }
            changes.publish(c.job.workspace().id(), c.job.id(), StateChange.Kind.SNAPSHOT);
            return true;
        }));
        if (!written) {
            lost(c);
        }
        return written;
    }

    private void finished(CarriedSnapshot c, SnapshotStatus status) {
        carried.remove(c.id);
        events.publishEvent(new SnapshotFinished(c.id, c.job.id(), c.trigger, status));
    }
}
