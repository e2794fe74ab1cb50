package dev.stateset.console.policy.internal;

import dev.stateset.console.job.JobListFacts;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The job list's "Schedule" column: which of the jobs shown create snapshots on a schedule. */
@Component
class SchedulesOfJobs implements JobListFacts.Schedules {

    private final PolicyRepository policies;

    SchedulesOfJobs(PolicyRepository policies) {
        this.policies = policies;
    }

    @Override
    public Set<Long> scheduled(Collection<Long> jobIds) {
        return jobIds.isEmpty() ? Set.of() : new HashSet<>(policies.scheduledAmong(jobIds));
    }
}
