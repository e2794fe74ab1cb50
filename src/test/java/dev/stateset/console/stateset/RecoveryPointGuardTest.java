package dev.stateset.console.stateset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.job.JobService;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.internal.RecoveryPointGuard;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.ControlledClockTest;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.MutableClock;
import dev.stateset.console.support.WebhookReceiver;
import dev.stateset.console.workspace.EngineKind;
import dev.stateset.console.workspace.WorkspaceDraft;
import dev.stateset.console.workspace.WorkspaceService;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The recovery-point guard with a moved clock: a running job whose newest completed checkpoint grows older than its
 * objective breaches it once (alert, audit, one webhook POST to a real HTTP server on loopback, and the snapshot it asked
 * for); a fresh checkpoint closes the breach, and the next breach posts again.
 */
@ControlledClockTest
class RecoveryPointGuardTest {

    static final Instant T0 = Instant.parse("2026-11-29T00:00:00Z");

    @Autowired
    RecoveryPointGuard guard;

    @Autowired
    RecoveryPointService recoveryPoints;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    WebhookReceiver hook;

    @BeforeEach
    void webhookReceiver() {
        hook = WebhookReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        hook.close();
        clock.set(T0);
    }

    @Test
    void a_moved_clock_breaches_the_objective_once_and_a_fresh_checkpoint_closes_it() {
        clock.set(T0);
        long ws = workspace("rpo-", hook.url());
        long job = runningJob(ws, "guarded");
        completedCheckpoint(job, 7, T0);
        RecoveryPoint saved = SystemIdentity.call(() -> recoveryPoints.save(ws, job, new RecoveryPointDraft(30, true)));
        assertThat(saved.objective()).isEqualTo(Duration.ofMinutes(30));
        assertThat(saved.newestRestorable()).isEqualTo("checkpoint 7");

        clock.set(T0.plus(Duration.ofMinutes(20)));
        guard.check();
        RecoveryPoint within = SystemIdentity.call(() -> recoveryPoints.get(ws, job));
        assertThat(within.age()).isEqualTo(Duration.ofMinutes(20));
        assertThat(within.breached()).isFalse();
        assertThat(within.breachedAt()).isNull();

        clock.set(T0.plus(Duration.ofMinutes(31)));
        guard.check();
        RecoveryPoint breached = SystemIdentity.call(() -> recoveryPoints.get(ws, job));
        assertThat(breached.breached()).isTrue();
        assertThat(breached.breachedAt()).isEqualTo(T0.plus(Duration.ofMinutes(31)));
        Await.until(
                Duration.ofSeconds(10),
                "the breach's webhook POST",
                () -> !hook.bodies().isEmpty());
        assertThat(hook.bodies().get(0))
                .contains("\"event\":\"recovery-point.breach\"")
                .contains("\"job\":\"guarded\"")
                .contains("\"objectiveMinutes\":30")
                .contains("\"ageMinutes\":31")
                .contains("\"newestRestorable\":\"checkpoint 7\"");
        assertThat(audits(ws, "job.recovery-point-breached")).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from job_snapshot where job_id = ? and trigger_kind = 'MANUAL' "
                                + "and description like 'Recovery-point guard:%'",
                        Long.class, job))
                .as("the snapshot the job asked for on breach")
                .isEqualTo(1);

        // Still breached later: nothing new is raised or posted.
        clock.set(T0.plus(Duration.ofMinutes(40)));
        guard.check();
        assertThat(audits(ws, "job.recovery-point-breached")).isEqualTo(1);

        // A checkpoint completes: the breach closes.
        completedCheckpoint(job, 8, T0.plus(Duration.ofMinutes(40)));
        guard.check();
        assertThat(SystemIdentity.call(() -> recoveryPoints.get(ws, job)).breachedAt())
                .isNull();
        assertThat(audits(ws, "job.recovery-point-met")).isEqualTo(1);

        // The next breach is a new one, posted again (the duplicate that a second POST of the first would be is
        // absent).
        clock.set(T0.plus(Duration.ofMinutes(75)));
        guard.check();
        Await.until(
                Duration.ofSeconds(10),
                "the second breach's POST",
                () -> hook.bodies().stream().anyMatch(b -> b.contains("\"ageMinutes\":35")));
        assertThat(hook.bodies()).hasSize(2);
        assertThat(hook.bodies().get(0) + hook.bodies().get(1)).contains("\"ageMinutes\":31");
        assertThat(audits(ws, "job.recovery-point-breached")).isEqualTo(2);

        // A stopped job's state does not age: the open breach closes.
        jdbc.update("update flink_job set status = 'STOPPED' where id = ?", job);
        guard.check();
        RecoveryPoint stopped = SystemIdentity.call(() -> recoveryPoints.get(ws, job));
        assertThat(stopped.breached()).isFalse();
        assertThat(stopped.breachedAt()).isNull();
        assertThat(audits(ws, "job.recovery-point-met")).isEqualTo(2);
    }

    @Test
    void inside_a_blackout_window_the_breach_snapshot_waits_for_the_windows_end() {
        clock.set(T0);
        long ws = workspace("rpo-bo-", null);
        long job = runningJob(ws, "peak-hours");
        completedCheckpoint(job, 3, T0);
        SystemIdentity.run(() -> workspaces.saveSettings(
                ws, new dev.stateset.console.workspace.WorkspaceSettings(null, "daily 00:20-01:00", false)));
        SystemIdentity.run(() -> recoveryPoints.save(ws, job, new RecoveryPointDraft(30, true)));

        clock.set(T0.plus(Duration.ofMinutes(31)));
        guard.check();
        assertThat(SystemIdentity.call(() -> recoveryPoints.get(ws, job)).breachedAt())
                .isNotNull();
        assertThat(snapshotsOf(job)).as("inside the window: no snapshot yet").isZero();
        clock.set(T0.plus(Duration.ofMinutes(50)));
        guard.check();
        assertThat(snapshotsOf(job)).isZero();

        clock.set(T0.plus(Duration.ofMinutes(61)));
        guard.check();
        assertThat(snapshotsOf(job)).as("the window has ended: one snapshot").isEqualTo(1);
        clock.set(T0.plus(Duration.ofMinutes(62)));
        guard.check();
        assertThat(snapshotsOf(job)).as("once per breach").isEqualTo(1);
    }

    @Test
    void with_nothing_restorable_a_running_job_is_exposed_since_its_newest_run_started_as_the_job_list_says() {
        clock.set(T0);
        long ws = workspace("rpo-runs-", hook.url());
        long job = runningJob(ws, "never-checkpointed");
        for (Duration ago : List.of(Duration.ofHours(2), Duration.ofMinutes(30))) {
            jdbc.update(
                    "insert into job_run (job_id, engine_job_id, strategy, started_by, started_at) "
                            + "values (?, 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee', 'STATELESS', 'test', ?)",
                    job,
                    Timestamp.from(T0.minus(ago)));
        }
        SystemIdentity.run(() -> recoveryPoints.save(ws, job, new RecoveryPointDraft(45, true)));

        RecoveryPoint point = SystemIdentity.call(() -> recoveryPoints.get(ws, job));

        assertThat(point.newestRestorable()).isNull();
        assertThat(point.age()).as("from the newest run's start").isEqualTo(Duration.ofMinutes(30));
        assertThat(point.breached()).isFalse();
        RecoveryPoint listed = SystemIdentity.call(() -> recoveryPoints.ofJobs(ws, jobs.list(ws)))
                .get(job);
        assertThat(listed.age()).as("the job list's reading").isEqualTo(point.age());
    }

    private long snapshotsOf(long job) {
        return jdbc.queryForObject("select count(*) from job_snapshot where job_id = ?", Long.class, job);
    }

    @Test
    void an_objective_out_of_range_is_refused_and_none_removes_it() {
        long ws = workspace("rpo-bad-", null);
        long job = job(ws, "unguarded");
        assertThatThrownBy(
                        () -> SystemIdentity.run(() -> recoveryPoints.save(ws, job, new RecoveryPointDraft(0, false))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("objectiveMinutes");
        assertThatThrownBy(() ->
                        SystemIdentity.run(() -> recoveryPoints.save(ws, job, new RecoveryPointDraft(null, true))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("snapshotOnBreach");
        SystemIdentity.run(() -> recoveryPoints.save(ws, job, new RecoveryPointDraft(60, false)));
        SystemIdentity.run(() -> recoveryPoints.save(ws, job, new RecoveryPointDraft(null, false)));
        assertThat(SystemIdentity.call(() -> recoveryPoints.get(ws, job)).objective())
                .isNull();
        assertThat(jdbc.queryForObject(
                        "select count(*) from recovery_point_objective where job_id = ?", Long.class, job))
                .isZero();
    }

    /** A workspace on a cluster that never answers: the test writes its jobs' status and checkpoints itself. */
    private long workspace(String prefix, String webhook) {
        return SystemIdentity.call(() -> workspaces
                .create(new WorkspaceDraft(
                        prefix + UUID.randomUUID().toString().substring(0, 8),
                        "",
                        "UTC",
                        EngineKind.REMOTE,
                        "http://127.0.0.1:9",
                        webhook))
                .id());
    }

    private long job(long ws, String name) {
        return SystemIdentity.call(() -> jobs.create(ws, Demo.idle(name, 1)).id());
    }

    /** A job the console believes RUNNING on Flink (the status sync never reaches the silent cluster). */
    private long runningJob(long ws, String name) {
        long job = job(ws, name);
        jdbc.update(
                "update flink_job set status = 'RUNNING', engine_job_id = 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee' where id = ?",
                job);
        return job;
    }

    private void completedCheckpoint(long job, long id, Instant end) {
        jdbc.update(
                "insert into job_checkpoint (job_id, engine_job_id, checkpoint_id, status, trigger_time, end_time, "
                        + "duration_ms, checkpointed_size, full_size) values (?, ?, ?, 'COMPLETED', ?, ?, 100, 10, 10)",
                job,
                "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee",
                id,
                Timestamp.from(end.minusMillis(100)),
                Timestamp.from(end));
    }

    private long audits(long ws, String action) {
        return jdbc.queryForObject(
                "select count(*) from audit_event where workspace_id = ? and action = ?", Long.class, ws, action);
    }
}
