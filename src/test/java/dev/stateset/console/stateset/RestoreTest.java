package dev.stateset.console.stateset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.engine.JobLaunch;
import dev.stateset.console.engine.embedded.DemoJobJar;
import dev.stateset.console.engine.embedded.demo.KeyedCounterJob;
import dev.stateset.console.job.JobDraft;
import dev.stateset.console.job.JobRun;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.job.StartStrategy;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.support.ActAs;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.DemoCounts;
import dev.stateset.console.support.ServiceTest;
import dev.stateset.console.workspace.WorkspaceService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.core.userdetails.UserDetailsService;

/** Stop with a snapshot and restore, on the embedded Flink: keyed counts continue from their saved values. */
@ServiceTest
class RestoreTest {

    static final Duration FLINK = Duration.ofSeconds(60);

    @Autowired
    SnapshotService snapshots;

    @Autowired
    StateSetService stateSets;

    @Autowired
    JobService jobs;

    @Autowired
    JobLifecycleService lifecycle;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    UserDetailsService users;

    @Autowired
    dev.stateset.console.storage.SnapshotStorage storage;
    // Not @TempDir: a cancelled job's sink may still write its last counts while JUnit deletes the directory.
    Path countsA;
    Path countsB;

    @org.junit.jupiter.api.BeforeEach
    void countsDirectories() throws IOException {
        Path root = Files.createDirectories(Path.of("target", "test-data", "counts"));
        countsA = Files.createTempDirectory(root, "a-").toAbsolutePath();
        countsB = Files.createTempDirectory(root, "b-").toAbsolutePath();
    }

