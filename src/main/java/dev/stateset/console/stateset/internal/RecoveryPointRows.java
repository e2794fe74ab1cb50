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
     * The newest completed checkpoint or job snapshot of each job (jobs with neither are absent): four reads per 500
     * jobs, each through an index on (job, status, time). A checkpoint counts as restorable from any run: Flink retains
     * at least the latest one.
     */
    public Map<Long, Newest> newestRestorable(Collection<Long> jobIds) {
        Map<Long, Newest> newest = new HashMap<>();
        for (List<Long> chunk : Chunks.of(List.copyOf(jobIds), CHUNK)) {
            newestOf(chunk, "job_checkpoint", "checkpoint_id", "end_time", "checkpoint ", newest);
            newestOf(chunk, "job_snapshot", "id", "completed_at", "snapshot #", newest);
        }
        return newest;
    }

    /**
     * The newest completed row of each job in one table: first each job's newest time (grouped), then the rows at
     * those times. Two plain reads rather than a join on a grouped subquery, which H2 evaluated once per row.
     */
    private void newestOf(
            List<Long> jobs, String table, String idColumn, String timeColumn, String label, Map<Long, Newest> newest) {
        String in = Chunks.placeholders(jobs.size());
        Map<Long, Instant> times = new HashMap<>();
        jdbc.query(
                "select job_id, max(" + timeColumn + ") from " + table + " where status = 'COMPLETED' and job_id in ("
                        + in + ") group by job_id",
                rs -> {
                    Instant at = instant(rs, 2);
                    if (at != null) {
                        times.put(rs.getLong(1), at);
                    }
                },
                jobs.toArray());
        if (times.isEmpty()) {
            return;
        }
        List<Object> args = new ArrayList<>(jobs);
        List<Timestamp> distinct =
                times.values().stream().distinct().map(Timestamp::from).toList();
        args.addAll(distinct);
        jdbc.query(
                "select job_id, " + idColumn + ", " + timeColumn + " from " + table + " where status = 'COMPLETED' "
                        + "and job_id in (" + in + ") and " + timeColumn + " in ("
                        + Chunks.placeholders(distinct.size()) + ")",
                rs -> {
                    long job = rs.getLong(1);
                    Instant at = instant(rs, 3);
                    if (at != null && at.equals(times.get(job))) {
                        keepNewer(newest, job, label + rs.getLong(2), at);
                    }
                },
                args.toArray());
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
