package dev.stateset.console.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.job.JobService;
import dev.stateset.console.policy.PolicyDraft;
import dev.stateset.console.policy.PolicyService;
import dev.stateset.console.policy.RetentionUnit;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.SchedulerProperties;
import dev.stateset.console.stateset.SnapshotBatches;
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.support.ControlledClockTest;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.MutableClock;
import dev.stateset.console.workspace.EngineKind;
import dev.stateset.console.workspace.WorkspaceDraft;
import dev.stateset.console.workspace.WorkspaceService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The scheduler with a clock the test moves. Jobs live in a workspace bound to an unreachable cluster and are marked
 * RUNNING directly: the scheduler's decisions are under test here, not Flink (the snapshots it creates then fail
 * quickly with "unreachable", which does not matter to these assertions).
 */
@ControlledClockTest
class SnapshotSchedulerTest {

    static final Instant T0 = Instant.parse("2026-11-29T00:00:00Z");

    @Autowired
    SnapshotScheduler scheduler;

    @Autowired
    PolicyService policies;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PolicyRepository policyRepository;

    @Autowired
    ScheduleEventRepository eventRepository;

    @Autowired
    SnapshotBatches snapshotBatches;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AuditLog audit;

    long workspaceId;

    @BeforeEach
    void offlineWorkspace() {
        clock.set(T0);
        workspaceId = SystemIdentity.call(() -> workspaces
                .create(new WorkspaceDraft(
                        "sched-" + UUID.randomUUID().toString().substring(0, 8),
                        "",
                        "UTC",
                        EngineKind.REMOTE,
                        "http://127.0.0.1:9"))
                .id());
        // Policies of earlier tests must not fire while this test moves the clock.
        jdbc.update("update snapshot_policy set creation_enabled = false");
    }

    @Test
    void each_due_time_fires_once() {
        long job = runningJobWithPolicy("*/10 * * * *");
        clock.set(T0.plus(Duration.ofMinutes(5)));
        assertThat(scheduler.tick()).isZero();
        clock.set(T0.plus(Duration.ofMinutes(10)));
        assertThat(scheduler.tick()).isEqualTo(1);
        assertThat(scheduler.tick()).as("the same due time again").isZero();
        clock.set(T0.plus(Duration.ofMinutes(20)));
        assertThat(scheduler.tick()).isEqualTo(1);
        assertThat(events(job)).containsExactly("TRIGGERED@00:10", "TRIGGERED@00:20");
        assertThat(jdbc.queryForObject(
                        "select count(*) from job_snapshot where job_id = ? and trigger_kind = 'SCHEDULED'",
                        Long.class,
                        job))
                .isEqualTo(2);
        assertThat(jdbc.queryForList(
                        "select due_at from job_snapshot where job_id = ? order by due_at", Instant.class, job))
                .containsExactly(T0.plus(Duration.ofMinutes(10)), T0.plus(Duration.ofMinutes(20)));
    }

    @Test
    void every_minute_is_thinned_to_every_ten_minutes() {
        long job = runningJobWithPolicy("* * * * *");
        for (int minute = 1; minute <= 30; minute++) {
            clock.set(T0.plus(Duration.ofMinutes(minute)));
            scheduler.tick();
        }
        assertThat(events(job)).containsExactly("TRIGGERED@00:01", "TRIGGERED@00:11", "TRIGGERED@00:21");
    }

    @Test
    void due_times_inside_a_blackout_window_fire_once_at_its_end() {
        long job = runningJob();
        SystemIdentity.run(() -> policies.save(
                workspaceId,
                job,
                new PolicyDraft(
                        true,
                        "*/10 * * * *",
                        SnapshotFormat.CANONICAL,
                        0,
                        false,
                        10,
                        null,
                        RetentionUnit.DAYS,
                        "daily 00:05-00:35")));
        assertThat(SystemIdentity.call(() -> policies.get(workspaceId, job)).nextDueAt())
                .as("00:10 is inside the window: due at its end")
                .isEqualTo(T0.plus(Duration.ofMinutes(35)));
        assertThat(SystemIdentity.call(
                        () -> policies.previewDueTimes(workspaceId, job, "*/10 * * * *", 0, "daily 00:05-00:35", 3)
                                .dueTimes()))
                .as("the preview shows the same")
                .containsExactly(
                        T0.plus(Duration.ofMinutes(35)),
                        T0.plus(Duration.ofMinutes(50)),
                        T0.plus(Duration.ofMinutes(60)));
        for (int minute = 10; minute <= 30; minute += 10) {
            clock.set(T0.plus(Duration.ofMinutes(minute)));
            assertThat(scheduler.tick())
                    .as("inside the window at 00:%d", minute)
                    .isZero();
        }
        clock.set(T0.plus(Duration.ofMinutes(35)));
        assertThat(scheduler.tick()).isEqualTo(1);
        clock.set(T0.plus(Duration.ofMinutes(50)));
        scheduler.tick();
        // Once at the window's end, never a burst of the three it covered; 00:40 is within 10 min of it.
        assertThat(events(job)).containsExactly("TRIGGERED@00:35", "TRIGGERED@00:50");
    }

