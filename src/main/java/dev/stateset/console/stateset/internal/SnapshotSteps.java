package dev.stateset.console.stateset.internal;

import dev.stateset.console.engine.EngineProperties;
import dev.stateset.console.engine.EngineRejectedException;
import dev.stateset.console.engine.EngineUnavailableException;
import dev.stateset.console.engine.FlinkEngine;
import dev.stateset.console.engine.SavepointFormatType;
import dev.stateset.console.engine.SavepointRequest;
import dev.stateset.console.engine.SavepointStatus;
import dev.stateset.console.job.JobEngines;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.SnapshotTrigger;
import dev.stateset.console.storage.SnapshotStorage;
import dev.stateset.console.storage.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries one snapshot from its trigger to its outcome: triggers the savepoint on Flink with the snapshot's own trigger
 * id (so a retry never makes a second savepoint), polls it until Flink has an outcome, and hands that to
 * {@link SnapshotOutcomes}. Polling costs no database work: what a step needs is in the {@link CarriedSnapshot}.
 */
@Component
class SnapshotSteps {

    private static final Logger log = LoggerFactory.getLogger(SnapshotSteps.class);

    private final CarriedSnapshots carried;
    private final SnapshotOutcomes outcomes;
    private final InFlightRows rows;
    private final JobEngines engines;
    private final SnapshotStorage storage;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final EngineProperties engine;
    private final SnapshotMetrics metrics;
    private final SnapshotThreads threads;

    SnapshotSteps(
            CarriedSnapshots carried,
            SnapshotOutcomes outcomes,
            InFlightRows rows,
            JobEngines engines,
            SnapshotStorage storage,
            TransactionTemplate transactions,
            Clock clock,
            EngineProperties engine,
            SnapshotMetrics metrics,
            SnapshotThreads threads) {
        this.carried = carried;
        this.outcomes = outcomes;
        this.rows = rows;
        this.engines = engines;
        this.storage = storage;
        this.transactions = transactions;
        this.clock = clock;
        this.engine = engine;
        this.metrics = metrics;
        this.threads = threads;
    }

    /** Triggers the group on a trigger thread, never behind the polls of snapshots in flight. */
    void triggerSoon(List<CarriedSnapshot> group) {
        submit(() -> threads.trigger(() -> SystemIdentity.run(() -> trigger(group))));
    }

