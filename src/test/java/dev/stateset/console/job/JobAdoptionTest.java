package dev.stateset.console.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.engine.EngineDirectory;
import dev.stateset.console.engine.FlinkEngine;
import dev.stateset.console.engine.JobLaunch;
import dev.stateset.console.engine.embedded.demo.KeyedCounterJob;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.JobLifecycleService;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.stateset.SnapshotService;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.stateset.StateSetService;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.DemoCounts;
import dev.stateset.console.support.JobWaits;
import dev.stateset.console.support.ServiceTest;
import dev.stateset.console.workspace.WorkspaceService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A job someone else started on the cluster becomes a managed job without a restart: its snapshots and stop work at
 * once, Start waits for a jar, and with one the job continues from its stop snapshot.
 */
@ServiceTest
class JobAdoptionTest {

    static final Duration FLINK = Duration.ofSeconds(90);

    @Autowired
    JobAdoption adoption;

    @Autowired
    JobService jobs;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    EngineDirectory engines;

    @Autowired
    BuiltinJobJar demoJar;

    @Autowired
    SnapshotService snapshots;

    @Autowired
    StateSetService stateSets;

    @Autowired
    JobLifecycleService lifecycle;

    @Autowired
    org.springframework.security.core.userdetails.UserDetailsService userDetails;

