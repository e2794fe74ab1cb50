package dev.stateset.console.stateset.internal;

import dev.stateset.console.base.Chunks;
import dev.stateset.console.engine.EngineProperties;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobService;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.SnapshotStatus;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Shares the snapshots in flight between console replicas; {@link SnapshotSteps} carries each one to its outcome, off
 * the UI thread.
 *
 * <p>A snapshot is carried by one replica at a time, named by a lease in its row ({@code worker_id},
 * {@code lease_until}). A new row is inserted already leased to the replica that creates it; a heartbeat renews the
 * leases of everything this replica carries with one statement; a replica that stops hands its leases back, one that
 * dies lets them lapse, and every replica's sweep adopts IN_PROGRESS rows whose lease has lapsed. A snapshot costs
 * three short transactions: its INSERT (the creator's), the trigger's record, the outcome with its audit row.
 * Snapshots created together (a scheduler batch) are triggered in groups with one batched write per group.
 */
@Component
public class SnapshotWorker {

    private static final Logger log = LoggerFactory.getLogger(SnapshotWorker.class);
    /** Snapshots triggered by one task, recorded with one batched UPDATE. Small enough to spread a batch over threads. */
    private static final int TRIGGER_GROUP = 50;

    private final CarriedSnapshots carried;
    private final SnapshotSteps steps;
    private final SnapshotRepository snapshots;
    private final InFlightRows rows;
    private final JobService jobs;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final SnapshotMetrics metrics;
    private final Duration lease;
    private final SnapshotThreads threads;

    SnapshotWorker(
            CarriedSnapshots carried,
            SnapshotSteps steps,
            SnapshotRepository snapshots,
            InFlightRows rows,
            JobService jobs,
            TransactionTemplate transactions,
            Clock clock,
            SnapshotMetrics metrics,
            EngineProperties settings,
            SnapshotThreads threads) {
        this.carried = carried;
        this.steps = steps;
        this.snapshots = snapshots;
        this.rows = rows;
        this.jobs = jobs;
        this.transactions = transactions;
        this.clock = clock;
        this.metrics = metrics;
        this.lease = settings.snapshotLease();
        this.threads = threads;
        threads.every(Duration.ofMillis(Math.max(100, lease.toMillis() / 3)), this::renewLeases);
    }

    /** This replica's name in {@code job_snapshot.worker_id}. */
    public String workerId() {
        return carried.workerId();
    }

    /** Until when a row inserted now is leased to this replica. */
    Instant newLeaseUntil() {
        return clock.instant().plus(lease);
    }

    /** Starts work on snapshots just inserted with this worker's lease (after their transaction committed); returns at once. */
    void start(List<NewSnapshot> created) {
        List<CarriedSnapshot> fresh = new ArrayList<>();
        for (NewSnapshot s : created) {
            CarriedSnapshot c = CarriedSnapshot.created(s);
            if (carried.add(c)) {
                fresh.add(c);
            }
        }
        Chunks.of(fresh, TRIGGER_GROUP).forEach(steps::triggerSoon);
    }

    /** At start-up and then periodically: take over IN_PROGRESS snapshots whose replica stopped or died. */
    @EventListener(ApplicationReadyEvent.class)
    void resumeInProgress() {
        // A fresh worker id holds no lease yet: every IN_PROGRESS row without a live lease elsewhere is ours to resume.
        adopt(snapshots.unleasedInProgress(clock.instant(), clock.instant()));
    }

    @Scheduled(
            fixedDelayString = "${stateset.engine.snapshot-sweep-interval:10s}",
            initialDelayString = "${stateset.engine.snapshot-sweep-interval:10s}")
    void adoptUnleased() {
        adopt(snapshots.unleasedInProgress(clock.instant(), clock.instant().minus(lease)));
    }

    private void adopt(List<Long> orphans) {
        List<Long> fresh = orphans.stream().filter(id -> !carried.contains(id)).toList();
        if (!fresh.isEmpty()) {
            log.info("Taking over {} IN_PROGRESS snapshot(s) without a live worker: {}", fresh.size(), fresh);
            fresh.forEach(id -> threads.trigger(() -> SystemIdentity.run(() -> resume(id))));
        }
    }

    /** Hands every snapshot this replica carries over to the other replicas (its threads stop after it). */
    @PreDestroy
    void handOver() {
        try {
            int released = transactions.execute(tx ->
                    snapshots.releaseLeases(carried.workerId(), clock.instant().minusMillis(1)));
            if (released > 0) {
                log.info("Handed {} IN_PROGRESS snapshot(s) over to the other console replicas", released);
            }
        } catch (RuntimeException e) {
            log.warn("Could not hand over snapshot leases on shutdown (they lapse after {}): {}", lease, e.toString());
        }
    }

    /** The heartbeat: one statement keeps every snapshot this replica carries leased to it. */
    private void renewLeases() {
        if (carried.ids().isEmpty()) {
            return;
        }
        try {
            transactions.execute(tx -> rows.renew(
                    carried.ids(), carried.workerId(), clock.instant().plus(lease)));
        } catch (RuntimeException e) {
            // The next heartbeat tries again; if the leases lapse meanwhile, another replica adopts and our writes are
            // refused.
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
            Integer leased =
                    transactions.execute(tx -> snapshots.lease(snapshotId, carried.workerId(), now, now.plus(lease)));
            SnapshotEntity row = leased != null && leased > 0
                    ? snapshots.findById(snapshotId).orElse(null)
                    : null;
            if (row == null || row.getStatus() != SnapshotStatus.IN_PROGRESS) {
                return; // finished meanwhile, or another replica took it first
            }
            JobDetails job = jobs.findForSystem(row.getJobId());
            CarriedSnapshot c = CarriedSnapshot.resumed(row, job);
            if (!carried.add(c)) {
                return;
            }
            metrics.adopted();
            String runNow = job.engineJobId();
            if (c.requestedRun != null && !c.requestedRun.equals(runNow)) {
                // The console was down while the job's run changed (e.g. the embedded cluster restarted with it): the
                // run this snapshot was of is gone, so neither triggering nor polling can help; storage tells what was
                // written.
                steps.settleFromStorage(
                        c,
                        "The job's Flink run changed while the console was down (" + c.requestedRun + " → "
                                + (runNow == null ? "no run" : runNow) + ")");
            } else if (c.engineJobId != null) {
                steps.poll(c);
            } else {
                steps.triggerAt(c, c.attemptStartedAt);
            }
        } catch (RuntimeException e) {
            log.error("Snapshot {} could not be taken over", snapshotId, e);
            carried.remove(snapshotId);
        }
    }
}
