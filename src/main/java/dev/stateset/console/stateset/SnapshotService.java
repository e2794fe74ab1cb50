package dev.stateset.console.stateset;

import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.base.FieldErrors;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ResourceNotFoundException;
import dev.stateset.console.engine.EngineRejectedException;
import dev.stateset.console.engine.EngineUnavailableException;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobService;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.security.CurrentUser;
import dev.stateset.console.stateset.internal.SnapshotEntity;
import dev.stateset.console.stateset.internal.SnapshotFiles;
import dev.stateset.console.stateset.internal.SnapshotInserts;
import dev.stateset.console.stateset.internal.SnapshotRepository;
import dev.stateset.console.storage.StorageException;
import dev.stateset.console.workspace.WorkspaceRole;
import java.time.Clock;
import java.util.EnumSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Job snapshots (Flink savepoints) that users create and delete. Creating records the snapshot IN_PROGRESS at once and
 * hands the Flink work to the snapshot worker, so no page waits for Flink. What the policy does in batches (scheduled
 * snapshots, retention) is {@link SnapshotBatches}; a stop's final snapshot is {@link JobLifecycleService}'s.
 */
@Service
public class SnapshotService {

    private static final EnumSet<SnapshotStatus> DELETABLE =
            EnumSet.of(SnapshotStatus.COMPLETED, SnapshotStatus.FAILED, SnapshotStatus.DELETE_FAILED);

    private final JobService jobs;
    private final SnapshotRepository snapshots;
    private final SnapshotInserts inserts;
    private final SnapshotFiles files;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final StateChanges changes;

    /** The policy feature's windows; absent in a console without that feature (e.g. a slice test). */
    private final org.springframework.beans.factory.ObjectProvider<SnapshotBlackouts> blackouts;

    SnapshotService(
            JobService jobs,
            SnapshotRepository snapshots,
            SnapshotInserts inserts,
            SnapshotFiles files,
            CurrentUser currentUser,
            AuditLog audit,
            TransactionTemplate transactions,
            Clock clock,
            StateChanges changes,
            org.springframework.beans.factory.ObjectProvider<SnapshotBlackouts> blackouts) {
        this.blackouts = blackouts;
        this.jobs = jobs;
        this.snapshots = snapshots;
        this.inserts = inserts;
        this.files = files;
        this.currentUser = currentUser;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        this.changes = changes;
    }

    /**
     * Creates a manual snapshot of a RUNNING job: recorded IN_PROGRESS now, completed (or failed, with Flink's
     * reason) in the background.
     *
     * @throws InvalidInputException when the job is not running or the description is too long; nothing is recorded
     */
    public JobSnapshot create(long workspaceId, long jobId, SnapshotFormat format, String description) {
        JobDetails job = requireEditable(jobs, workspaceId, jobId);
        FieldErrors errors = new FieldErrors().limitDescription("description", description);
        if (format == null) {
            errors.add("format", "Choose a format: CANONICAL or NATIVE");
        }
        if (!job.status().isRunning()) {
            errors.add("status", "Only a RUNNING job can be snapshotted; " + job.name() + " is " + job.status());
        }
        errors.throwIfAny();
        String by = currentUser.require().username();
        return transactions.execute(tx -> {
            SnapshotEntity entity = inserts.insert(
                    new SnapshotInserts.Requested(
                            job, SnapshotTrigger.MANUAL, format, FieldErrors.clean(description), false),
                    by);
            audit.record(
                    workspaceId,
                    "snapshot.create",
                    "snapshot",
                    entity.getId(),
                    "job=" + job.name() + ", format=" + format);
            return entity.toRecord();
        });
    }

    /**
     * When the blackout window the job is in now ends (no scheduled snapshot starts inside one; a manual one asks
     * first); empty outside every window.
     */
    public java.util.Optional<java.time.Instant> blackoutEndsAt(long workspaceId, long jobId) {
        JobDetails job = jobs.get(workspaceId, jobId);
        SnapshotBlackouts windows = blackouts.getIfAvailable();
        return windows == null ? java.util.Optional.empty() : windows.windowEndAt(job, clock.instant());
    }

    /**
     * Deletes a snapshot's files and keeps its row as a tombstone (who, when, why). Files in the console's storage
     * are deleted there; a savepoint outside it (registered from elsewhere) is disposed through Flink.
     *
     * @throws StorageException when the files could not be deleted; the row is then DELETE_FAILED and can be retried
     */
    public JobSnapshot delete(long workspaceId, long jobId, long snapshotId) {
        JobDetails job = requireEditable(jobs, workspaceId, jobId);
        SnapshotEntity snapshot = snapshots
                .findByIdAndJobId(snapshotId, job.id())
                .orElseThrow(() -> new ResourceNotFoundException("Snapshot"));
        if (!DELETABLE.contains(snapshot.getStatus())) {
            throw InvalidInputException.of(
                    "status",
                    snapshot.getStatus() == SnapshotStatus.IN_PROGRESS
                            ? "The snapshot is still in progress; delete it once it has finished"
                            : "The snapshot is already deleted");
        }
        String username = currentUser.require().username();
        String problem = null;
        if (snapshot.getLocation() != null) {
            try {
                files.delete(job, snapshot.getLocation());
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
            return s.toRecord();
        });
        if (failure != null) {
            throw new StorageException(
                    "The snapshot's files could not be deleted (it is kept as DELETE_FAILED; try again): " + failure);
        }
        return result;
    }

    /** The job, when the current user may change its snapshots and runs (EDITOR); a viewer is refused. */
    static JobDetails requireEditable(JobService jobs, long workspaceId, long jobId) {
        JobDetails job = jobs.get(workspaceId, jobId);
        job.workspace().requireRole(WorkspaceRole.EDITOR, "Changing snapshots");
        return job;
    }
}