    @Test
    void a_workspace_window_declared_after_the_policy_moves_its_due_time_once() {
        long job = runningJobWithPolicy("*/10 * * * *");
        SystemIdentity.run(() -> workspaces.saveSettings(
                workspaceId, new dev.stateset.console.workspace.WorkspaceSettings(null, "daily 00:05-00:35", false)));
        clock.set(T0.plus(Duration.ofMinutes(10)));
        scheduler.tick();
        clock.set(T0.plus(Duration.ofMinutes(20)));
        assertThat(scheduler.tick()).isZero();
        clock.set(T0.plus(Duration.ofMinutes(35)));
        scheduler.tick();
        assertThat(events(job)).containsExactly("SKIPPED@00:10", "TRIGGERED@00:35");
        assertThat(jdbc.queryForObject(
                        "select detail from schedule_event where job_id = ? and outcome = 'SKIPPED'",
                        String.class,
                        job))
                .startsWith("Not triggered: inside a blackout window");
        assertThat(jdbc.queryForObject(
                        "select count(*) from job_snapshot where job_id = ? and trigger_kind = 'SCHEDULED'",
                        Long.class,
                        job))
                .isEqualTo(1);
    }

    @Test
    void a_stopped_job_is_skipped_and_recorded() {
        long job = runningJobWithPolicy("*/10 * * * *");
        jdbc.update("update flink_job set status = 'STOPPED' where id = ?", job);
        clock.set(T0.plus(Duration.ofMinutes(10)));
        scheduler.tick();
        assertThat(events(job)).containsExactly("SKIPPED@00:10");
        assertThat(jdbc.queryForObject("select count(*) from job_snapshot where job_id = ?", Long.class, job))
                .isZero();
    }

    @Test
    void after_a_restart_within_the_grace_period_a_missed_due_time_fires_once() {
        long job = runningJobWithPolicy("*/10 * * * *");
        clock.set(T0.plus(Duration.ofMinutes(15)));
        scheduler.tick();
        assertThat(events(job)).containsExactly("TRIGGERED@00:10");
    }

    @Test
    void after_a_long_outage_old_due_times_are_missed_not_replayed() {
        long job = runningJobWithPolicy("*/10 * * * *");
        clock.set(T0.plus(Duration.ofMinutes(65)));
        scheduler.tick();
        // 00:10 is 55 minutes old: MISSED. The schedule resumes from 00:55; 01:00 is within the grace period and fires.
        assertThat(events(job)).containsExactly("MISSED@00:10", "TRIGGERED@01:00");
        assertThat(jdbc.queryForObject("select count(*) from job_snapshot where job_id = ?", Long.class, job))
                .isEqualTo(1);
    }

    @Test
    void load_spreading_moves_due_times_by_a_stable_offset() {
        long job = runningJob();
        var saved = SystemIdentity.call(() -> policies.save(
                workspaceId,
                job,
                new PolicyDraft(
                        true, "0 * * * *", SnapshotFormat.CANONICAL, 30, false, 10, null, RetentionUnit.DAYS, "")));
        Duration offset = saved.spreadOffset();
        assertThat(offset).isBetween(Duration.ZERO, Duration.ofMinutes(30));
        // Hourly at :00 shifted by the offset: the first shifted time after 00:00 is 00:00 + offset (01:00 when it is
        // 0).
        Instant first = offset.isZero() ? T0.plus(Duration.ofHours(1)) : T0.plus(offset);
        assertThat(saved.nextDueAt()).isEqualTo(first);
        assertThat(SystemIdentity.call(() -> policies.previewDueTimes(workspaceId, job, "0 * * * *", 30, "", 2)
                        .dueTimes()))
                .containsExactly(first, first.plus(Duration.ofHours(1)));
        assertThat(dev.stateset.console.policy.DueTimes.offset(job, 30))
                .as("stable")
                .isEqualTo(offset);
    }

