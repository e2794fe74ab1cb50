package dev.stateset.console.policy.internal;

import dev.stateset.console.job.JobListFacts;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The job list's "Schedule" column: which of the jobs shown create snapshots on a schedule. Plain SQL for the same
 * reason as the list's last snapshots: Hibernate re-translates a JPQL query with a list parameter on every call.
 */
@Component
class SchedulesOfJobs implements JobListFacts.Schedules {

    private final NamedParameterJdbcTemplate jdbc;

    SchedulesOfJobs(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<Long> scheduled(Collection<Long> jobIds) {
        return jobIds.isEmpty()
                ? Set.of()
                : new HashSet<>(jdbc.queryForList(
                        "select job_id from snapshot_policy where creation_enabled = true and job_id in (:jobIds)",
                        Map.of("jobIds", jobIds),
                        Long.class));
    }
}
