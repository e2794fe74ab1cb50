package dev.stateset.console.stateset;

import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;

import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.base.Chunks;
import dev.stateset.console.base.FieldErrors;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ResourceNotFoundException;
import dev.stateset.console.engine.EngineRejectedException;
import dev.stateset.console.engine.EngineUnavailableException;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobEngines;
import dev.stateset.console.job.JobService;
import dev.stateset.console.security.CurrentUser;
import dev.stateset.console.stateset.internal.SnapshotEntity;
import dev.stateset.console.stateset.internal.SnapshotMetrics;
import dev.stateset.console.stateset.internal.SnapshotRepository;
import dev.stateset.console.stateset.internal.SnapshotWorker;
import dev.stateset.console.storage.SnapshotStorage;
import dev.stateset.console.storage.StorageException;
import dev.stateset.console.workspace.WorkspaceRole;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Job snapshots (Flink savepoints) that users create and delete. Creating records the snapshot IN_PROGRESS at
 * once and hands the Flink work to {@link SnapshotWorker}, so no page waits for Flink.
 */
@Service
public class SnapshotService {

    private static final EnumSet<SnapshotStatus> DELETABLE = EnumSet.of(SnapshotStatus.COMPLETED, SnapshotStatus.FAILED,
            SnapshotStatus.DELETE_FAILED);

    private final SnapshotMetrics metrics;
    private final JdbcTemplate jdbc;
    private final JobService jobs;
    private final JobEngines engines;
    private final SnapshotRepository snapshots;
    private final SnapshotWorker worker;
    private final SnapshotStorage storage;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final StateChanges changes;

