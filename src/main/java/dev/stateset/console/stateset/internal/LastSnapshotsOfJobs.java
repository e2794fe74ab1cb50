package dev.stateset.console.stateset.internal;

import dev.stateset.console.job.JobListFacts;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The job list's "Last snapshot": one grouped query over the jobs shown. Plain SQL, not JPQL: Hibernate translates a
 * query with a list parameter again on every call (it caches no plan for it), which stood out in the API benchmark's
 * profile of the job list (DD009).
 */
@Component
class LastSnapshotsOfJobs implements JobListFacts.LastSnapshots {

    private final NamedParameterJdbcTemplate jdbc;

    LastSnapshotsOfJobs(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<Long, Instant> lastCompleted(Collection<Long> jobIds) {
        Map<Long, Instant> last = new HashMap<>();
        if (!jobIds.isEmpty()) {
            jdbc.query(
                    "select job_id, max(completed_at) from job_snapshot where job_id in (:jobIds) "
                            + "and status = 'COMPLETED' group by job_id",
                    Map.of("jobIds", jobIds),
                    rs -> {
                        OffsetDateTime completed = rs.getObject(2, OffsetDateTime.class);
                        if (completed != null) { // the column is nullable: a COMPLETED row without a time has no "last"
                            last.put(rs.getLong(1), completed.toInstant());
                        }
                    });
        }
        return last;
    }
}
