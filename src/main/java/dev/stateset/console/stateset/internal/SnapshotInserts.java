package dev.stateset.console.stateset.internal;

import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.base.Chunks;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.stateset.SnapshotBatches.ScheduledSnapshot;
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.stateset.SnapshotTrigger;
import dev.stateset.console.stateset.TriggerIds;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Every new {@code job_snapshot} row: inserted IN_PROGRESS in the caller's transaction, already leased to this replica
 * (so that no other replica's sweep adopts it), with its audit row and the change for open pages; the snapshot worker
 * starts on it once the transaction commits.
 */
@Component
public class SnapshotInserts {

    /** A snapshot of a running job to insert; {@code drain} only for a STOP. */
    public record Requested(
            JobDetails job, SnapshotTrigger trigger, SnapshotFormat format, String description, boolean drain) {}

    private final SnapshotRepository snapshots;
    private final SnapshotWorker worker;
    private final SnapshotMetrics metrics;
    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final StateChanges changes;
    private final Clock clock;

    SnapshotInserts(
            SnapshotRepository snapshots,
            SnapshotWorker worker,
            SnapshotMetrics metrics,
            JdbcTemplate jdbc,
            AuditLog audit,
            StateChanges changes,
            Clock clock) {
        this.snapshots = snapshots;
        this.worker = worker;
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.audit = audit;
        this.changes = changes;
        this.clock = clock;
    }

    /** Inserts one snapshot requested by a user; the caller writes its own audit row (with the snapshot's id). */
    @Transactional(propagation = Propagation.MANDATORY)
    public SnapshotEntity insert(Requested request, String by) {
        JobDetails job = request.job();
        SnapshotEntity entity = new SnapshotEntity(
                job.id(),
                request.trigger(),
                request.format(),
                request.description(),
                SnapshotStatus.IN_PROGRESS,
                by,
                clock.instant());
        entity.setTriggerId(TriggerIds.random());
        entity.setStopDrain(request.drain());
        entity.setRequestedRun(job.engineJobId());
        entity.leaseTo(worker.workerId(), worker.newLeaseUntil());
        snapshots.save(entity);
        changes.publish(job.workspace().id(), job.id(), StateChange.Kind.SNAPSHOT);
        NewSnapshot started = new NewSnapshot(
                entity.getId(),
                job,
                entity.getTrigger(),
                entity.getFormat(),
                entity.getTriggerId(),
                entity.isStopDrain(),
                entity.getCreatedAt());
        afterCommit(() -> worker.start(List.of(started)));
        return entity;
    }

    /** A snapshot made elsewhere, registered as COMPLETED (it exists already); the caller writes the audit row. */
    @Transactional(propagation = Propagation.MANDATORY)
    public SnapshotEntity insertRegistered(
            JobDetails job, String location, SnapshotFormat format, String description, Long sizeBytes, String by) {
        Instant now = clock.instant();
        SnapshotEntity entity = new SnapshotEntity(
                job.id(), SnapshotTrigger.EXTERNAL, format, description, SnapshotStatus.COMPLETED, by, now);
        entity.setLocation(location);
        entity.setSizeBytes(sizeBytes);
        entity.setCompletedAt(now);
        entity.setDurationMs(0L);
        snapshots.save(entity);
        changes.publish(job.workspace().id(), job.id(), StateChange.Kind.SNAPSHOT);
        return entity;
    }

    /**
     * Inserts many scheduled snapshots with batched INSERTs (rows, then audit); the scheduler's way when thousands of
     * schedules are due at the same minute. The caller owns each due time (its claim), so no trigger id can exist yet;
     * if one did, the INSERT fails and nothing of the batch is kept.
     *
     * @return the new snapshot ids, in the order of {@code requests}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Long> insertScheduled(List<ScheduledSnapshot> requests, String by) {
        if (requests.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        Timestamp created = Timestamp.from(now);
        Timestamp leaseUntil = Timestamp.from(worker.newLeaseUntil());
        jdbc.batchUpdate(
                "insert into job_snapshot (job_id, trigger_kind, format, description, status, trigger_id, created_by, created_at, "
                        + "attempt_started_at, due_at, worker_id, lease_until, requested_run) values (?, 'SCHEDULED', ?, 'scheduled', 'IN_PROGRESS', ?, ?, ?, ?, ?, ?, ?, ?)",
                requests.stream()
                        .map(r -> new Object[] {
                            r.job().id(),
                            r.format().name(),
                            r.triggerId(),
                            by,
                            created,
                            created,
                            Timestamp.from(r.dueAt()),
                            worker.workerId(),
                            leaseUntil,
                            r.job().engineJobId()
                        })
                        .toList());
        Map<String, Long> idByTrigger = new HashMap<>();
        for (List<ScheduledSnapshot> chunk : Chunks.of(requests, 500)) {
            jdbc.query(
                    "select id, trigger_id from job_snapshot where trigger_id in (" + Chunks.placeholders(chunk.size())
                            + ")",
                    (ResultSet rs) -> {
                        idByTrigger.put(rs.getString(2), rs.getLong(1));
                    },
                    chunk.stream().map(ScheduledSnapshot::triggerId).toArray());
        }
        List<Long> ids =
                requests.stream().map(r -> idByTrigger.get(r.triggerId())).toList();
        List<AuditLog.Entry> entries = new ArrayList<>();
        List<NewSnapshot> started = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            ScheduledSnapshot r = requests.get(i);
            entries.add(new AuditLog.Entry(
                    r.job().workspace().id(),
                    "snapshot.create",
                    "snapshot",
                    ids.get(i),
                    "job=" + r.job().name() + ", trigger=SCHEDULED, due=" + r.dueAt() + ", format=" + r.format()));
            started.add(new NewSnapshot(
                    ids.get(i), r.job(), SnapshotTrigger.SCHEDULED, r.format(), r.triggerId(), false, now));
        }
        audit.recordAll(entries);
        changes.publishAll(requests.stream()
                .map(r -> new StateChange(r.job().workspace().id(), r.job().id(), StateChange.Kind.SNAPSHOT))
                .toList());
        afterCommit(() -> {
            requests.forEach(r -> metrics.scheduledCreated(Duration.between(r.dueAt(), now)));
            worker.start(started);
        });
        return ids;
    }

    private static void afterCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
