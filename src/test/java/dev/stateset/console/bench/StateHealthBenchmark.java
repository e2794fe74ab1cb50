package dev.stateset.console.bench;

import static dev.stateset.console.bench.Report.f;
import static dev.stateset.console.bench.Report.percentile;

import dev.stateset.console.health.StateHealth;
import dev.stateset.console.health.StateHealthService;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.workspace.EngineKind;
import dev.stateset.console.workspace.WorkspaceDraft;
import dev.stateset.console.workspace.WorkspaceService;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The State health page's read for a workspace of 100 and of 1,000 jobs, each with checkpoints, snapshots, a
 * schedule and (every other job) a recovery-point objective: SQL statements per read (one more per 500 jobs for each
 * read that takes ids in chunks, never one per job) and time per read, side by side.
 */
final class StateHealthBenchmark {

    static final int READS = 30;

    /** Reads that take the jobs' ids in chunks of 500 (four of them find the newest checkpoint and snapshot). */
    static final int CHUNKED_READS = 10;

    @TestConfiguration(proxyBeanMethods = false)
    static class Config {
        @Bean
        static StatementCounter statementCounter() {
            return new StatementCounter();
        }
    }

    static Report run() {
        Report report = new Report("State health: one workspace's read with 100 and with 1,000 jobs");
        try (ConfigurableApplicationContext console = BenchConsole.start(
                Map.of(
                        "server.port", "0",
                        "logging.level.root", "warn",
                        "stateset.demo.enabled", "false",
                        "stateset.engine.embedded.enabled", "false",
                        "stateset.scheduling.enabled", "false"),
                Config.class)) {
            JdbcTemplate db = console.getBean(JdbcTemplate.class);
            WorkspaceService workspaces = console.getBean(WorkspaceService.class);
            StateHealthService health = console.getBean(StateHealthService.class);
            long[] small = measure(db, workspaces, health, 100);
            long[] large = measure(db, workspaces, health, 1_000);
            report.figure("statements per read, 100 jobs", String.valueOf(small[0]), "", null);
            report.figure(
                    "statements per read, 1,000 jobs",
                    String.valueOf(large[0]),
                    "≤ the 100-job count + " + CHUNKED_READS + " (no query per job)",
                    large[0] <= small[0] + CHUNKED_READS);
            report.note("Ten reads take job ids in chunks of 500 (a bounded IN list): 1,000 jobs add one statement "
                    + "to each; every other statement is the same for any number of jobs.");
            report.figure("median read, 100 jobs", f("%.1f ms", small[1] / 1e6), "", null);
            report.figure("median read, 1,000 jobs", f("%.1f ms", large[1] / 1e6), "< 500 ms", large[1] < 500_000_000L);
            report.figure("p95 read, 1,000 jobs", f("%.1f ms", large[2] / 1e6), "", null);
            report.figure(
                    "1,000 jobs / 100 jobs, median", f("%.1f×", (double) large[1] / small[1]), "≤ 10× (linear)", null);
        }
        return report;
    }

    /** {statements per read, median ns, p95 ns} for a fresh workspace of {@code jobs} jobs. */
    private static long[] measure(JdbcTemplate db, WorkspaceService workspaces, StateHealthService health, int jobs) {
        long ws = SystemIdentity.call(() -> workspaces
                .create(new WorkspaceDraft("health-" + jobs, "", "UTC", EngineKind.REMOTE, "http://fake-flink:8081"))
                .id());
        fill(db, ws, jobs);
        for (int i = 0; i < 10; i++) {
            SystemIdentity.call(() -> health.of(ws)); // warm up
        }
        long statements = 0;
        long[] nanos = new long[READS];
        for (int i = 0; i < READS; i++) {
            long s0 = StatementCounter.current();
            long t0 = System.nanoTime();
            StateHealth read = SystemIdentity.call(() -> health.of(ws));
            nanos[i] = System.nanoTime() - t0;
            statements = StatementCounter.current() - s0;
            if (read.jobs().size() != jobs) {
                throw new AssertionError("read " + read.jobs().size() + " jobs, not " + jobs);
            }
        }
        Arrays.sort(nanos);
        return new long[] {statements, percentile(nanos, 50), percentile(nanos, 95)};
    }

    /** Jobs with 5 checkpoints, 3 snapshots and a schedule each; every other one with an objective. */
    private static void fill(JdbcTemplate db, long ws, int jobs) {
        Instant now = Instant.now();
        Timestamp at = Timestamp.from(now);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            rows.add(new Object[] {ws, "job-" + i, "%032x".formatted(ws * 100_000 + i), at, at});
        }
        db.batchUpdate(
                "insert into flink_job (workspace_id, name, status, engine_job_id, created_at, updated_at) "
                        + "values (?, ?, 'RUNNING', ?, ?, ?)",
                rows);
        List<Long> ids = db.queryForList("select id from flink_job where workspace_id = ?", Long.class, ws);
        List<Object[]> checkpoints = new ArrayList<>();
        List<Object[]> snapshots = new ArrayList<>();
        List<Object[]> policies = new ArrayList<>();
        List<Object[]> objectives = new ArrayList<>();
        for (long id : ids) {
            for (int c = 1; c <= 5; c++) {
                Timestamp end = Timestamp.from(now.minus(Duration.ofMinutes(5L * (6 - c))));
                checkpoints.add(new Object[] {id, "%032x".formatted(id), c, end, end});
            }
            for (int s = 1; s <= 3; s++) {
                Timestamp done = Timestamp.from(now.minus(Duration.ofHours(4 - s)));
                snapshots.add(new Object[] {id, done, done, 1_000_000L * s, "file:/bench/" + id + "/" + s});
            }
            policies.add(new Object[] {id, Timestamp.from(now.plus(Duration.ofMinutes(id % 60))), at});
            if (id % 2 == 0) {
                objectives.add(new Object[] {id, 1800, at});
            }
        }
        db.batchUpdate(
                "insert into job_checkpoint (job_id, engine_job_id, checkpoint_id, status, trigger_time, end_time, "
                        + "duration_ms, checkpointed_size, full_size) values (?, ?, ?, 'COMPLETED', ?, ?, 100, 10, 10)",
                checkpoints);
        db.batchUpdate(
                "insert into job_snapshot (job_id, trigger_kind, format, description, status, created_by, created_at, "
                        + "completed_at, size_bytes, location) values (?, 'SCHEDULED', 'CANONICAL', '', 'COMPLETED', "
                        + "'bench', ?, ?, ?, ?)",
                snapshots);
        db.batchUpdate(
                "insert into snapshot_policy (job_id, creation_enabled, cron_expression, snapshot_format, "
                        + "cleanup_enabled, keep_count, next_due_at, updated_at, spread_minutes) "
                        + "values (?, true, '0 * * * *', 'CANONICAL', false, 10, ?, ?, 0)",
                policies);
        db.batchUpdate(
                "insert into recovery_point_objective (job_id, objective_seconds, snapshot_on_breach, updated_by, "
                        + "updated_at) values (?, ?, false, 'bench', ?)",
                objectives);
    }
}