    SnapshotService(JobService jobs, JobEngines engines, SnapshotRepository snapshots, SnapshotWorker worker,
            SnapshotStorage storage, CurrentUser currentUser, AuditLog audit, TransactionTemplate transactions, Clock clock,
            SnapshotMetrics metrics, JdbcTemplate jdbc, StateChanges changes) {
        this.changes = changes;
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.engines = engines;
        this.snapshots = snapshots;
        this.worker = worker;
        this.storage = storage;
        this.currentUser = currentUser;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Creates a manual snapshot of a RUNNING job: recorded IN_PROGRESS now, completed (or failed, with Flink's
     * reason) in the background.
     *
     * @throws InvalidInputException when the job is not running or the description is too long; nothing is recorded
     */
    public JobSnapshot create(long workspaceId, long jobId, SnapshotFormat format, String description) {
        JobDetails job = requireEditable(workspaceId, jobId);
        FieldErrors errors = new FieldErrors().limitDescription("description", description);
        if (format == null) {
            errors.add("format", "Choose a format: CANONICAL or NATIVE");
        }
        if (!job.status().isRunning()) {
            errors.add("status", "Only a RUNNING job can be snapshotted; " + job.name() + " is " + job.status());
        }
        errors.throwIfAny();
        JobSnapshot created = transactions.execute(tx -> {
            SnapshotEntity entity = new SnapshotEntity(job.id(), SnapshotTrigger.MANUAL, format, FieldErrors.clean(description),
                    SnapshotStatus.IN_PROGRESS, currentUser.require().username(), clock.instant());
            entity.setTriggerId(TriggerIds.random());
            entity.setRequestedRun(job.engineJobId());
            worker.leaseNew(entity);
            snapshots.save(entity);
            audit.record(workspaceId, "snapshot.create", "snapshot", entity.getId(), "job=" + job.name() + ", format=" + format);
            changes.publish(workspaceId, job.id(), StateChange.Kind.SNAPSHOT);
            afterCommit(() -> worker.start(List.of(started(entity, job))));
            return StateSetService.toRecord(entity);
        });
        return created;
    }

    /**
     * Stops a RUNNING job. With a snapshot, Flink takes a final savepoint (optionally draining the sources first),
     * recorded with trigger STOP; if that savepoint fails the job keeps running and the snapshot is FAILED with
     * Flink's reason. Without, the job is cancelled at once (its retained checkpoints stay).
     *
     * @return the STOP snapshot (IN_PROGRESS; it completes in the background), or empty when stopped without one
     */
    public Optional<JobSnapshot> stop(long workspaceId, long jobId, boolean withSnapshot, boolean drain, SnapshotFormat format) {
        JobDetails job = requireEditable(workspaceId, jobId);
        if (!job.status().isRunning()) {
            throw InvalidInputException.of("status", "Only a RUNNING job can be stopped; " + job.name() + " is " + job.status());
        }
        if (!withSnapshot) {
            engines.of(job.workspace()).cancel(job.engineJobId());
            transactions.executeWithoutResult(tx -> audit.record(workspaceId, "job.stop", "job", job.id(), "without snapshot (cancel)"));
            return Optional.empty();
        }
        return Optional.of(transactions.execute(tx -> {
            SnapshotEntity entity = new SnapshotEntity(job.id(), SnapshotTrigger.STOP, format == null ? SnapshotFormat.CANONICAL : format,
                    drain ? "stop (drain)" : "stop", SnapshotStatus.IN_PROGRESS, currentUser.require().username(), clock.instant());
            entity.setTriggerId(TriggerIds.random());
            entity.setStopDrain(drain);
            entity.setRequestedRun(job.engineJobId());
            worker.leaseNew(entity);
            snapshots.save(entity);
            audit.record(workspaceId, "job.stop", "job", job.id(), "with snapshot " + entity.getId() + (drain ? ", drain" : ""));
            changes.publish(workspaceId, job.id(), StateChange.Kind.SNAPSHOT);
            afterCommit(() -> worker.start(List.of(started(entity, job))));
            return StateSetService.toRecord(entity);
        }));
    }

    /**
     * Deletes a snapshot's files and keeps its row as a tombstone (who, when, why). Files in the console's storage
     * are deleted there; a savepoint outside it (registered from elsewhere) is disposed through Flink.
     *
     * @throws StorageException when the files could not be deleted; the row is then DELETE_FAILED and can be retried
     */
    public JobSnapshot delete(long workspaceId, long jobId, long snapshotId) {
        JobDetails job = requireEditable(workspaceId, jobId);
        SnapshotEntity snapshot = snapshots.findByIdAndJobId(snapshotId, job.id())
                .orElseThrow(() -> new ResourceNotFoundException("Snapshot"));
        if (!DELETABLE.contains(snapshot.getStatus())) {
            throw InvalidInputException.of("status", snapshot.getStatus() == SnapshotStatus.IN_PROGRESS
                    ? "The snapshot is still in progress; delete it once it has finished"
                    : "The snapshot is already deleted");
        }
        String username = currentUser.require().username();
        String problem = null;
        if (snapshot.getLocation() != null) {
            try {
                deleteFiles(job, snapshot.getLocation());
            } catch (StorageException | EngineUnavailableException | EngineRejectedException e) {
                problem = e.getMessage();
            }
        }
        String failure = problem;
        JobSnapshot result = transactions.execute(tx -> {
            SnapshotEntity s = snapshots.findById(snapshotId).orElseThrow();
            if (failure == null) {
                s.setStatus(SnapshotStatus.DELETED);
                s.setDeletedBy(username);
                s.setDeletedAt(clock.instant());
                s.setDeleteReason("manual");
                audit.record(workspaceId, "snapshot.delete", "snapshot", snapshotId, "location=" + s.getLocation());
            } else {
                s.setStatus(SnapshotStatus.DELETE_FAILED);
                s.setFailureCause("Delete failed: " + failure);
                audit.record(workspaceId, "snapshot.delete-failed", "snapshot", snapshotId, failure);
            }
            changes.publish(workspaceId, job.id(), StateChange.Kind.SNAPSHOT);
            return StateSetService.toRecord(s);
        });
        if (failure != null) {
            throw new StorageException("The snapshot's files could not be deleted (it is kept as DELETE_FAILED; try again): " + failure);
        }
        return result;
    }

    /** A scheduled snapshot to create: the job, its due time, and the trigger id derived from (policy, due time). */
    public record ScheduledSnapshot(JobDetails job, Instant dueAt, SnapshotFormat format, String triggerId) {}

    /**
     * Creates many scheduled snapshots in the caller's transaction with batched INSERTs (rows, then audit), and starts
     * them once it commits; the scheduler's way when thousands of schedules are due at the same minute. The caller
     * owns each due time (its claim), so no trigger id can exist yet; if one did, the INSERT fails and nothing of the
     * batch is kept.
     *
     * @return the new snapshot ids, in the order of {@code requests}
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Long> createScheduledBatch(List<ScheduledSnapshot> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        java.sql.Timestamp created = java.sql.Timestamp.from(now);
        String by = currentUser.require().username();
        java.sql.Timestamp leaseUntil = java.sql.Timestamp.from(worker.newLeaseUntil());
        jdbc.batchUpdate("insert into job_snapshot (job_id, trigger_kind, format, description, status, trigger_id, created_by, created_at, "
                + "attempt_started_at, due_at, worker_id, lease_until, requested_run) values (?, 'SCHEDULED', ?, 'scheduled', 'IN_PROGRESS', ?, ?, ?, ?, ?, ?, ?, ?)",
                requests.stream().map(r -> new Object[] {r.job().id(), r.format().name(), r.triggerId(), by, created, created,
                        java.sql.Timestamp.from(r.dueAt()), worker.workerId(), leaseUntil, r.job().engineJobId()}).toList());
        Map<String, Long> idByTrigger = new HashMap<>();
        for (List<ScheduledSnapshot> chunk : Chunks.of(requests, 500)) {
            jdbc.query("select id, trigger_id from job_snapshot where trigger_id in (" + Chunks.placeholders(chunk.size()) + ")",
                    (java.sql.ResultSet rs) -> {
                        idByTrigger.put(rs.getString(2), rs.getLong(1));
                    }, chunk.stream().map(ScheduledSnapshot::triggerId).toArray());
        }
        List<Long> ids = requests.stream().map(r -> idByTrigger.get(r.triggerId())).toList();
        List<AuditLog.Entry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            ScheduledSnapshot r = requests.get(i);
            entries.add(new AuditLog.Entry(r.job().workspace().id(), "snapshot.create", "snapshot", ids.get(i),
                    "job=" + r.job().name() + ", trigger=SCHEDULED, due=" + r.dueAt() + ", format=" + r.format()));
        }
        audit.recordAll(entries);
        changes.publishAll(requests.stream().map(r -> new StateChange(r.job().workspace().id(), r.job().id(), StateChange.Kind.SNAPSHOT)).toList());
        afterCommit(() -> {
            List<SnapshotWorker.NewSnapshot> started = new java.util.ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                ScheduledSnapshot r = requests.get(i);
                metrics.scheduledCreated(java.time.Duration.between(r.dueAt(), now));
                started.add(new SnapshotWorker.NewSnapshot(ids.get(i), r.job(), SnapshotTrigger.SCHEDULED, r.format(), r.triggerId(), false, now));
            }
            worker.start(started);
        });
        return ids;
    }

    /** Deletions claimed longer ago than {@code stale} (a crash mid-delete) become DELETE_FAILED, to be retried. */
    @PreAuthorize("hasRole('ADMIN')")
    public int releaseStaleDeletions(java.time.Duration stale) {
        return transactions.execute(tx -> snapshots.releaseStaleDeletions(clock.instant().minus(stale)));
    }

    /** All snapshots of a job that still have (or may have) files, for retention decisions; newest first. */
    @PreAuthorize("hasRole('ADMIN')")
    public List<JobSnapshot> liveSnapshots(long jobId) {
        return snapshots.findByJobIdAndStatusInOrderByCreatedAtDesc(jobId,
                EnumSet.of(SnapshotStatus.IN_PROGRESS, SnapshotStatus.COMPLETED, SnapshotStatus.DELETING, SnapshotStatus.DELETE_FAILED))
                .stream().map(StateSetService::toRecord).toList();
    }

    /**
     * Deletes snapshots for a retention rule, all of one cleanup run: each is claimed on its own row (COMPLETED or
     * DELETE_FAILED → DELETING, so two replicas' cleanups never delete the same files), the claimed ones' files go in
     * one batched storage call, and every snapshot ends DELETED or DELETE_FAILED (retried by the next cleanup) in one
     * transaction.
     *
     * @param reasons snapshot id → why it is deleted
     * @return the snapshots afterwards (those another cleanup had claimed are left out)
     */
    @PreAuthorize("hasRole('ADMIN')")
    public List<JobSnapshot> deleteAllForRetention(Map<Long, String> reasons) {
        Map<Long, SnapshotEntity> claimed = new java.util.LinkedHashMap<>();
        for (Map.Entry<Long, String> entry : reasons.entrySet()) {
            if (transactions.execute(tx -> snapshots.claimForDeletion(entry.getKey(), entry.getValue(), clock.instant())) == 1) {
                claimed.put(entry.getKey(), snapshots.findById(entry.getKey()).orElseThrow());
            }
        }
        if (claimed.isEmpty()) {
            return List.of();
        }
        Map<Long, String> problems = new HashMap<>();
        Map<String, Long> ownedByLocation = new HashMap<>();
        for (SnapshotEntity snapshot : claimed.values()) {
            if (snapshot.getLocation() == null) {
                continue;
            }
            if (storage.owns(snapshot.getLocation())) {
                ownedByLocation.put(snapshot.getLocation(), snapshot.getId());
            } else {
                try {
                    deleteFiles(jobs.findForSystem(snapshot.getJobId()), snapshot.getLocation());
                } catch (StorageException | EngineUnavailableException | EngineRejectedException e) {
                    problems.put(snapshot.getId(), e.getMessage());
                }
            }
        }
        storage.deleteAll(ownedByLocation.keySet()).forEach((location, why) -> problems.put(ownedByLocation.get(location), why));
        Map<Long, Long> workspaceByJob = new HashMap<>();
        return transactions.execute(tx -> {
            List<JobSnapshot> results = new java.util.ArrayList<>();
            List<AuditLog.Entry> entries = new java.util.ArrayList<>();
            for (SnapshotEntity claimedRow : claimed.values()) {
                SnapshotEntity s = snapshots.findById(claimedRow.getId()).orElseThrow();
                long workspace = workspaceByJob.computeIfAbsent(s.getJobId(), job -> jobs.findForSystem(job).workspace().id());
                String reason = reasons.get(s.getId());
                String failure = problems.get(s.getId());
                metrics.cleanupDeletion(failure == null);
                if (failure == null) {
                    s.setStatus(SnapshotStatus.DELETED);
                    s.setDeletedBy(currentUser.require().username());
                    s.setDeletedAt(clock.instant());
                    entries.add(new AuditLog.Entry(workspace, "snapshot.delete", "snapshot", s.getId(), reason + ", location=" + s.getLocation()));
                } else {
                    s.setStatus(SnapshotStatus.DELETE_FAILED);
                    s.setFailureCause("Delete failed (will be retried): " + failure);
                    entries.add(new AuditLog.Entry(workspace, "snapshot.delete-failed", "snapshot", s.getId(), reason + ": " + failure));
                }
                results.add(StateSetService.toRecord(s));
                changes.publish(workspace, s.getJobId(), StateChange.Kind.SNAPSHOT);
            }
            audit.recordAll(entries);
            return results;
        });
    }

    private void deleteFiles(JobDetails job, String location) {
        if (storage.owns(location)) {
            storage.delete(location);
            if (storage.exists(location)) {
                throw new StorageException("Files remain at " + location + " after the delete");
            }
        } else {
            engines.of(job.workspace()).disposeSavepoint(location);
        }
    }

    private JobDetails requireEditable(long workspaceId, long jobId) {
        JobDetails job = jobs.get(workspaceId, jobId);
        job.workspace().requireRole(WorkspaceRole.EDITOR, "Changing snapshots");
        return job;
    }

    private static SnapshotWorker.NewSnapshot started(SnapshotEntity entity, JobDetails job) {
        return new SnapshotWorker.NewSnapshot(entity.getId(), job, entity.getTrigger(), entity.getFormat(), entity.getTriggerId(),
                entity.isStopDrain(), entity.getCreatedAt());
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
