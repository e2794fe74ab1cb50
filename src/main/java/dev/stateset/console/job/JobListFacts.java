package dev.stateset.console.job;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * What the job list shows that other features own, asked for all jobs of a list at once. The job feature defines
 * these ports and the owning features implement them, so the job feature reads no other feature's tables.
 */
public final class JobListFacts {

    private JobListFacts() {}

    /** The newest completed job snapshot of each job (implemented by the state set feature). */
    public interface LastSnapshots {
        /** @return completion time by job id; jobs without a completed snapshot are absent */
        Map<Long, Instant> lastCompleted(Collection<Long> jobIds);
    }

    /** Whether each job creates snapshots on a schedule (implemented by the policy feature). */
    public interface Schedules {
        /** @return the ids among these whose scheduled creation is on */
        Set<Long> scheduled(Collection<Long> jobIds);
    }
}
