package dev.stateset.console.stateset;

import dev.stateset.console.job.JobDetails;
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

    StateSetService(JobService jobs, SnapshotRepository snapshots) {
        this.jobs = jobs;
        this.snapshots = snapshots;
    }

    @Transactional(readOnly = true)
    public StateSetOverview overview(long workspaceId, long jobId) {
        JobDetails job = jobs.get(workspaceId, jobId);
        var lastCompleted = snapshots.findFirstByJobIdAndStatusOrderByCompletedAtDescIdDesc(job.id(), SnapshotStatus.COMPLETED)
                .map(StateSetService::toRecord);
        var lastFailed = snapshots.findFirstByJobIdAndStatusOrderByCreatedAtDescIdDesc(job.id(), SnapshotStatus.FAILED)
                .map(StateSetService::toRecord);
        boolean hasRun = job.engineJobId() != null;
        return new StateSetOverview(lastCompleted, lastFailed, hasRun,
                hasRun ? "" : "No checkpoint statistics yet: the job has not run on a Flink engine.");
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
                s.getDeleteReason());
    }
}
