package dev.stateset.console.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.job.JobService;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.support.ControlledClockTest;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.MutableClock;
import dev.stateset.console.workspace.WorkspaceService;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A delete interrupted mid-way (DELETING for too long) is handed back to the retry path by the periodic cleanup. */
@ControlledClockTest
class StaleDeletionTest {

    @Autowired
    SnapshotCleanup cleanup;

    @Autowired
    JobService jobs;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void an_interrupted_delete_becomes_delete_failed_and_a_recent_one_is_left_alone() {
        Instant now = Instant.parse("2026-12-05T12:00:00Z");
        clock.set(now);
        Demo demo = Demo.find(workspaces, jobs);
        long job = SystemIdentity.call(() -> jobs.create(
                        demo.workspaceId(),
                        Demo.idle("stale-" + UUID.randomUUID().toString().substring(0, 6), 1))
                .id());
        long stale = insertDeleting(job, now.minus(Duration.ofHours(1)));
        long recent = insertDeleting(job, now.minus(Duration.ofMinutes(1)));

        cleanup.periodic();

        assertThat(status(stale)).isEqualTo("DELETE_FAILED");
        assertThat(jdbc.queryForObject("select failure_cause from job_snapshot where id = ?", String.class, stale))
                .contains("interrupted");
        assertThat(status(recent)).isEqualTo("DELETING");
    }

    private long insertDeleting(long job, Instant claimedAt) {
        jdbc.update(
                "insert into job_snapshot (job_id, trigger_kind, format, description, status, created_by, created_at, location, "
                        + "attempt_started_at, delete_reason) values (?, 'SCHEDULED', 'CANONICAL', '', 'DELETING', 'system', ?, 'file:/nowhere', ?, "
                        + "'retention: count')",
                job,
                java.sql.Timestamp.from(claimedAt),
                java.sql.Timestamp.from(claimedAt));
        return jdbc.queryForObject("select max(id) from job_snapshot where job_id = ?", Long.class, job);
    }

    private String status(long id) {
        return jdbc.queryForObject("select status from job_snapshot where id = ?", String.class, id);
    }
}
