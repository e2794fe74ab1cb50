package dev.stateset.console.stateset.internal;

import dev.stateset.console.job.JobListFacts;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The job list's "Last snapshot": one grouped query over the jobs shown. */
@Component
class LastSnapshotsOfJobs implements JobListFacts.LastSnapshots {

    private final SnapshotRepository snapshots;

    LastSnapshotsOfJobs(SnapshotRepository snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public Map<Long, Instant> lastCompleted(Collection<Long> jobIds) {
        Map<Long, Instant> last = new HashMap<>();
        if (!jobIds.isEmpty()) {
            for (Object[] row : snapshots.lastCompletedByJob(jobIds)) {
                last.put((Long) row[0], (Instant) row[1]);
            }
        }
        return last;
    }
}
