package dev.stateset.console.stateset.internal;

import dev.stateset.console.base.Chunks;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The writes of {@link SnapshotWorker} to the IN_PROGRESS rows it holds, one statement each (or one batch for many):
 * every one is guarded by {@code worker_id} and {@code status = 'IN_PROGRESS'}, so a replica that has lost a snapshot
 * to another one (its lease lapsed and the other adopted it) writes nothing and learns so from the count. Plain SQL, not
 * entity saves: the worker keeps what it needs in memory instead of re-reading the row before each write.
 */
@Component
class InFlightRows {

    /** The guard of every write; its status test is written so that no index can serve it (measured: DD009). */
    private static final String GUARD = " where id = ? and worker_id = ? and concat(status, '') = 'IN_PROGRESS'";

    private final JdbcTemplate jdbc;

    InFlightRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A row triggered on Flink: records the run it belongs to. Returns, per id, whether this worker still held it. */
    boolean[] markTriggered(List<Long> ids, List<String> engineJobIds, String worker) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            rows.add(new Object[] {engineJobIds.get(i), ids.get(i), worker});
        }
        return held(jdbc.batchUpdate("update job_snapshot set engine_job_id = ?, version = version + 1" + GUARD, rows));
    }

    private static boolean[] held(int[] counts) {
        boolean[] held = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            // JDBC may report SUCCESS_NO_INFO (-2) for a batched row it did update.
            held[i] = counts[i] == 1 || counts[i] == Statement.SUCCESS_NO_INFO;
        }
        return held;
    }

    /** A savepoint written: the row's outcome as {@link #completeAll} records it. */
    record Completion(long id, String location, Long sizeBytes, String problem, Instant at, long durationMs) {}

    /** Many rows COMPLETED with one batched UPDATE. Returns, per completion, whether this worker still held the row. */
    boolean[] completeAll(List<Completion> completions, String worker) {
        int[] counts = jdbc.batchUpdate(
                "update job_snapshot set status = 'COMPLETED', location = ?, size_bytes = ?, failure_cause = ?, completed_at = ?, "
                        + "duration_ms = ?, version = version + 1" + GUARD,
                completions.stream()
                        .map(c -> new Object[] {
                            c.location(),
                            c.sizeBytes(),
                            c.problem(),
                            Timestamp.from(c.at()),
                            c.durationMs(),
                            c.id(),
                            worker
                        })
                        .toList());
        return held(counts);
    }

    boolean fail(long id, String worker, String cause, Instant at, long durationMs) {
        return jdbc.update(
                        "update job_snapshot set status = 'FAILED', failure_cause = ?, completed_at = ?, duration_ms = ?, "
                                + "version = version + 1" + GUARD,
                        cause,
                        Timestamp.from(at),
                        durationMs,
                        id,
                        worker)
                == 1;
    }

    /** A failed attempt to be retried from {@code retryAt} with a new trigger id (each attempt is itself idempotent). */
    boolean retry(long id, String worker, int attempts, String triggerId, Instant retryAt, String cause) {
        return jdbc.update(
                        "update job_snapshot set attempts = ?, engine_job_id = null, trigger_id = ?, attempt_started_at = ?, "
                                + "failure_cause = ?, version = version + 1" + GUARD,
                        attempts,
                        triggerId,
                        Timestamp.from(retryAt),
                        cause,
                        id,
                        worker)
                == 1;
    }

    /** The lease heartbeat: keeps the rows this worker still carries from being adopted; one statement per 1,000 ids. */
    int renew(Collection<Long> ids, String worker, Instant until) {
        int renewed = 0;
        for (List<Long> chunk : Chunks.of(new ArrayList<>(ids), 1000)) {
            List<Object> args = new ArrayList<>();
            args.add(Timestamp.from(until));
            args.add(worker);
            args.addAll(chunk);
            renewed += jdbc.update(
                    "update job_snapshot set lease_until = ? where worker_id = ? and concat(status, '') = 'IN_PROGRESS' and id in ("
                            + Chunks.placeholders(chunk.size()) + ")",
                    args.toArray());
        }
        return renewed;
    }
}