    /** Triggers each savepoint of the group on Flink, then records the triggered ones with one batched UPDATE. */
    void trigger(List<CarriedSnapshot> group) {
        List<CarriedSnapshot> triggered = new ArrayList<>();
        for (CarriedSnapshot c : group) {
            try {
                if (c.job.engineJobId() == null) {
                    fail(c, "The job has no run on Flink");
                } else if (timedOut(c)) {
                    fail(c, timeoutMessage());
                } else {
                    triggerOne(c);
                    triggered.add(c);
                }
            } catch (EngineRejectedException e) {
                if (e.httpStatus() == 404) {
                    failFinally(
                            c,
                            "Flink no longer has the job's run " + c.job.engineJobId()
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
        if (!triggered.isEmpty()) {
            recordTriggered(triggered);
        }
    }

    private void triggerOne(CarriedSnapshot c) {
        SavepointRequest request = new SavepointRequest(
                storage.snapshotDirectory(c.job.workspace().id(), c.job.id(), c.id),
                SavepointFormatType.valueOf(c.format.name()),
                c.triggerId);
        FlinkEngine flink = engines.of(c.job);
        if (c.trigger == SnapshotTrigger.STOP) {
            flink.stopWithSavepoint(c.job.engineJobId(), request, c.drain);
        } else {
            flink.triggerSavepoint(c.job.engineJobId(), request);
        }
        c.engineJobId = c.job.engineJobId();
        c.triggeredNanos = System.nanoTime();
    }

    private void recordTriggered(List<CarriedSnapshot> triggered) {
        boolean[] held;
        try {
            held = transactions.execute(tx -> rows.markTriggered(
                    triggered.stream().map(c -> c.id).toList(),
                    triggered.stream().map(c -> c.engineJobId).toList(),
                    carried.workerId()));
        } catch (RuntimeException e) {
            // Flink has the savepoints; the polls (which need no row) carry on and the outcome is written when it
            // comes.
            log.warn("Could not record {} triggered snapshot(s): {}", triggered.size(), e.toString());
            held = new boolean[triggered.size()];
            Arrays.fill(held, true);
        }
        for (int i = 0; i < triggered.size(); i++) {
            CarriedSnapshot c = triggered.get(i);
            if (held[i]) {
                metrics.triggered(c.trigger);
                Duration firstPollIn = nextPoll(c).minus(Duration.ofNanos(System.nanoTime() - c.triggeredNanos));
                later(firstPollIn.isNegative() ? Duration.ZERO : firstPollIn, () -> poll(c));
            } else {
                outcomes.lost(c);
            }
        }
    }

    /** Asks Flink how the savepoint is doing; no database work until it has an outcome. */
    void poll(CarriedSnapshot c) {
        try {
            if (timedOut(c)) {
                fail(c, timeoutMessage());
                return;
            }
            SavepointStatus status = engines.of(c.job).savepointStatus(c.engineJobId, c.triggerId);
            switch (status.state()) {
                case IN_PROGRESS -> later(nextPoll(c), () -> poll(c));
                case FAILED -> fail(c, status.failureCause());
                case COMPLETED -> outcomes.complete(c, status.location());
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

    /** The next attempt of a snapshot whose retry a replica that went away was waiting for. */
    void triggerAt(CarriedSnapshot c, Instant at) {
        Duration wait = Duration.between(clock.instant(), at);
        later(wait.isNegative() ? Duration.ZERO : wait, () -> trigger(List.of(c)));
    }

    /**
     * Ends a snapshot whose savepoint request Flink can no longer answer for: COMPLETED when its savepoint was written
     * whole (a {@code _metadata} in the snapshot's own directory), otherwise FAILED with the reason in plain words and
     * its partial files removed, so that nothing is left without an owner.
     */
    void settleFromStorage(CarriedSnapshot c, String why) {
        String directory = storage.snapshotDirectory(c.job.workspace().id(), c.job.id(), c.id);
        Optional<String> savepoint;
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
            outcomes.complete(c, savepoint.get());
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

    /** A failed attempt; a scheduled snapshot with attempts left is triggered again after its backoff. */
    private void fail(CarriedSnapshot c, String cause) {
        outcomes.fail(c, cause, true).ifPresent(backoff -> later(backoff, () -> trigger(List.of(c))));
    }

    /** A failure no retry can mend (the run the snapshot was of is gone). */
    private void failFinally(CarriedSnapshot c, String cause) {
        outcomes.fail(c, cause, false);
    }

    private void internalError(CarriedSnapshot c, RuntimeException e) {
        log.error("Snapshot {} could not advance", c.id, e);
        try {
            fail(c, "Internal error: " + e.getMessage());
        } catch (RuntimeException again) {
            // The row stays IN_PROGRESS under a lease that is no longer renewed: a sweep takes it over once it lapses.
            log.error("Snapshot {}: the failure could not be recorded either", c.id, again);
            outcomes.abandon(c);
        }
    }

    private boolean timedOut(CarriedSnapshot c) {
        return Duration.between(c.attemptStartedAt, clock.instant()).compareTo(engine.savepointTimeout()) > 0;
    }

    private String timeoutMessage() {
        return "Timed out: the savepoint did not complete within "
                + engine.savepointTimeout().toMinutes() + " min (stateset.engine.savepoint-timeout)";
    }

    /**
     * When to ask Flink again: {@code savepoint-first-poll} (10 ms) after the trigger, then doubling up to the poll
     * interval. Most savepoints of small state finish in tens of milliseconds and show COMPLETED at once; a long one
     * costs a handful of extra polls.
     */
    private Duration nextPoll(CarriedSnapshot c) {
        c.polls++;
        Duration delay = engine.savepointFirstPoll().multipliedBy(1L << Math.min(c.polls - 1, 20));
        return delay.compareTo(engine.savepointPollInterval()) < 0 ? delay : engine.savepointPollInterval();
    }

    /** A step after a delay; the heartbeat keeps the lease meanwhile. */
    private void later(Duration delay, Runnable step) {
        submit(() -> threads.later(delay, () -> SystemIdentity.run(step)));
    }

    /** While the console shuts down its executors refuse new steps: the snapshot's lease is handed over instead. */
    private static void submit(Runnable submission) {
        try {
            submission.run();
        } catch (RejectedExecutionException shuttingDown) {
            log.debug("Snapshot step not scheduled: the console is shutting down");
        }
    }
}
