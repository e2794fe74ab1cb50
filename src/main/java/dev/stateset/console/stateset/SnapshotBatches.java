package dev.stateset.console.stateset;

import dev.stateset.console.audit.AuditLog;
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
import dev.stateset.console.stateset.internal.SnapshotMetrics;
import dev.stateset.console.stateset.internal.SnapshotRepository;
import dev.stateset.console.storage.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Snapshots created and deleted many at a time by the console itself (the policy's scheduler and cleanup, as the
 * system identity): scheduled snapshots in batches, deletions for retention, and the release of stale deletions.
 */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class SnapshotBatches {

    /** A scheduled snapshot to create: the job, its due time, and the trigger id derived from (policy, due time). */
    public record ScheduledSnapshot(JobDetails job, Instant dueAt, SnapshotFormat format, String triggerId) {}

    private final JobService jobs;
    private final SnapshotRepository snapshots;
    private final SnapshotInserts inserts;
    private final SnapshotFiles files;
    private final SnapshotMetrics metrics;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final StateChanges changes;

    SnapshotBatches(
            JobService jobs,
            SnapshotRepository snapshots,
            SnapshotInserts inserts,
            SnapshotFiles files,
            SnapshotMetrics metrics,
            CurrentUser currentUser,
            AuditLog audit,
            TransactionTemplate transactions,
            Clock clock,
            StateChanges changes) {
        this.jobs = jobs;
        this.snapshots = snapshots;
        this.inserts = inserts;
        this.files = files;
        this.metrics = metrics;
        this.currentUser = currentUser;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        this.changes = changes;
    }

    /**
     * Creates many scheduled snapshots in the caller's transaction with batched INSERTs, and starts them once it
     * commits; the scheduler's way when thousands of schedules are due at the same minute.
     *
     * @return the new snapshot ids, in the order of {@code requests}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Long> createScheduled(List<ScheduledSnapshot> requests) {
        return inserts.insertScheduled(requests, currentUser.require().username());
    }

    /** Deletions claimed longer ago than {@code stale} (a crash mid-delete) become DELETE_FAILED, to be retried. */
    public int releaseStaleDeletions(Duration stale) {
        return transactions.execute(
                tx -> snapshots.releaseStaleDeletions(clock.instant().minus(stale)));
    }

    /** All snapshots of a job that still have (or may have) files, for retention decisions; newest first. */
    public List<JobSnapshot> liveSnapshots(long jobId) {
        return snapshots
                .findByJobIdAndStatusInOrderByCreatedAtDesc(
                        jobId,
                        EnumSet.of(
                                SnapshotStatus.IN_PROGRESS,
                                SnapshotStatus.COMPLETED,
                                SnapshotStatus.DELETING,
                                SnapshotStatus.DELETE_FAILED))
                .stream()
                .map(SnapshotEntity::toRecord)
                .toList();
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
    public List<JobSnapshot> deleteForRetention(Map<Long, String> reasons) {
        Map<Long, SnapshotEntity> claimed = new LinkedHashMap<>();
        for (Map.Entry<Long, String> entry : reasons.entrySet()) {
            if (transactions.execute(
                            tx -> snapshots.claimForDeletion(entry.getKey(), entry.getValue(), clock.instant()))
                    == 1) {
                claimed.put(entry.getKey(), snapshots.findById(entry.getKey()).orElseThrow());
            }
        }
        if (claimed.isEmpty()) {
            return List.of();
        }
        Map<Long, String> problems = deleteFiles(claimed.values());
        Map<Long, Long> workspaceByJob = new HashMap<>();
        return transactions.execute(tx -> {
            List<JobSnapshot> results = new ArrayList<>();
            List<AuditLog.Entry> entries = new ArrayList<>();
            for (SnapshotEntity claimedRow : claimed.values()) {
                SnapshotEntity s = snapshots.findById(claimedRow.getId()).orElseThrow();
                long workspace = workspaceByJob.computeIfAbsent(
                        s.getJobId(), job -> jobs.findForSystem(job).workspace().id());
                String reason = reasons.get(s.getId());
                String failure = problems.get(s.getId());
                metrics.cleanupDeletion(failure == null);
                if (failure == null) {
                    s.setStatus(SnapshotStatus.DELETED);
                    s.setDeletedBy(currentUser.require().username());
                    s.setDeletedAt(clock.instant());
                    entries.add(new AuditLog.Entry(
                            workspace,
                            "snapshot.delete",
                            "snapshot",
                            s.getId(),
                            reason + ", location=" + s.getLocation()));
                } else {
                    s.setStatus(SnapshotStatus.DELETE_FAILED);
                    s.setFailureCause("Delete failed (will be retried): " + failure);
                    entries.add(new AuditLog.Entry(
                            workspace, "snapshot.delete-failed", "snapshot", s.getId(), reason + ": " + failure));
                }
                results.add(s.toRecord());
                changes.publish(workspace, s.getJobId(), StateChange.Kind.SNAPSHOT);
            }
            audit.recordAll(entries);
            return results;
        });
    }

    /** The claimed snapshots' files: those in the console's storage in one batched call; returns snapshot id → why not. */
    private Map<Long, String> deleteFiles(Iterable<SnapshotEntity> claimed) {
        Map<Long, String> problems = new HashMap<>();
        Map<String, Long> ownedByLocation = new HashMap<>();
        for (SnapshotEntity snapshot : claimed) {
            if (snapshot.getLocation() == null) {
                continue;
            }
            if (files.owned(snapshot.getLocation())) {
                ownedByLocation.put(snapshot.getLocation(), snapshot.getId());
            } else {
                try {
                    files.delete(jobs.findForSystem(snapshot.getJobId()), snapshot.getLocation());
                } catch (StorageException | EngineUnavailableException | EngineRejectedException e) {
                    problems.put(snapshot.getId(), e.getMessage());
                }
            }
        }
        files.deleteOwned(ownedByLocation.keySet())
                .forEach((location, why) -> problems.put(ownedByLocation.get(location), why));
        return problems;
    }
}
