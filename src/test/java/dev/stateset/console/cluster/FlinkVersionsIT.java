package dev.stateset.console.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.engine.EngineDirectory;
import dev.stateset.console.engine.FlinkEngine;
import dev.stateset.console.engine.JobLaunch;
import dev.stateset.console.job.JobAdoption;
import dev.stateset.console.job.JobArtifacts;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobDraft;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.job.StartStrategy;
import dev.stateset.console.policy.PolicyDraft;
import dev.stateset.console.policy.PolicyService;
import dev.stateset.console.policy.RetentionUnit;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.CheckpointSummary;
import dev.stateset.console.stateset.JobLifecycleService;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.stateset.SnapshotRegistry;
import dev.stateset.console.stateset.SnapshotService;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.stateset.SnapshotTrigger;
import dev.stateset.console.stateset.StateSetService;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.DemoCounts;
import dev.stateset.console.support.FlinkSessionCluster;
import dev.stateset.console.support.FlinkVersionBuild;
import dev.stateset.console.support.JobWaits;
import dev.stateset.console.workspace.EngineKind;
import dev.stateset.console.workspace.WorkspaceDraft;
import dev.stateset.console.workspace.WorkspaceService;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The version matrix: for Flink 1.20 LTS and the newest 2.x on Maven Central, a session cluster of separate JVMs from
 * that version's jars runs a stateful job compiled against that version, deployed without the console (through
 * Flink's REST API, as a team's script does). The console detects the version, adopts the running job, reads its
 * checkpoints, snapshots it, stops it with a snapshot and restores it: the counts continue. On the newest version the
 * adopted job also gets scheduled snapshots and their cleanup. (2.1.1, the embedded version, is {@link
 * MultiProcessFlinkIT}'s and every other test's.)
 */
@SpringBootTest(properties = {"stateset.engine.embedded.enabled=false", "stateset.demo.enabled=false"})
@ActiveProfiles("test")
class FlinkVersionsIT {

    static final Duration FLINK = Duration.ofSeconds(120);
    static final String NEWEST = "2.3.0";

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    JobAdoption adoption;

    @Autowired
    JobLifecycleService lifecycle;

    @Autowired
    SnapshotService snapshots;

    @Autowired
    StateSetService stateSets;

    @Autowired
    SnapshotRegistry registry;

    @Autowired
    PolicyService policies;

    @Autowired
    EngineDirectory engines;

    /** Flink 1.20 LTS and the newest 2.x (the pom's {@code flink.versions}; {@code -Dflink.versions=2.3.0} runs one). */
    static List<String> versions() {
        return List.of(System.getProperty("flink.versions", "1.20.5," + NEWEST).split(","));
    }

