package dev.stateset.console.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.job.JobService;
import dev.stateset.console.policy.PolicyDraft;
import dev.stateset.console.policy.PolicyService;
import dev.stateset.console.policy.RetentionUnit;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.RecoveryPointDraft;
import dev.stateset.console.stateset.RecoveryPointService;
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.support.ControlledClockTest;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.MutableClock;
import dev.stateset.console.workspace.EngineKind;
import dev.stateset.console.workspace.WorkspaceDraft;
import dev.stateset.console.workspace.WorkspaceService;
import dev.stateset.console.workspace.WorkspaceSettings;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** One read of a workspace's State health: each job's facts from their owning features, and the cost at its price. */
@ControlledClockTest
class StateHealthServiceTest {

    static final Instant T0 = Instant.parse("2026-11-29T00:00:00Z");
    static final long GIB = 1L << 30;

    @Autowired
    StateHealthService health;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    PolicyService policies;

    @Autowired
    RecoveryPointService recoveryPoints;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void every_job_with_its_recovery_point_last_snapshot_schedule_bytes_and_cost() {
        clock.set(T0);
        long ws = SystemIdentity.call(() -> workspaces
                .create(new WorkspaceDraft(
                        "health-" + UUID.randomUUID().toString().substring(0, 8),
                        "",
                        "UTC",
                        EngineKind.REMOTE,
                        "http://127.0.0.1:9"))
                .id());
        long late =
                SystemIdentity.call(() -> jobs.create(ws, Demo.idle("late", 1)).id());
        long quiet =
                SystemIdentity.call(() -> jobs.create(ws, Demo.idle("quiet", 1)).id());
        jdbc.update(
                "update flink_job set status = 'RUNNING', engine_job_id = 'dddddddddddddddddddddddddddddddd' "
                        + "where id = ?",
                late);
        snapshot(late, "COMPLETED", T0.minus(Duration.ofHours(3)), 2 * GIB);
        snapshot(late, "FAILED", T0.minus(Duration.ofHours(1)), null);
        SystemIdentity.run(() -> recoveryPoints.save(ws, late, new RecoveryPointDraft(120, false)));
        SystemIdentity.run(() -> policies.save(
                ws,
                late,
                new PolicyDraft(
                        true, "0 * * * *", SnapshotFormat.CANONICAL, 0, false, 10, null, RetentionUnit.DAYS, "")));
        SystemIdentity.run(
                () -> workspaces.saveSettings(ws, new WorkspaceSettings(new BigDecimal("0.023"), "", false)));

        StateHealth read = SystemIdentity.call(() -> health.of(ws));

        Map<String, JobHealth> byName =
                read.jobs().stream().collect(Collectors.toMap(JobHealth::name, Function.identity()));
        JobHealth l = byName.get("late");
        assertThat(l.breached()).as("3 h old against 2 h").isTrue();
        assertThat(l.objectiveMinutes()).isEqualTo(120);
        assertThat(l.recoveryPointAgeSeconds()).isEqualTo(Duration.ofHours(3).toSeconds());
        assertThat(l.newestRestorable()).startsWith("snapshot #");
        assertThat(l.lastSnapshotResult()).as("the newest finished one failed").isEqualTo(SnapshotStatus.FAILED);
        assertThat(l.lastSnapshotAt()).isEqualTo(T0.minus(Duration.ofHours(1)));
        assertThat(l.nextScheduledAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(l.snapshotCount()).isEqualTo(1);
        assertThat(l.snapshotBytes()).isEqualTo(2 * GIB);
        assertThat(l.estimatedMonthlyCost()).isEqualByComparingTo("0.05"); // 2 GiB × 0.023, to the cent
        JobHealth q = byName.get("quiet");
        assertThat(q.breached()).isFalse();
        assertThat(q.objectiveMinutes()).isNull();
        assertThat(q.lastSnapshotResult()).isNull();
        assertThat(q.nextScheduledAt()).isNull();
        assertThat(q.estimatedMonthlyCost()).isEqualByComparingTo("0.00");
        assertThat(read.breached()).isEqualTo(1);
        assertThat(read.estimatedMonthlyCost()).isEqualByComparingTo("0.05");
        assertThat(read.asOf()).isEqualTo(T0);
    }

    private void snapshot(long job, String status, Instant at, Long bytes) {
        jdbc.update(
                "insert into job_snapshot (job_id, trigger_kind, format, description, status, created_by, created_at, "
                        + "completed_at, size_bytes, location) values (?, 'MANUAL', 'CANONICAL', '', ?, 'test', ?, ?, ?, ?)",
                job,
                status,
                Timestamp.from(at.minusSeconds(5)),
                Timestamp.from(at),
                bytes,
                "COMPLETED".equals(status) ? "file:/nowhere/" + job + "/" + at.toEpochMilli() : null);
    }
}
