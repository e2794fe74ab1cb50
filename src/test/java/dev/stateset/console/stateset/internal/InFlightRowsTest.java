package dev.stateset.console.stateset.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.job.JobService;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.support.ControlledClockTest;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.MutableClock;
import dev.stateset.console.workspace.WorkspaceService;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The worker's writes to snapshots in flight are guarded by its lease: a replica that lost a snapshot to another one
 * (or whose snapshot has already finished) changes nothing, and the heartbeat renews only its own rows in flight.
 */
@ControlledClockTest
class InFlightRowsTest {

    static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

    @Autowired
    InFlightRows rows;

    @Autowired
    JobService jobs;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    long job;

    @BeforeEach
    void job() {
        clock.set(NOW);
        Demo demo = Demo.find(workspaces, jobs);
        job = SystemIdentity.call(() -> jobs.create(
                        demo.workspaceId(),
                        Demo.idle("lease-" + UUID.randomUUID().toString().substring(0, 6), 1))
                .id());
    }

    @Test
    void only_the_lease_holder_writes_an_outcome_and_only_once() {
        long snapshot = insert("IN_PROGRESS", "replica-a");

        boolean byOther = transactions.execute(tx -> rows.completeAll(
                        List.of(new InFlightRows.Completion(snapshot, "file:/b", 1L, null, NOW, 10)), "replica-b")[0]);
        assertThat(byOther).as("a replica without the lease").isFalse();
        assertThat(row(snapshot)).containsEntry("STATUS", "IN_PROGRESS").containsEntry("LOCATION", null);

        boolean byHolder = transactions.execute(tx -> rows.completeAll(
                        List.of(new InFlightRows.Completion(snapshot, "file:/a", 42L, null, NOW, 10)), "replica-a")[0]);
        assertThat(byHolder).isTrue();
        assertThat(row(snapshot))
                .containsEntry("STATUS", "COMPLETED")
                .containsEntry("LOCATION", "file:/a")
                .containsEntry("SIZE_BYTES", 42L);

        boolean again = transactions.execute(tx -> rows.fail(snapshot, "replica-a", "late failure", NOW, 20));
        assertThat(again).as("a finished snapshot is never written again").isFalse();
        assertThat(row(snapshot)).containsEntry("STATUS", "COMPLETED").containsEntry("FAILURE_CAUSE", null);
    }

    @Test
    void triggered_marks_report_per_row_whether_the_lease_was_still_held() {
        long held = insert("IN_PROGRESS", "replica-a");
        long adopted = insert("IN_PROGRESS", "replica-b");

        boolean[] result = transactions.execute(
                tx -> rows.markTriggered(List.of(held, adopted), List.of("run-1", "run-1"), "replica-a"));

        assertThat(result).containsExactly(true, false);
        assertThat(row(held)).containsEntry("ENGINE_JOB_ID", "run-1");
        assertThat(row(adopted)).containsEntry("ENGINE_JOB_ID", null);
    }

    @Test
    void the_heartbeat_renews_only_this_workers_rows_in_flight() {
        long mine = insert("IN_PROGRESS", "replica-a");
        long finished = insert("COMPLETED", "replica-a");
        long theirs = insert("IN_PROGRESS", "replica-b");
        Instant until = NOW.plus(Duration.ofMinutes(5));

        int renewed = transactions.execute(tx -> rows.renew(List.of(mine, finished, theirs), "replica-a", until));

        assertThat(renewed).isEqualTo(1);
        assertThat(leaseUntil(mine)).isEqualTo(until);
        assertThat(leaseUntil(finished)).isEqualTo(NOW);
        assertThat(leaseUntil(theirs)).isEqualTo(NOW);
    }

    private long insert(String status, String worker) {
        String trigger = UUID.randomUUID().toString();
        jdbc.update(
                "insert into job_snapshot (job_id, trigger_kind, format, description, status, trigger_id, created_by, created_at, "
                        + "attempt_started_at, worker_id, lease_until) values (?, 'MANUAL', 'CANONICAL', '', ?, ?, 'alice', ?, ?, ?, ?)",
                job,
                status,
                trigger,
                Timestamp.from(NOW),
                Timestamp.from(NOW),
                worker,
                Timestamp.from(NOW));
        return jdbc.queryForObject("select id from job_snapshot where trigger_id = ?", Long.class, trigger);
    }

    private Map<String, Object> row(long id) {
        return jdbc.queryForMap(
                "select status, location, size_bytes, failure_cause, engine_job_id from job_snapshot where id = ?", id);
    }

    private Instant leaseUntil(long id) {
        return jdbc.queryForObject("select lease_until from job_snapshot where id = ?", Timestamp.class, id)
                .toInstant();
    }
}
