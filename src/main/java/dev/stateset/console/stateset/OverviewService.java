package dev.stateset.console.stateset;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.live.StateChanges;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything the Overview tab shows about a job, in one call with one access check per caller. The reads behind it are
 * shared by every page that shows the job until the next state change, a second at most: a checkpoint pushed to 200
 * open Overviews is read once, not 200 times with three access checks each (docs/benchmarks.md, section 5).
 */
@Service
public class OverviewService {

    /**
     * How long a reading is shared when no change arrives: the recovery point's age is computed in it, and a write that
     * published no state change (none is known to) would still show within this.
     */
    static final Duration SHARED_FOR = Duration.ofSeconds(1);

    /** The Overview's facts: the cards and storage, the recovery point, the chart's checkpoints (newest first). */
    public record OverviewPage(
            StateSetOverview overview, RecoveryPoint recoveryPoint, List<SystemCheckpoint> recentCheckpoints) {}

    /** A reading is shared while the job's run and status and the changes heard so far are the same. */
    private record Key(long jobId, String engineJobId, JobStatus status, long changesHeard, int recentCheckpoints) {}

    private final JobService jobs;
    private final StateSetService stateSets;
    private final RecoveryPointService recoveryPoints;
    private final StateChanges changes;
    private final Cache<Key, OverviewPage> shared = Caffeine.newBuilder()
            .expireAfterWrite(SHARED_FOR)
            .maximumSize(10_000)
            .build();

    OverviewService(
            JobService jobs, StateSetService stateSets, RecoveryPointService recoveryPoints, StateChanges changes) {
        this.jobs = jobs;
        this.stateSets = stateSets;
        this.recoveryPoints = recoveryPoints;
        this.changes = changes;
    }

    @Transactional(readOnly = true)
    public OverviewPage read(long workspaceId, long jobId, int recentCheckpoints) {
        JobDetails job = jobs.get(workspaceId, jobId);
        // The position is taken after the access check's read: a change delivered later moves it, so what it announced
        // is read again by whoever asks next.
        Key key = new Key(job.id(), job.engineJobId(), job.status(), changes.position(), recentCheckpoints);
        return shared.get(
                key,
                k -> new OverviewPage(
                        stateSets.overviewOf(job),
                        recoveryPoints.of(job),
                        stateSets.checkpointHistoryOf(job, java.util.Set.of("COMPLETED"), true, 0, recentCheckpoints)));
    }
}
