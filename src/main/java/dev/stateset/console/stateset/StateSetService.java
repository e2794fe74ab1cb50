package dev.stateset.console.stateset;

import dev.stateset.console.job.JobDetails;
import dev.stateset.console.engine.EngineRejectedException;
import dev.stateset.console.engine.EngineUnavailableException;
import dev.stateset.console.job.JobEngines;
import dev.stateset.console.job.JobService;
import dev.stateset.console.stateset.internal.SnapshotEntity;
import dev.stateset.console.stateset.internal.SnapshotRepository;
import java.time.Duration;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** State Set Management of one job: its checkpoints and job snapshots. Members read; EDITORs change. */
@Service
@Transactional
public class StateSetService {

    private final JobService jobs;
    private final SnapshotRepository snapshots;
    private final JobEngines engines;

    StateSetService(JobService jobs, SnapshotRepository snapshots, JobEngines engines) {
        this.jobs = jobs;
        this.snapshots = snapshots;
        this.engines = engines;
    }

    /**
     * The job's system checkpoints, read live from its Flink cluster (a few seconds old at most: Flink caches
     * them). Never throws for an outage: the summary says why nothing can be shown.
     */
    @Transactional(readOnly = true)
    public CheckpointSummary checkpoints(long workspaceId, long jobId) {
        JobDetails job = jobs.get(workspaceId, jobId);
        if (job.engineJobId() == null) {
            return CheckpointSummary.unavailable("No checkpoints yet: the job has not run on Flink.", false);
        }
        try {
            return CheckpointSummary.of(engines.of(job.workspace()).checkpointStatistics(job.engineJobId()));
        } catch (EngineUnavailableException e) {
            return CheckpointSummary.unavailable(e.getMessage(), true);
        } catch (EngineRejectedException e) {
            return CheckpointSummary.unavailable(e.httpStatus() == 404
                    ? "Flink no longer has checkpoint statistics of this run (the cluster restarted, or the run ended long ago)."
                    : e.getMessage(), false);
        }
    }

    /** True while any snapshot of the job is IN_PROGRESS (pages refresh until none is). */
    @Transactional(readOnly = true)
    public boolean hasSnapshotInProgress(long workspaceId, long jobId) {
        return snapshots.existsByJobIdAndStatus(jobs.get(workspaceId, jobId).id(), SnapshotStatus.IN_PROGRESS);
    }

    @Transactional(readOnly = true)
    public StateSetOverview overview(long workspaceId, long jobId) {
        JobDetails job = jobs.get(workspaceId, jobId);
        var lastCompleted = snapshots.findFirstByJobIdAndStatusOrderByCompletedAtDescIdDesc(job.id(), SnapshotStatus.COMPLETED)
                .map(StateSetService::toRecord);
        var lastFailed = snapshots.findFirstByJobIdAndStatusOrderByCreatedAtDescIdDesc(job.id(), SnapshotStatus.FAILED)
                .map(StateSetService::toRecord);
        return new StateSetOverview(lastCompleted, lastFailed);
    }

    /**
     * One page of the job's snapshots, newest first unless {@code pageable} sorts otherwise.
     *
     * @param statuses the statuses to include; empty for all
     */
    @Transactional(readOnly = true)
    public Page<JobSnapshot> snapshots(long workspaceId, long jobId, Set<SnapshotStatus> statuses, Pageable pageable) {
        JobDetails job = jobs.get(workspaceId, jobId);
        Page<SnapshotEntity> page = statuses == null || statuses.isEmpty()
                ? snapshots.findByJobId(job.id(), pageable)
                : snapshots.findByJobIdAndStatusIn(job.id(), statuses, pageable);
        return page.map(StateSetService::toRecord);
    }

    static JobSnapshot toRecord(SnapshotEntity s) {
        return new JobSnapshot(s.getId(), s.getJobId(), s.getTrigger(), s.getFormat(), s.getDescription(), s.getStatus(),
                s.getLocation(), s.getSizeBytes(), s.getFailureCause(), s.getCreatedBy(), s.getCreatedAt(), s.getCompletedAt(),
                s.getDurationMs() == null ? null : Duration.ofMillis(s.getDurationMs()), s.getDeletedBy(), s.getDeletedAt(),
                s.getDeleteReason(), s.getDueAt(), s.getAttempts());
    }
}
