package dev.stateset.console.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.policy.PolicyDraft;
import dev.stateset.console.policy.PolicyService;
import dev.stateset.console.policy.RetentionUnit;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.stateset.SnapshotService;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.stateset.StateSetService;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.ControlledClockTest;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.FaultInjectingStorage;
import dev.stateset.console.support.MutableClock;
import dev.stateset.console.workspace.WorkspaceService;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A schedule "every 10 minutes" with keep-2 cleanup on a demo job running on the embedded Flink cluster, the clock
 * moved 10 minutes at a time: real savepoints appear, the oldest turn into tombstones with their files gone, and a
 * storage outage leaves DELETE_FAILED until the next cleanup succeeds.
 */
@ControlledClockTest
class ScheduledSnapshotsEndToEndTest {

    static final Duration FLINK = Duration.ofSeconds(60);

    @Autowired
    SnapshotScheduler scheduler;

    @Autowired
    SnapshotCleanup cleanup;

    @Autowired
    PolicyService policies;

    @Autowired
    SnapshotService snapshotService;

    @Autowired
    StateSetService stateSets;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    MutableClock clock;

    @Autowired
    FaultInjectingStorage storage;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void schedule_creates_real_savepoints_and_cleanup_keeps_exactly_n() throws Exception {
        Demo demo = Demo.find(workspaces, jobs);
        long job = demo.keyedCounterJobId();
        clock.set(Instant.parse("2026-12-01T00:00:00Z"));
        jdbc.update("update snapshot_policy set creation_enabled = false");
        Await.until(
                FLINK,
                "keyed-counter RUNNING",
                () -> SystemIdentity.call(() -> {
                    jobs.refreshFromEngine(demo.workspaceId());
                    return jobs.get(demo.workspaceId(), job).status() == JobStatus.RUNNING;
                }));
        // A manual snapshot first: cleanup never deletes it.
        JobSnapshot manual = awaitDone(SystemIdentity.call(
                () -> snapshotService.create(demo.workspaceId(), job, SnapshotFormat.CANONICAL, "manual")));
        assertThat(manual.status()).isEqualTo(SnapshotStatus.COMPLETED);
        SystemIdentity.run(() -> policies.save(
                demo.workspaceId(),
                job,
                new PolicyDraft(
                        true, "*/10 * * * *", SnapshotFormat.CANONICAL, 0, true, 2, null, RetentionUnit.DAYS, "")));
        // A directory beside the snapshots that no record owns, and one sharing a snapshot's name as a prefix.
        Path jobDir = Path.of(URI.create(manual.location())).getParent();
        Path stranger = Files.createDirectories(jobDir.resolve("not-a-console-snapshot"));
        Files.writeString(stranger.resolve("data"), "keep me");

        for (int step = 1; step <= 4; step++) {
            clock.advance(Duration.ofMinutes(10));
            assertThat(scheduler.tick()).isEqualTo(1);
            awaitScheduled(job, step);
            Await.until(
                    FLINK, "cleanup after step", () -> scheduledCompleted(job).size() <= 2);
        }
        List<JobSnapshot> all = snapshots(demo.workspaceId(), job);
        List<JobSnapshot> scheduled =
                all.stream().filter(s -> s.trigger().name().equals("SCHEDULED")).toList();
        assertThat(scheduled).hasSize(4);
        assertThat(scheduled.stream().filter(s -> s.status() == SnapshotStatus.COMPLETED))
                .hasSize(2);
        List<JobSnapshot> tombstones = scheduled.stream()
                .filter(s -> s.status() == SnapshotStatus.DELETED)
                .toList();
        assertThat(tombstones).hasSize(2).allSatisfy(t -> {
            assertThat(t.deleteReason()).isEqualTo("retention: count");
            assertThat(t.deletedBy()).isEqualTo("system");
            assertThat(Path.of(URI.create(t.location())))
                    .as("deleted savepoint files")
                    .doesNotExist();
        });
        assertThat(scheduled.stream().filter(s -> s.status() == SnapshotStatus.COMPLETED))
                .allSatisfy(s -> assertThat(Path.of(URI.create(s.location())).resolve("_metadata"))
                        .exists());
        assertThat(find(all, manual.id()).status()).as("manual snapshot").isEqualTo(SnapshotStatus.COMPLETED);
        assertThat(stranger.resolve("data")).as("a directory no record owns").exists();

        // Storage outage: the next cleanup cannot delete; the snapshot is DELETE_FAILED and its files remain.
        storage.failDeletes(true);
        clock.advance(Duration.ofMinutes(10));
        assertThat(scheduler.tick()).isEqualTo(1);
        awaitScheduled(job, 5);
        JobSnapshot failed = Await.until(
                        FLINK,
                        "a DELETE_FAILED snapshot",
                        () -> snapshots(demo.workspaceId(), job).stream()
                                .filter(s -> s.status() == SnapshotStatus.DELETE_FAILED)
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(failed.failureCause()).contains("Injected storage outage");
        assertThat(Path.of(URI.create(failed.location()))).exists();

        // Storage back: the next cleanup retries and completes the delete.
        storage.failDeletes(false);
        cleanup.cleanJob(job);
        assertThat(find(snapshots(demo.workspaceId(), job), failed.id()).status())
                .isEqualTo(SnapshotStatus.DELETED);
        assertThat(Path.of(URI.create(failed.location()))).doesNotExist();
        assertThat(scheduledCompleted(job)).hasSize(2);
        jdbc.update(
                "update snapshot_policy set creation_enabled = false, cleanup_enabled = false where job_id = ?", job);
    }

    private void awaitScheduled(long job, int count) {
        Await.until(
                FLINK,
                count + " scheduled snapshots finished",
                () -> jdbc.queryForObject(
                                "select count(*) from job_snapshot where job_id = ? and trigger_kind = 'SCHEDULED' and status <> 'IN_PROGRESS'",
                                Long.class,
                                job)
                        >= count);
        Long failedCount = jdbc.queryForObject(
                "select count(*) from job_snapshot where job_id = ? and trigger_kind = 'SCHEDULED' "
                        + "and status = 'FAILED'",
                Long.class,
                job);
        assertThat(failedCount)
                .as(
                        "failed scheduled snapshots: %s",
                        jdbc.queryForList(
                                "select failure_cause from job_snapshot where job_id = ? and status = 'FAILED'",
                                String.class,
                                job))
                .isZero();
    }

    private List<Long> scheduledCompleted(long job) {
        return jdbc.queryForList(
                "select id from job_snapshot where job_id = ? and trigger_kind = 'SCHEDULED' and status = 'COMPLETED'",
                Long.class,
                job);
    }

    private JobSnapshot awaitDone(JobSnapshot created) {
        return Await.until(
                FLINK,
                "snapshot " + created.id(),
                () -> find(snapshots(created), created.id()),
                s -> s.status() != SnapshotStatus.IN_PROGRESS);
    }

    private List<JobSnapshot> snapshots(JobSnapshot any) {
        return SystemIdentity.call(() -> {
            var job = jobs.findForSystem(any.jobId());
            return snapshots(job.workspace().id(), job.id());
        });
    }

    private List<JobSnapshot> snapshots(long workspaceId, long job) {
        return SystemIdentity.call(() -> stateSets
                .snapshots(workspaceId, job, Set.of(), PageRequest.of(0, 1000))
                .getContent());
    }

    private static JobSnapshot find(List<JobSnapshot> all, long id) {
        return all.stream().filter(s -> s.id() == id).findFirst().orElseThrow();
    }
}
