package dev.stateset.console.stateset.internal;

import dev.stateset.console.base.Chunks;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Jobs' recovery-point objectives and their newest restorable state: plain SQL, a bounded number of reads per list. */
@Component
public class RecoveryPointRows {

    /** A job's objective as saved, with the breach the guard raised (null when none is open). */
    public record Objective(long jobId, Duration objective, boolean snapshotOnBreach, Instant breachedAt) {}

    /** The newest completed checkpoint or job snapshot of a job. */
    public record Newest(String what, Instant at) {}

    private static final int CHUNK = 500;

    private final JdbcTemplate jdbc;

    RecoveryPointRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<Long, Objective> objectives(Collection<Long> jobIds) {
        Map<Long, Objective> found = new HashMap<>();
        for (List<Long> chunk : Chunks.of(List.copyOf(jobIds), CHUNK)) {
            jdbc.query(
                    "select job_id, objective_seconds, snapshot_on_breach, breached_at from recovery_point_objective "
                            + "where job_id in (" + Chunks.placeholders(chunk.size()) + ")",
                    rs -> {
                        Objective o = objective(rs);
                        found.put(o.jobId(), o);
                    },
                    chunk.toArray());
        }
        return found;
    }

    /** Every objective, for the guard's round. */
    List<Objective> all() {
        return jdbc.query(
                "select job_id, objective_seconds, snapshot_on_breach, breached_at from recovery_point_objective",
                (rs, n) -> objective(rs));
    }

    /** Saves a job's objective; a changed objective is judged afresh, so an open breach is closed with it. */
    public void save(long jobId, Duration objective, boolean snapshotOnBreach, String by, Instant at) {
        int updated = jdbc.update(
                "update recovery_point_objective set objective_seconds = ?, snapshot_on_breach = ?, breached_at = null, "
                        + "updated_by = ?, updated_at = ? where job_id = ?",
                objective.toSeconds(),
                snapshotOnBreach,
                by,
                Timestamp.from(at),
                jobId);
        if (updated == 0) {
            jdbc.update(
                    "insert into recovery_point_objective (job_id, objective_seconds, snapshot_on_breach, updated_by, "
                            + "updated_at) values (?, ?, ?, ?, ?)",
                    jobId,
                    objective.toSeconds(),
                    snapshotOnBreach,
                    by,
                    Timestamp.from(at));
        }
    }

    public void delete(long jobId) {
        jdbc.update("delete from recovery_point_objective where job_id = ?", jobId);
    }

    /** Raises the breach unless it is already open: true for the one caller (of any replica) that raised it. */
    boolean raise(long jobId, Instant at) {
        return jdbc.update(
                        "update recovery_point_objective set breached_at = ? where job_id = ? and breached_at is null",
                        Timestamp.from(at),
                        jobId)
                == 1;
    }

    /** Closes the open breach: true for the one caller that closed it. */
    boolean close(long jobId) {
        return jdbc.update(
                        "update recovery_point_objective set breached_at = null where job_id = ? and breached_at is not null",
                        jobId)
                == 1;
    }

    /**
     * The newest completed checkpoint or job snapshot of each job (jobs with neither are absent): two grouped reads per
     * 500 jobs. A checkpoint counts as restorable from any run: Flink retains at least the latest one.
     */
    public Map<Long, Newest> newestRestorable(Collection<Long> jobIds) {
        Map<Long, Newest> newest = new HashMap<>();
        for (List<Long> chunk : Chunks.of(List.copyOf(jobIds), CHUNK)) {
            String in = Chunks.placeholders(chunk.size());
            List<Object> args = new ArrayList<>(chunk);
            jdbc.query(
                    "select c.job_id, c.checkpoint_id, c.end_time from job_checkpoint c join ("
                            + "select job_id, max(end_time) as newest from job_checkpoint where status = 'COMPLETED' "
                            + "and job_id in (" + in + ") group by job_id) n on n.job_id = c.job_id "
                            + "and c.end_time = n.newest where c.status = 'COMPLETED'",
                    rs -> {
                        keepNewer(newest, rs.getLong(1), "checkpoint " + rs.getLong(2), instant(rs, 3));
                    },
                    args.toArray());
            jdbc.query(
                    "select s.job_id, s.id, s.completed_at from job_snapshot s join ("
                            + "select job_id, max(completed_at) as newest from job_snapshot where status = 'COMPLETED' "
                            + "and job_id in (" + in + ") group by job_id) n on n.job_id = s.job_id "
                            + "and s.completed_at = n.newest where s.status = 'COMPLETED'",
                    rs -> {
                        keepNewer(newest, rs.getLong(1), "snapshot #" + rs.getLong(2), instant(rs, 3));
                    },
                    args.toArray());
        }
        return newest;
    }

    private static void keepNewer(Map<Long, Newest> newest, long jobId, String what, Instant at) {
        if (at != null) {
            newest.merge(jobId, new Newest(what, at), (a, b) -> b.at().isAfter(a.at()) ? b : a);
        }
    }

    public Optional<Objective> objective(long jobId) {
        return Optional.ofNullable(objectives(List.of(jobId)).get(jobId));
    }

    private static Objective objective(ResultSet rs) throws SQLException {
        return new Objective(
                rs.getLong("job_id"),
                Duration.ofSeconds(rs.getLong("objective_seconds")),
                rs.getBoolean("snapshot_on_breach"),
                instant(rs, 4));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