    @Test
    void counts_continue_after_stop_and_restore_and_job_b_continues_job_a() throws Exception {
        Demo demo = Demo.find(workspaces, jobs);
        long a = counterJob(demo, "restore-a", countsA);
        long b = counterJob(demo, "restore-b", countsB);
        asEditor(() -> lifecycle.startWithoutState(demo.workspaceId(), a));
        awaitRunning(demo, a);
        Await.until(FLINK, "job A counting", () -> DemoCounts.min(countsA, 3) >= 20);

        assertThatThrownBy(() -> asEditor(() -> lifecycle.start(
                        demo.workspaceId(),
                        a,
                        new JobLifecycleService.StartRequest(StartStrategy.STATELESS, null, false, null))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("stop the job first");

        JobSnapshot stop = asEditor(() -> lifecycle.stop(demo.workspaceId(), a, true, false, SnapshotFormat.CANONICAL))
                .orElseThrow();
        assertThat(stop.trigger()).isEqualTo(SnapshotTrigger.STOP);
        JobSnapshot stopped = Await.until(
                FLINK, "stop snapshot", () -> find(demo, a, stop.id()), s -> s.status() != SnapshotStatus.IN_PROGRESS);
        assertThat(stopped.status()).as("cause: %s", stopped.failureCause()).isEqualTo(SnapshotStatus.COMPLETED);
        Await.until(
                FLINK,
                "job A ended",
                () -> status(demo, a) != JobStatus.RUNNING && status(demo, a) != JobStatus.STOPPING);
        Map<String, Long> saved = DemoCounts.read(countsA);
        assertThat(saved).hasSize(3);

        // Restore A from its stop snapshot: every key continues above its saved count.
        asEditor(() -> lifecycle.start(
                demo.workspaceId(),
                a,
                new JobLifecycleService.StartRequest(
                        StartStrategy.LATEST_SNAPSHOT, null, false, JobLaunch.ClaimMode.NO_CLAIM)));
        awaitRunning(demo, a);
        Await.until(
                FLINK, "A's counts above the saved ones", () -> DemoCounts.allAbove(DemoCounts.read(countsA), saved));
        assertThat(asEditor(() -> jobs.get(demo.workspaceId(), a)).restoredFromSnapshotId())
                .isEqualTo(stop.id());
        JobRun run = asEditor(() -> lifecycle.runs(demo.workspaceId(), a)).get(0);
        assertThat(run.strategy()).isEqualTo(StartStrategy.LATEST_SNAPSHOT);
        assertThat(run.restoreSnapshotId()).isEqualTo(stop.id());

        // Job B (same operator uids) started from A's snapshot continues A's counts, not from zero.
        asEditor(() -> lifecycle.start(
                demo.workspaceId(),
                b,
                new JobLifecycleService.StartRequest(StartStrategy.SNAPSHOT, stop.id(), false, null)));
        awaitRunning(demo, b);
        Await.until(
                FLINK, "B's counts above A's saved ones", () -> DemoCounts.allAbove(DemoCounts.read(countsB), saved));
        assertThat(asEditor(() -> lifecycle.runs(demo.workspaceId(), b)).get(0).restorePath())
                .isEqualTo(stopped.location());

        SystemIdentity.run(() -> {
            lifecycle.stop(demo.workspaceId(), a, false, false, null);
            lifecycle.stop(demo.workspaceId(), b, false, false, null);
        });
    }

    @Test
    void another_jobs_incompatible_snapshot_is_refused_with_flinks_reason_unless_non_restored_state_is_allowed() {
        Demo demo = Demo.find(workspaces, jobs);
        awaitRunning(demo, demo.keyedCounterJobId());
        JobSnapshot counter = asEditor(() ->
                snapshots.create(demo.workspaceId(), demo.keyedCounterJobId(), SnapshotFormat.CANONICAL, "for totals"));
        JobSnapshot done = Await.until(
                FLINK,
                "counter snapshot",
                () -> find(demo, demo.keyedCounterJobId(), counter.id()),
                s -> s.status() != SnapshotStatus.IN_PROGRESS);
        assertThat(done.status()).isEqualTo(SnapshotStatus.COMPLETED);
        long totals = SystemIdentity.call(() -> jobs.create(demo.workspaceId(), Demo.orderTotals("totals", "--rate 5"))
                .id());

        // Flink refuses the submission itself, with its reason; the console records no run and the job stays as it was.
        assertThatThrownBy(() -> asEditor(() -> lifecycle.start(
                        demo.workspaceId(),
                        totals,
                        new JobLifecycleService.StartRequest(StartStrategy.SNAPSHOT, done.id(), false, null))))
                .isInstanceOf(dev.stateset.console.engine.EngineRejectedException.class)
                .hasMessageContaining("Cannot map checkpoint/savepoint state")
                .hasMessageContaining("allowNonRestoredState");
        assertThat(asEditor(() -> lifecycle.runs(demo.workspaceId(), totals))).isEmpty();
        assertThat(status(demo, totals)).isEqualTo(JobStatus.STOPPED);

        asEditor(() -> lifecycle.start(
                demo.workspaceId(),
                totals,
                new JobLifecycleService.StartRequest(StartStrategy.SNAPSHOT, done.id(), true, null)));
        awaitRunning(demo, totals);
        assertThat(asEditor(() -> jobs.get(demo.workspaceId(), totals)).lastFailure())
                .isNull();
        SystemIdentity.run(() -> lifecycle.stop(demo.workspaceId(), totals, false, false, null));
    }

    @Test
    void the_compatibility_check_lists_dropped_state_and_operators_starting_empty() {
        Demo demo = Demo.find(workspaces, jobs);
        awaitRunning(demo, demo.keyedCounterJobId());
        JobSnapshot created = asEditor(() ->
                snapshots.create(demo.workspaceId(), demo.keyedCounterJobId(), SnapshotFormat.CANONICAL, "check"));
        JobSnapshot done = Await.until(
                FLINK,
                "snapshot",
                () -> find(demo, demo.keyedCounterJobId(), created.id()),
                s -> s.status() != SnapshotStatus.IN_PROGRESS);
        long totals = SystemIdentity.call(() ->
                jobs.create(demo.workspaceId(), Demo.orderTotals("compat", "")).id());
        long sameKind = counterJob(demo, "compat-same", countsB);

        JobLifecycleService.Compatibility incompatible =
                asEditor(() -> lifecycle.compatibility(demo.workspaceId(), totals, done.id()));
        assertThat(incompatible.dropsState()).isTrue();
        assertThat(incompatible.droppedState()).anySatisfy(d -> assertThat(d).contains("uid 'counter'"));
        assertThat(incompatible.startingEmpty()).anySatisfy(d -> assertThat(d).contains("uid 'totals'"));

        JobLifecycleService.Compatibility compatible =
                asEditor(() -> lifecycle.compatibility(demo.workspaceId(), sameKind, done.id()));
        assertThat(compatible.droppedState())
                .as("same operator uids: nothing dropped")
                .isEmpty();
        // Operators without state in the snapshot are listed too (the sink has none; it is stateless).
        assertThat(compatible.startingEmpty())
                .noneSatisfy(d -> assertThat(d).contains("uid 'counter'"))
                .noneSatisfy(d -> assertThat(d).contains("uid 'events'"));
    }

    @Test
    void a_failing_stop_snapshot_leaves_the_job_running_and_nothing_completed() throws Exception {
        Demo demo = Demo.find(workspaces, jobs);
        long job = counterJob(demo, "stop-fails", countsA);
        asEditor(() -> lifecycle.startWithoutState(demo.workspaceId(), job));
        awaitRunning(demo, job);
        // The job's snapshot directory is a file: Flink cannot write the savepoint there.
        Path dir = Path.of(java.net.URI.create(storage.snapshotDirectory(demo.workspaceId(), job)));
        Files.createDirectories(dir.getParent());
        Files.writeString(dir, "not a directory");
        try {
            JobSnapshot stop = asEditor(
                            () -> lifecycle.stop(demo.workspaceId(), job, true, false, SnapshotFormat.CANONICAL))
                    .orElseThrow();
            JobSnapshot failed = Await.until(
                    FLINK,
                    "the stop snapshot to fail",
                    () -> find(demo, job, stop.id()),
                    s -> s.status() != SnapshotStatus.IN_PROGRESS);
            assertThat(failed.status()).isEqualTo(SnapshotStatus.FAILED);
            assertThat(failed.failureCause()).isNotBlank();
            assertThat(status(demo, job)).as("the job keeps running").isEqualTo(JobStatus.RUNNING);
            assertThat(SystemIdentity.call(() -> stateSets
                            .snapshots(demo.workspaceId(), job, Set.of(SnapshotStatus.COMPLETED), PageRequest.of(0, 10))
                            .getTotalElements()))
                    .isZero();
        } finally {
            Files.deleteIfExists(dir);
            SystemIdentity.run(() -> lifecycle.stop(demo.workspaceId(), job, false, false, null));
        }
    }

    @Test
    void latest_state_resumes_from_the_retained_checkpoint_after_a_cancel() {
        Demo demo = Demo.find(workspaces, jobs);
        long job = counterJob(demo, "latest-state", countsB);
        SystemIdentity.run(() -> jobs.updateConfiguration(
                demo.workspaceId(),
                job,
                new dev.stateset.console.job.CheckpointSettings(
                        Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ZERO, 1),
                dev.stateset.console.job.StateParameters.defaults()));
        asEditor(() -> lifecycle.startWithoutState(demo.workspaceId(), job));
        awaitRunning(demo, job);
        var checkpoint = Await.until(
                        FLINK,
                        "a retained checkpoint",
                        () -> asEditor(() -> stateSets.latestRetainedCheckpoint(demo.workspaceId(), job)),
                        java.util.Optional::isPresent)
                .orElseThrow();
        SystemIdentity.run(() -> lifecycle.stop(demo.workspaceId(), job, false, false, null));
        Await.until(
                FLINK,
                "job cancelled",
                () -> status(demo, job) == JobStatus.CANCELED || status(demo, job) == JobStatus.STOPPED);
        Map<String, Long> atCancel = DemoCounts.read(countsB);

        asEditor(() -> lifecycle.start(
                demo.workspaceId(),
                job,
                new JobLifecycleService.StartRequest(StartStrategy.LATEST_STATE, null, false, null)));
        JobRun run = asEditor(() -> lifecycle.runs(demo.workspaceId(), job)).get(0);
        assertThat(run.strategy()).isEqualTo(StartStrategy.LATEST_STATE);
        assertThat(run.restorePath())
                .as("restored from the newest retained checkpoint")
                .contains("/chk-");
        awaitRunning(demo, job);
        // The checkpoint is at most 10 s older than the cancel, so counts resume near (not above) their last values,
        // never from 0.
        Await.until(FLINK, "counts resumed from the checkpoint", () -> {
            Map<String, Long> now = DemoCounts.read(countsB);
            return now.size() == 3 && now.values().stream().allMatch(v -> v > 50) && !now.equals(atCancel);
        });
        assertThat(checkpoint.location()).contains("/chk-");
        SystemIdentity.run(() -> lifecycle.stop(demo.workspaceId(), job, false, false, null));
    }

    @Test
    void a_snapshot_of_another_workspace_is_not_found() {
        Demo demo = Demo.find(workspaces, jobs);
        long job = SystemIdentity.call(() -> jobs.create(
                        demo.workspaceId(),
                        Demo.idle("restore-x-" + UUID.randomUUID().toString().substring(0, 6), 1))
                .id());
        assertThatThrownBy(() -> asEditor(() -> lifecycle.start(
                        demo.workspaceId(),
                        job,
                        new JobLifecycleService.StartRequest(StartStrategy.SNAPSHOT, 987654L, false, null))))
                .isInstanceOf(dev.stateset.console.base.ResourceNotFoundException.class);
        assertThatThrownBy(() -> asEditor(() -> lifecycle.start(
                        demo.workspaceId(),
                        job,
                        new JobLifecycleService.StartRequest(StartStrategy.LATEST_SNAPSHOT, null, false, null))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no completed job snapshot");
    }

    private long counterJob(Demo demo, String name, Path countsDir) {
        return SystemIdentity.call(() -> jobs.create(
                        demo.workspaceId(),
                        new JobDraft(
                                name + "-" + UUID.randomUUID().toString().substring(0, 6),
                                "",
                                DemoJobJar.ARTIFACT,
                                KeyedCounterJob.class.getName(),
                                "--keys 3 --rate 50 --counts-dir " + countsDir,
                                1))
                .id());
    }

    private void awaitRunning(Demo demo, long job) {
        Await.until(
                FLINK,
                "job " + job + " RUNNING",
                () -> SystemIdentity.call(() -> {
                    jobs.refreshFromEngine(demo.workspaceId());
                    return jobs.get(demo.workspaceId(), job).status() == JobStatus.RUNNING;
                }));
    }

    private JobStatus status(Demo demo, long job) {
        return SystemIdentity.call(() -> {
            jobs.refreshFromEngine(demo.workspaceId());
            return jobs.get(demo.workspaceId(), job).status();
        });
    }

    private JobSnapshot find(Demo demo, long job, long id) {
        return SystemIdentity.call(
                () -> stateSets.snapshots(demo.workspaceId(), job, Set.of(), PageRequest.of(0, 100)).stream()
                        .filter(s -> s.id() == id)
                        .findFirst()
                        .orElseThrow());
    }

    private <T> T asEditor(java.util.function.Supplier<T> action) {
        return ActAs.call(users, "editor", action);
    }
}