    @Test
    void a_job_started_outside_the_console_is_adopted_snapshotted_stopped_and_restarted_from_its_state()
            throws Exception {
        Demo demo = Demo.find(workspaces, jobs);
        long ws = demo.workspaceId();
        Path counts = DemoCounts.newDir("adopt-");
        String args = "--keys 3 --rate 50 --counts-dir " + counts;
        // Started straight through Flink's REST API, as a team's own deployment script would.
        FlinkEngine flink = engines.embedded();
        String engineJobId = flink.startJob(new JobLaunch(
                demoJar.path(),
                KeyedCounterJob.class.getName(),
                List.of(args.split(" ")),
                1,
                Map.of(
                        "execution.checkpointing.interval", "15 s",
                        "execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION"),
                null));
        Await.until(FLINK, "counting before adoption", () -> DemoCounts.min(counts, 3) >= 10);

        JobAdoption.EngineJobListing listed = SystemIdentity.call(() -> adoption.engineJobs(ws, null)).stream()
                .filter(j -> j.engineJobId().equals(engineJobId))
                .findFirst()
                .orElseThrow();
        assertThat(listed.managedJobId()).as("not managed yet").isNull();
        assertThat(listed.status()).isEqualTo("RUNNING");

        String name = "adopted-" + UUID.randomUUID().toString().substring(0, 6);
        JobDetails adopted =
                SystemIdentity.call(() -> adoption.adopt(ws, new JobAdoption.AdoptRequest(engineJobId, name)));
        assertThat(adopted.engineJobId()).isEqualTo(engineJobId);
        assertThat(adopted.adoptedAt()).isNotNull();
        assertThat(adopted.checkpoints().interval())
                .as("read from what Flink runs the job with")
                .isEqualTo(Duration.ofSeconds(15));
        assertThat(adopted.startUnavailable())
                .hasValueSatisfying(reason -> assertThat(reason).contains("no jar"));
        assertThat(SystemIdentity.call(() -> lifecycle.runs(ws, adopted.id())))
                .singleElement()
                .satisfies(run -> assertThat(run.adopted()).isTrue());
        assertThat(SystemIdentity.call(() -> adoption.engineJobs(ws, null)))
                .filteredOn(j -> j.engineJobId().equals(engineJobId))
                .singleElement()
                .satisfies(j -> assertThat(j.managedJobId()).isEqualTo(adopted.id()));
        assertThatThrownBy(() -> SystemIdentity.call(
                        () -> adoption.adopt(ws, new JobAdoption.AdoptRequest(engineJobId, name + "-again"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("already manages");

        JobSnapshot stop = snapshotAndStopWithSnapshot(ws, adopted.id());
        Map<String, Long> saved = DemoCounts.read(counts);

        assertThatThrownBy(() -> SystemIdentity.call(() -> lifecycle.start(
                        ws,
                        adopted.id(),
                        new JobLifecycleService.StartRequest(StartStrategy.LATEST_SNAPSHOT, null, false, null))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no jar");

        // Given its jar, the console starts it again, from the stop snapshot.
        SystemIdentity.run(() -> jobs.update(
                ws,
                adopted.id(),
                new JobDraft(name, "", "builtin:demo-jobs", KeyedCounterJob.class.getName(), args, 1)));
        SystemIdentity.run(() -> lifecycle.start(
                ws,
                adopted.id(),
                new JobLifecycleService.StartRequest(StartStrategy.LATEST_SNAPSHOT, null, false, null)));
        Await.until(
                FLINK,
                "counts continue above the saved ones",
                () -> DemoCounts.allAbove(DemoCounts.read(counts), saved));
        assertThat(SystemIdentity.call(() -> jobs.get(ws, adopted.id()).restoredFromSnapshotId()))
                .isEqualTo(stop.id());
        // Flink runs it before the status sync says so (a stop is refused while the console still sees STARTING).
        Await.until(
                FLINK,
                "the console sees the restarted job RUNNING",
                () -> SystemIdentity.call(() -> jobs.get(ws, adopted.id()).status()) == JobStatus.RUNNING);
        SystemIdentity.call(() -> lifecycle.stop(ws, adopted.id(), false, false, null));
    }

    @Test
    void a_job_on_its_own_application_cluster_is_managed_through_its_url_and_its_start_belongs_elsewhere() {
        // The workspace's own cluster is away; the job runs on a cluster of its own (here: the embedded one's URL).
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        long ws = SystemIdentity.call(() -> workspaces
                .create(new dev.stateset.console.workspace.WorkspaceDraft(
                        "k8s-" + suffix,
                        "",
                        "UTC",
                        dev.stateset.console.workspace.EngineKind.REMOTE,
                        "http://127.0.0.1:9"))
                .id());
        FlinkEngine own = engines.embedded();
        String engineJobId = own.startJob(new JobLaunch(
                demoJar.path(),
                KeyedCounterJob.class.getName(),
                List.of("--keys", "2", "--rate", "5"),
                1,
                Map.of("execution.checkpointing.interval", "30 s"),
                null));
        JobDetails adopted = SystemIdentity.call(() -> adoption.adopt(
                ws,
                new JobAdoption.AdoptRequest(
                        engineJobId, "orders-" + suffix, own.restUrl().toString(), null, null)));
        assertThat(adopted.engineRestUrl()).isEqualTo(own.restUrl().toString().replaceAll("/$", ""));
        assertThat(adopted.startUnavailable())
                .hasValueSatisfying(reason -> assertThat(reason).contains("deployment system owns"));
        // The status sync reads the job's own cluster, though the workspace's does not answer.
        snapshotAndStopWithSnapshot(ws, adopted.id());
        assertThatThrownBy(() -> SystemIdentity.call(() -> lifecycle.start(
                        ws,
                        adopted.id(),
                        new JobLifecycleService.StartRequest(StartStrategy.STATELESS, null, false, null))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("deployment system owns");
    }

    @Test
    void binding_a_job_to_a_cluster_url_takes_an_owner() {
        long ws = Demo.find(workspaces, jobs).workspaceId();
        assertThatThrownBy(() -> dev.stateset.console.support.ActAs.run(
                        userDetails,
                        "editor",
                        () -> adoption.adopt(
                                ws,
                                new JobAdoption.AdoptRequest(
                                        "0".repeat(32), "elsewhere", "http://10.0.0.1:8081", null, null))))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class)
                .hasMessageContaining("OWNER");
    }

    @Test
    void only_a_running_job_the_cluster_knows_can_be_adopted() {
        long ws = Demo.find(workspaces, jobs).workspaceId();
        assertThatThrownBy(() -> SystemIdentity.call(
                        () -> adoption.adopt(ws, new JobAdoption.AdoptRequest("0".repeat(32), "ghost"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("The cluster has no job");
        assertThatThrownBy(() ->
                        SystemIdentity.call(() -> adoption.adopt(ws, new JobAdoption.AdoptRequest("not-an-id", " "))))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsOnlyKeys("engineJobId", "name"));
    }

    /**
     * Once the adopted job is RUNNING (as the console sees it): a manual snapshot, then a stop with a snapshot, both
     * COMPLETED, and the job no longer running.
     */
    private JobSnapshot snapshotAndStopWithSnapshot(long ws, long job) {
        Await.until(
                FLINK,
                "adopted job RUNNING",
                () -> SystemIdentity.call(() -> jobs.get(ws, job).status()) == JobStatus.RUNNING);
        JobSnapshot manual =
                SystemIdentity.call(() -> snapshots.create(ws, job, SnapshotFormat.CANONICAL, "of an adopted job"));
        assertThat(awaitSnapshot(ws, job, manual.id()).status()).isEqualTo(SnapshotStatus.COMPLETED);
        JobSnapshot stop = SystemIdentity.call(() -> lifecycle.stop(ws, job, true, false, SnapshotFormat.CANONICAL))
                .orElseThrow();
        assertThat(awaitSnapshot(ws, job, stop.id()).status()).isEqualTo(SnapshotStatus.COMPLETED);
        Await.until(
                FLINK,
                "adopted job stopped",
                () -> !SystemIdentity.call(() -> jobs.get(ws, job).status()).isRunning());
        return stop;
    }

    private JobSnapshot awaitSnapshot(long ws, long job, long id) {
        return JobWaits.snapshotDone(stateSets, FLINK, ws, job, id);
    }
}