    @Test
    void two_scheduler_instances_on_one_database_fire_each_due_time_exactly_once() throws Exception {
        List<Long> jobIds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            jobIds.add(runningJobWithPolicy("*/10 * * * *"));
        }
        SnapshotScheduler second = secondInstance();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int firstClaims = 0;
        int secondClaims = 0;
        try {
            for (int step = 1; step <= 10; step++) {
                clock.set(T0.plus(Duration.ofMinutes(10L * step)));
                List<Callable<Integer>> both = List.of(scheduler::tick, second::tick);
                List<Future<Integer>> results = pool.invokeAll(both);
                firstClaims += results.get(0).get();
                secondClaims += results.get(1).get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(firstClaims + secondClaims)
                .as("due times claimed by either instance")
                .isEqualTo(200);
        String ids = jobIds.toString().replace("[", "(").replace("]", ")");
        assertThat(jdbc.queryForObject("select count(*) from schedule_event where job_id in " + ids, Long.class))
                .isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from job_snapshot where job_id in " + ids, Long.class))
                .isEqualTo(200);
        assertThat(jdbc.queryForObject(
                        "select count(distinct trigger_id) from job_snapshot where job_id in " + ids, Long.class))
                .isEqualTo(200);
        assertThat(jdbc.queryForObject(
                        "select count(*) from (select job_id, due_at from job_snapshot where job_id in " + ids
                                + " group by job_id, due_at having count(*) > 1) d",
                        Long.class))
                .as("due times with two snapshots")
                .isZero();
    }

    /**
     * More than two claim batches due at one instant, claimed by two instances at once (on PostgreSQL each with two
     * claimers): every due time is handled exactly once. The jobs are stopped, so each due time ends SKIPPED and no
     * snapshot work outlives the test.
     */
    @Test
    void more_than_two_batches_due_at_one_instant_are_each_handled_once_by_concurrent_claimers() throws Exception {
        int count = SnapshotScheduler.BATCH * 2 + 100;
        java.sql.Timestamp now = java.sql.Timestamp.from(T0);
        List<Object[]> jobRows = new ArrayList<>();
        String prefix = "bulk-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        for (int i = 0; i < count; i++) {
            jobRows.add(new Object[] {workspaceId, prefix + i, now, now});
        }
        jdbc.batchUpdate(
                "insert into flink_job (workspace_id, name, status, created_at, updated_at) values (?, ?, 'STOPPED', ?, ?)",
                jobRows);
        List<Long> jobIds = jdbc.queryForList(
                "select id from flink_job where workspace_id = ? and name like ?",
                Long.class,
                workspaceId,
                prefix + "%");
        java.sql.Timestamp due = java.sql.Timestamp.from(T0.plus(Duration.ofMinutes(10)));
        jdbc.batchUpdate(
                "insert into snapshot_policy (job_id, creation_enabled, cron_expression, snapshot_format, cleanup_enabled, "
                        + "keep_count, updated_at, spread_minutes, next_due_at) values (?, true, '*/10 * * * *', 'CANONICAL', "
                        + "false, 10, ?, 0, ?)",
                jobIds.stream().map(id -> new Object[] {id, now, due}).toList());
        SnapshotScheduler second = secondInstance();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int claimed;
        try {
            clock.set(T0.plus(Duration.ofMinutes(10)));
            List<Future<Integer>> results = pool.invokeAll(List.<Callable<Integer>>of(scheduler::tick, second::tick));
            claimed = results.get(0).get() + results.get(1).get();
        } finally {
            pool.shutdownNow();
            second.stopClaimers();
        }
        assertThat(claimed).as("due times handled by either instance").isEqualTo(count);
        String ids = jobIds.toString().replace("[", "(").replace("]", ")");
        assertThat(jdbc.queryForObject(
                        "select count(distinct job_id) from schedule_event where outcome = 'SKIPPED' and job_id in "
                                + ids,
                        Long.class))
                .isEqualTo(count);
        assertThat(jdbc.queryForObject("select count(*) from schedule_event where job_id in " + ids, Long.class))
                .as("one event per due time")
                .isEqualTo(count);
    }

    /** Another console replica's scheduler on the same database (two claimers each on PostgreSQL). */
    private SnapshotScheduler secondInstance() {
        return new SnapshotScheduler(
                policyRepository,
                jobs,
                snapshotBatches,
                transactions,
                audit,
                clock,
                new SchedulerProperties(Duration.ofMinutes(10), 3, Duration.ofSeconds(30), 2),
                jdbc,
                workspaces);
    }

    private long runningJobWithPolicy(String cron) {
        long job = runningJob();
        SystemIdentity.run(() -> policies.save(
                workspaceId,
                job,
                new PolicyDraft(true, cron, SnapshotFormat.CANONICAL, 0, false, 10, null, RetentionUnit.DAYS, "")));
        return job;
    }

    private long runningJob() {
        long job = SystemIdentity.call(() -> jobs.create(
                        workspaceId,
                        Demo.idle("j-" + UUID.randomUUID().toString().substring(0, 8), 1))
                .id());
        jdbc.update(
                "update flink_job set status = 'RUNNING', engine_job_id = 'ffffffffffffffffffffffffffffffff' where id = ?",
                job);
        return job;
    }

    private List<String> events(long job) {
        return jdbc.query(
                "select outcome, due_at from schedule_event where job_id = ? order by due_at",
                (rs, i) -> rs.getString(1) + "@"
                        + rs.getObject(2, java.time.OffsetDateTime.class)
                                .toLocalTime()
                                .toString()
                                .substring(0, 5),
                job);
    }
}
