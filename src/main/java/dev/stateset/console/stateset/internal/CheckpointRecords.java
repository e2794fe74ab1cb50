package dev.stateset.console.stateset.internal;

import dev.stateset.console.engine.CheckpointStatistics;
import dev.stateset.console.stateset.CheckpointTotals;
import dev.stateset.console.stateset.SystemCheckpoint;
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

/** The recorded system checkpoints and Flink's run summaries: plain SQL, written by {@link CheckpointRecorder}. */
@Component
public class CheckpointRecords {

    private static final String COLUMNS =
            "checkpoint_id, engine_job_id, status, trigger_time, end_time, duration_ms, checkpointed_size, "
                    + "full_size, external_path, failure_message";

    private final JdbcTemplate jdbc;

    CheckpointRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Checkpoint id → status, of what is recorded for one run from checkpoint {@code fromId} on. */
    Map<Long, String> statuses(long jobId, String run, long fromId) {
        Map<Long, String> statuses = new HashMap<>();
        jdbc.query(
                "select checkpoint_id, status from job_checkpoint where job_id = ? and engine_job_id = ? and checkpoint_id >= ?",
                rs -> {
                    statuses.put(rs.getLong(1), rs.getString(2));
                },
                jobId,
                run,
                fromId);
        return statuses;
    }

    /** Records a checkpoint as Flink reports it now: a new row, or the one recorded before brought up to date. */
    void save(long jobId, String run, CheckpointStatistics.Checkpoint c) {
        Object[] values = {
            c.status(),
            timestamp(c.triggerTime()),
            timestamp(c.endTime()),
            c.duration() == null ? null : c.duration().toMillis(),
            c.checkpointedSize(),
            c.fullSize(),
            limit(c.externalPath(), 2000),
            limit(c.failureMessage(), 4000)
        };
        int updated = jdbc.update(
                "update job_checkpoint set status = ?, trigger_time = ?, end_time = ?, duration_ms = ?, checkpointed_size = ?, "
                        + "full_size = ?, external_path = ?, failure_message = ? where job_id = ? and engine_job_id = ? and checkpoint_id = ?",
                concat(values, jobId, run, c.id()));
        if (updated == 0) {
            jdbc.update(
                    "insert into job_checkpoint (status, trigger_time, end_time, duration_ms, checkpointed_size, full_size, external_path, "
                            + "failure_message, job_id, engine_job_id, checkpoint_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    concat(values, jobId, run, c.id()));
        }
    }

    void saveTotals(
            long jobId,
            String run,
            CheckpointStatistics.Counts counts,
            CheckpointStatistics.Summary summary,
            Instant readAt) {
        Object[] values = {
            run,
            counts.completed(),
            counts.failed(),
            counts.inProgress(),
            counts.restored(),
            summary.durationMs().min(),
            summary.durationMs().avg(),
            summary.durationMs().max(),
            summary.durationMs().p95(),
            summary.fullSize().min(),
            summary.fullSize().avg(),
            summary.fullSize().max(),
            summary.fullSize().p95(),
            Timestamp.from(readAt)
        };
        int updated = jdbc.update(
                "update checkpoint_summary set engine_job_id = ?, completed = ?, failed = ?, in_progress = ?, restored = ?, "
                        + "duration_min_ms = ?, duration_avg_ms = ?, duration_max_ms = ?, duration_p95_ms = ?, size_min = ?, size_avg = ?, size_max = ?, "
                        + "size_p95 = ?, read_at = ? where job_id = ?",
                concat(values, jobId));
        if (updated == 0) {
            jdbc.update(
                    "insert into checkpoint_summary (engine_job_id, completed, failed, in_progress, restored, duration_min_ms, duration_avg_ms, "
                            + "duration_max_ms, duration_p95_ms, size_min, size_avg, size_max, size_p95, read_at, job_id) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    concat(values, jobId));
        }
    }

    public Optional<CheckpointTotals> totals(long jobId) {
        return jdbc
                .query(
                        "select * from checkpoint_summary where job_id = ?",
                        (rs, i) -> new CheckpointTotals(
                                rs.getString("engine_job_id"),
                                new CheckpointStatistics.Counts(
                                        rs.getLong("completed") + rs.getLong("failed") + rs.getLong("in_progress"),
                                        rs.getLong("in_progress"),
                                        rs.getLong("completed"),
                                        rs.getLong("failed"),
                                        rs.getLong("restored")),
                                new CheckpointStatistics.Summary(
                                        new CheckpointStatistics.Stats(
                                                rs.getLong("duration_min_ms"),
                                                rs.getLong("duration_avg_ms"),
                                                rs.getLong("duration_max_ms"),
                                                rs.getLong("duration_p95_ms")),
                                        new CheckpointStatistics.Stats(
                                                rs.getLong("size_min"),
                                                rs.getLong("size_avg"),
                                                rs.getLong("size_max"),
                                                rs.getLong("size_p95")),
                                        CheckpointStatistics.Stats.NONE),
                                rs.getTimestamp("read_at").toInstant()),
                        jobId)
                .stream()
                .findFirst();
    }

    /**
     * One page of a job's recorded checkpoints, newest first.
     *
     * @param statuses the statuses to include; empty for all
     * @param run      only this run's, or null for every run
     */
    public List<SystemCheckpoint> page(long jobId, Collection<String> statuses, String run, int offset, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from job_checkpoint where job_id = ?");
        List<Object> args = new ArrayList<>(List.of(jobId));
        if (!statuses.isEmpty()) {
            sql.append(" and status in (")
                    .append(String.join(", ", statuses.stream().map(s -> "?").toList()))
                    .append(")");
            args.addAll(statuses);
        }
        if (run != null) {
            sql.append(" and engine_job_id = ?");
            args.add(run);
        }
        sql.append(" order by trigger_time desc, id desc offset ? rows fetch next ? rows only");
        args.add(offset);
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, i) -> checkpoint(rs), args.toArray());
    }

    public Optional<SystemCheckpoint> latest(long jobId, String status) {
        return jdbc
                .query(
                        "select " + COLUMNS
                                + " from job_checkpoint where job_id = ? and status = ? order by trigger_time desc, id desc "
                                + "fetch first 1 rows only",
                        (rs, i) -> checkpoint(rs),
                        jobId,
                        status)
                .stream()
                .findFirst();
    }

    /** Rows older than {@code cutoff} (by trigger time) are deleted. */
    int purgeBefore(Instant cutoff) {
        return jdbc.update("delete from job_checkpoint where trigger_time < ?", Timestamp.from(cutoff));
    }

    private static SystemCheckpoint checkpoint(ResultSet rs) throws SQLException {
        long duration = rs.getLong("duration_ms");
        Duration d = rs.wasNull() ? null : Duration.ofMillis(duration);
        return new SystemCheckpoint(
                rs.getLong("checkpoint_id"),
                rs.getString("engine_job_id"),
                rs.getString("status"),
                instant(rs, "trigger_time"),
                instant(rs, "end_time"),
                d,
                rs.getLong("checkpointed_size"),
                rs.getLong("full_size"),
                rs.getString("external_path"),
                rs.getString("failure_message"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static String limit(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static Object[] concat(Object[] values, Object... more) {
        Object[] all = java.util.Arrays.copyOf(values, values.length + more.length);
        System.arraycopy(more, 0, all, values.length, more.length);
        return all;
    }
}