    @ParameterizedTest(name = "Flink {0}")
    @MethodSource("versions")
    void a_job_deployed_on_this_version_is_adopted_snapshotted_stopped_and_restored(String version) throws Exception {
        FlinkVersionBuild build = FlinkVersionBuild.of(version);
        FlinkSessionCluster cluster = FlinkSessionCluster.start(
                Path.of("target", "test-data", "flink-" + version + "-" + UUID.randomUUID()), build.classPath());
        try {
            FlinkEngine flink = engines.remote(cluster.restUrl());
            assertThat(flink.version()).as("detected from GET /config").isEqualTo(version);

            Path counts = DemoCounts.newDir("v" + version + "-");
            // Deployed by the team's own script through Flink's REST API, not by the console.
            String engineJobId = flink.startJob(new JobLaunch(
                    build.jobJar(),
                    FlinkVersionBuild.JOB_CLASS,
                    build.jobArguments(counts),
                    1,
                    Map.of(
                            "execution.checkpointing.interval", "10 s",
                            "execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION"),
                    null));
            Await.until(FLINK, "counting on Flink " + version, () -> DemoCounts.min(counts, 3) >= 20);

            String suffix = UUID.randomUUID().toString().substring(0, 6);
            long ws = SystemIdentity.call(() -> workspaces
                    .create(new WorkspaceDraft(
                            "flink-" + version + "-" + suffix,
                            "",
                            "UTC",
                            EngineKind.REMOTE,
                            cluster.restUrl().toString()))
                    .id());
            JobArtifacts.UploadedArtifact jar;
            try (InputStream in = Files.newInputStream(build.jobJar())) {
                jar = SystemIdentity.call(() -> jobs.uploadArtifact(ws, "versioned-counter.jar", in));
            }
            assertThat(jar.mainClass()).isEqualTo(FlinkVersionBuild.JOB_CLASS);
            assertThat(SystemIdentity.call(() -> adoption.engineJobs(ws, null)))
                    .filteredOn(j -> j.engineJobId().equals(engineJobId))
                    .singleElement()
                    .satisfies(j -> assertThat(j.managedJobId()).isNull());
            JobDetails job = SystemIdentity.call(() -> adoption.adopt(
                    ws,
                    new JobAdoption.AdoptRequest(
                            engineJobId, "counter-" + suffix, null, jar.artifact(), jar.mainClass())));
            assertThat(job.checkpoints().interval()).isEqualTo(Duration.ofSeconds(10));
            // Flink does not say what arguments a job was deployed with: the editor gives them with the jar.
            SystemIdentity.run(() -> jobs.update(
                    ws,
                    job.id(),
                    new JobDraft(
                            job.name(),
                            "",
                            jar.artifact(),
                            jar.mainClass(),
                            String.join(" ", build.jobArguments(counts)),
                            1)));
            assertThat(job.startUnavailable()).isEmpty();
            awaitStatus(job.id(), JobStatus.RUNNING);

            // This version's checkpoint statistics are read (their fields differ between versions).
            CheckpointSummary checkpoints = Await.until(
                    FLINK,
                    "a completed checkpoint on Flink " + version,
                    () -> SystemIdentity.call(() -> stateSets.checkpoints(ws, job.id())),
                    summary -> summary.statistics()
                            .map(s -> s.latestCompleted().isPresent())
                            .orElse(false));
            assertThat(checkpoints.unavailable()).isNull();
            assertThat(checkpoints.checkpoints())
                    .isNotEmpty()
                    .allSatisfy(c -> assertThat(c.id()).isPositive());

            JobSnapshot manual = SystemIdentity.call(
                    () -> snapshots.create(ws, job.id(), SnapshotFormat.CANONICAL, "on " + version));
            JobSnapshot manualDone = awaitSnapshot(ws, job.id(), manual.id());
            assertThat(manualDone.status())
                    .as("cause: %s", manualDone.failureCause())
                    .isEqualTo(SnapshotStatus.COMPLETED);
            assertThat(Path.of(URI.create(manualDone.location())).resolve("_metadata"))
                    .exists();

            if (version.equals(NEWEST)) {
                scheduledSnapshotsAndTheirCleanupRun(ws, job.id());
            }

            JobSnapshot stop = SystemIdentity.call(
                            () -> lifecycle.stop(ws, job.id(), true, false, SnapshotFormat.CANONICAL))
                    .orElseThrow();
            JobSnapshot stopDone = awaitSnapshot(ws, job.id(), stop.id());
            assertThat(stopDone.status())
                    .as("cause: %s", stopDone.failureCause())
                    .isEqualTo(SnapshotStatus.COMPLETED);
            awaitStatus(job.id(), JobStatus.FINISHED, JobStatus.STOPPED, JobStatus.CANCELED);
            Map<String, Long> saved = DemoCounts.read(counts);

            // Started again by the console, from the stop snapshot, in this version's dialect.
            SystemIdentity.run(() -> lifecycle.start(
                    ws,
                    job.id(),
                    new JobLifecycleService.StartRequest(StartStrategy.SNAPSHOT, stop.id(), false, null)));
            awaitStatus(job.id(), JobStatus.RUNNING);
            Await.until(
                    FLINK,
                    "counts continue above the saved ones on Flink " + version,
                    () -> DemoCounts.allAbove(DemoCounts.read(counts), saved));
            long maxSaved =
                    saved.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            assertThat(DemoCounts.read(counts).values())
                    .as("restored from state, not restarted at 1")
                    .allSatisfy(c -> assertThat(c).isGreaterThan(maxSaved / 2));
            SystemIdentity.call(() -> lifecycle.stop(ws, job.id(), false, false, null));
            awaitStatus(job.id(), JobStatus.CANCELED, JobStatus.STOPPED);

            if (version.equals(NEWEST)) {
                aSavepointOfAnotherClusterIsRegisteredAndRestoredHere(build, ws, jar);
            }
        } finally {
            cluster.stop();
        }
    }

