package dev.stateset.console.stateset;

import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobLauncher;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.job.JobSummary;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.security.CurrentUser;
import dev.stateset.console.stateset.internal.RecoveryPointRows;
import dev.stateset.console.workspace.WorkspaceRole;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Jobs' recovery-point objectives: how old the newest state a job could be restored from may grow while it runs.
 * Members read; editors set. {@code RecoveryPointGuard} raises and closes breaches in the background.
 */
@Service
public class RecoveryPointService {

    private final JobService jobs;
    private final JobLauncher launcher;
    private final RecoveryPointRows rows;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final StateChanges changes;
    private final Clock clock;

    RecoveryPointService(
            JobService jobs,
            JobLauncher launcher,
            RecoveryPointRows rows,
            CurrentUser currentUser,
            AuditLog audit,
            StateChanges changes,
            Clock clock) {
        this.jobs = jobs;
        this.launcher = launcher;
        this.rows = rows;
        this.currentUser = currentUser;
        this.audit = audit;
        this.changes = changes;
        this.clock = clock;
    }

    /** The job's recovery point now. */
    @Transactional(readOnly = true)
    public RecoveryPoint get(long workspaceId, long jobId) {
        return of(jobs.get(workspaceId, jobId));
    }

    /** As {@link #get}, for a caller that holds the job's details (and so passed its access check). */
    @Transactional(readOnly = true)
    public RecoveryPoint of(JobDetails job) {
        Instant runStart =
                job.engineJobId() == null ? null : launcher.currentRunStart(job).orElse(null);
        return compose(
                job.status(),
                rows.objective(job.id()).orElse(null),
                rows.newestRestorable(List.of(job.id())).get(job.id()),
                runStart,
                clock.instant());
    }

    /**
     * The recovery point of each of the workspace's jobs as {@link JobService#list} gave them to the caller (who was
     * checked there), by job id: a bounded number of reads however many jobs.
     */
    @Transactional(readOnly = true)
    public Map<Long, RecoveryPoint> ofJobs(long workspaceId, List<JobSummary> listed) {
        List<Long> ids = listed.stream().map(JobSummary::id).toList();
        Map<Long, RecoveryPointRows.Objective> objectives = rows.objectives(ids);
        Map<Long, RecoveryPointRows.Newest> newest = rows.newestRestorable(ids);
        Map<Long, Instant> runStarts = launcher.currentRunStarts(workspaceId);
        Instant now = clock.instant();
        Map<Long, RecoveryPoint> points = new HashMap<>();
        for (JobSummary job : listed) {
            points.put(
                    job.id(),
                    compose(
                            job.status(),
                            objectives.get(job.id()),
                            newest.get(job.id()),
                            runStarts.get(job.id()),
                            now));
        }
        return points;
    }

    /** Sets (or, with no minutes, removes) the job's objective; it is judged afresh from now on. */
    @Transactional
    public RecoveryPoint save(long workspaceId, long jobId, RecoveryPointDraft draft) {
        JobDetails job = jobs.get(workspaceId, jobId);
        job.workspace().requireRole(WorkspaceRole.EDITOR, "Changing the recovery-point objective");
        draft.validate();
        if (draft.objectiveMinutes() == null) {
            rows.delete(job.id());
        } else {
            rows.save(
                    job.id(),
                    Duration.ofMinutes(draft.objectiveMinutes()),
                    draft.snapshotOnBreach(),
                    currentUser.require().username(),
                    clock.instant());
        }
        audit.record(
                workspaceId,
                "recovery-point.update",
                "job",
                job.id(),
                draft.objectiveMinutes() == null
                        ? "objective=none"
                        : "objectiveMinutes=" + draft.objectiveMinutes() + ", snapshotOnBreach="
                                + draft.snapshotOnBreach());
        changes.publish(workspaceId, job.id(), StateChange.Kind.POLICY);
        return get(workspaceId, jobId);
    }

    /** A recovery point from what is recorded; public for the guard, which reads the same rows in bulk. */
    public static RecoveryPoint compose(
            JobStatus status,
            RecoveryPointRows.Objective objective,
            RecoveryPointRows.Newest newest,
            Instant runStart,
            Instant now) {
        boolean running = status.isRunning();
        Instant exposedSince = newest != null ? newest.at() : running ? runStart : null;
        Duration age = exposedSince == null ? null : Duration.between(exposedSince, now);
        if (age != null && age.isNegative()) {
            age = Duration.ZERO; // a checkpoint stamped by a cluster clock slightly ahead of ours
        }
        return new RecoveryPoint(
                objective == null ? null : objective.objective(),
                objective != null && objective.snapshotOnBreach(),
                newest == null ? null : newest.what(),
                newest == null ? null : newest.at(),
                exposedSince,
                age,
                running,
                objective == null ? null : objective.breachedAt());
    }
}