    /**
     * Another team's cluster (a second one of the same version) runs the counter; their savepoint, taken through
     * Flink's REST API into their own directory, is registered as a snapshot of a new job here and restored on this
     * workspace's cluster: the counts continue from theirs.
     */
    private void aSavepointOfAnotherClusterIsRegisteredAndRestoredHere(
            FlinkVersionBuild build, long ws, JobArtifacts.UploadedArtifact jar) throws Exception {
        FlinkSessionCluster other = FlinkSessionCluster.start(
                Path.of("target", "test-data", "flink-other-" + UUID.randomUUID()), build.classPath());
        try {
            FlinkEngine theirs = engines.remote(other.restUrl());
            Path theirCounts = DemoCounts.newDir("other-");
            String theirJob = theirs.startJob(new JobLaunch(
                    build.jobJar(), FlinkVersionBuild.JOB_CLASS, build.jobArguments(theirCounts), 1, Map.of(), null));
            Await.until(FLINK, "counting on the other cluster", () -> DemoCounts.min(theirCounts, 3) >= 20);
            Path external = Files.createDirectories(Path.of("target", "test-data", "external-savepoints"))
                    .toAbsolutePath();
            String trigger = dev.stateset.console.stateset.TriggerIds.random();
            theirs.triggerSavepoint(
                    theirJob,
                    new dev.stateset.console.engine.SavepointRequest(
                            external.toUri().toString(),
                            dev.stateset.console.engine.SavepointFormatType.CANONICAL,
                            trigger));
            dev.stateset.console.engine.SavepointStatus made = Await.until(
                    FLINK,
                    "their savepoint",
                    () -> theirs.savepointStatus(theirJob, trigger),
                    s -> s.state() != dev.stateset.console.engine.SavepointStatus.State.IN_PROGRESS);
            assertThat(made.state()).isEqualTo(dev.stateset.console.engine.SavepointStatus.State.COMPLETED);
            theirs.cancel(theirJob);
            Map<String, Long> saved = DemoCounts.read(theirCounts);

            Path ourCounts = DemoCounts.newDir("ours-");
            long ours = SystemIdentity.call(() -> jobs.create(
                            ws,
                            new JobDraft(
                                    "from-another-cluster-"
                                            + UUID.randomUUID().toString().substring(0, 6),
                                    "",
                                    jar.artifact(),
                                    jar.mainClass(),
                                    String.join(" ", build.jobArguments(ourCounts)),
                                    1)))
                    .id();
            JobSnapshot registered = SystemIdentity.call(
                    () -> registry.register(ws, ours, made.location(), "from the other team's cluster"));
            assertThat(registered.trigger()).isEqualTo(SnapshotTrigger.EXTERNAL);
            SystemIdentity.run(() -> lifecycle.start(
                    ws,
                    ours,
                    new JobLifecycleService.StartRequest(StartStrategy.SNAPSHOT, registered.id(), false, null)));
            awaitStatus(ours, JobStatus.RUNNING);
            Await.until(
                    FLINK,
                    "their counts continue on this cluster",
                    () -> DemoCounts.allAbove(DemoCounts.read(ourCounts), saved));
            SystemIdentity.call(() -> lifecycle.stop(ws, ours, false, false, null));
            awaitStatus(ours, JobStatus.CANCELED, JobStatus.STOPPED);
        } finally {
            other.stop();
        }
    }

    /**
     * A scheduled snapshot fires on the adopted job; saved again, the schedule fires the next minute (the 10-minute
     * minimum between scheduled snapshots counts from the last due time of the same settings), and cleanup keeping one
     * deletes the first as soon as the second completes.
     */
    private void scheduledSnapshotsAndTheirCleanupRun(long ws, long job) {
        PolicyDraft everyMinuteKeepOne =
                new PolicyDraft(true, "* * * * *", SnapshotFormat.CANONICAL, 0, true, 1, null, RetentionUnit.DAYS, "");
        SystemIdentity.run(() -> policies.save(ws, job, everyMinuteKeepOne));
        JobSnapshot first = Await.until(
                        Duration.ofMinutes(2),
                        "a scheduled snapshot",
                        () -> scheduled(ws, job),
                        list -> list.stream().anyMatch(s -> s.status() == SnapshotStatus.COMPLETED))
                .get(0);
        SystemIdentity.run(() -> policies.save(ws, job, everyMinuteKeepOne));
        List<JobSnapshot> both = Await.until(
                Duration.ofMinutes(2),
                "a second scheduled snapshot, and the first cleaned up",
                () -> scheduled(ws, job),
                list -> list.size() >= 2
                        && list.stream().anyMatch(s -> s.id() != first.id() && s.status() == SnapshotStatus.COMPLETED)
                        && list.stream().anyMatch(s -> s.id() == first.id() && s.status() == SnapshotStatus.DELETED));
        assertThat(both).noneMatch(s -> s.status() == SnapshotStatus.FAILED);
        SystemIdentity.run(() -> policies.save(ws, job, PolicyDraft.defaults()));
    }

    private List<JobSnapshot> scheduled(long ws, long job) {
        return SystemIdentity.call(() -> stateSets
                        .snapshots(ws, job, Set.of(), PageRequest.of(0, 50))
                        .getContent())
                .stream()
                .filter(s -> s.trigger() == SnapshotTrigger.SCHEDULED)
                .sorted(java.util.Comparator.comparing(JobSnapshot::id))
                .toList();
    }

    private void awaitStatus(long job, JobStatus... statuses) {
        JobWaits.status(jobs, FLINK, job, statuses);
    }

    private JobSnapshot awaitSnapshot(long ws, long job, long id) {
        return JobWaits.snapshotDone(stateSets, FLINK, ws, job, id);
    }
}
