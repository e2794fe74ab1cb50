package dev.stateset.console.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stateset.console.engine.EngineDirectory;
import dev.stateset.console.engine.EngineUnavailableException;
import dev.stateset.console.engine.embedded.DemoJobJar;
import dev.stateset.console.engine.embedded.demo.KeyedCounterJob;
import dev.stateset.console.job.JobDraft;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.job.StartStrategy;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.JobLifecycleService;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.stateset.SnapshotService;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.stateset.StateSetService;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.DemoCounts;
import dev.stateset.console.support.FlinkSessionCluster;
import dev.stateset.console.support.JobWaits;
import dev.stateset.console.workspace.EngineKind;
import dev.stateset.console.workspace.WorkspaceDraft;
import dev.stateset.console.workspace.WorkspaceService;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The console against a Flink session cluster of its own processes (JobManager and TaskManager JVMs), with the
 * embedded engine switched off: the demo jar is uploaded through {@code /jars/upload}, then snapshot → stop with a
 * snapshot → restore from it, and the keyed counts continue from their saved values.
 */
@SpringBootTest(properties = {"stateset.engine.embedded.enabled=false", "stateset.demo.enabled=false"})
@ActiveProfiles("test")
class MultiProcessFlinkIT {

    static final Duration FLINK = Duration.ofSeconds(90);

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobLifecycleService lifecycle;

    @Autowired
    JobService jobs;

    @Autowired
    SnapshotService snapshots;

    @Autowired
    StateSetService stateSets;

    @Autowired
    EngineDirectory engines;

    @Test
    void snapshot_stop_and_restore_round_trip_on_a_separate_process_cluster() throws Exception {
        FlinkSessionCluster cluster = FlinkSessionCluster.shared();
        assertThat(cluster.pids())
                .hasSize(2)
                .doesNotContain(ProcessHandle.current().pid());
        assertThatThrownBy(engines::embedded)
                .as("no embedded engine in this console")
                .isInstanceOf(EngineUnavailableException.class);

        Path counts = DemoCounts.newDir("mp-");
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        long ws = SystemIdentity.call(() -> workspaces
                .create(new WorkspaceDraft(
                        "session-" + suffix,
                        "",
                        "UTC",
                        EngineKind.REMOTE,
                        cluster.restUrl().toString()))
                .id());
        long job = SystemIdentity.call(() -> jobs.create(
                        ws,
                        new JobDraft(
                                "counter-" + suffix,
                                "",
                                DemoJobJar.ARTIFACT,
                                KeyedCounterJob.class.getName(),
                                "--keys 3 --rate 50 --counts-dir " + counts,
                                1))
                .id());

        SystemIdentity.run(() -> lifecycle.start(
                ws, job, new JobLifecycleService.StartRequest(StartStrategy.STATELESS, null, false, null)));
        awaitStatus(job, JobStatus.RUNNING);
        Await.until(FLINK, "counting on the TaskManager process", () -> DemoCounts.min(counts, 3) >= 20);

        JobSnapshot manual =
                SystemIdentity.call(() -> snapshots.create(ws, job, SnapshotFormat.NATIVE, "on the session cluster"));
        JobSnapshot manualDone = awaitSnapshot(ws, job, manual.id());
        assertThat(manualDone.status())
                .as("cause: %s", manualDone.failureCause())
                .isEqualTo(SnapshotStatus.COMPLETED);
        assertThat(Path.of(URI.create(manualDone.location())).resolve("_metadata"))
                .as("written by the TaskManager/JobManager processes")
                .exists();

        JobSnapshot stop = SystemIdentity.call(() -> lifecycle.stop(ws, job, true, false, SnapshotFormat.CANONICAL))
                .orElseThrow();
        JobSnapshot stopDone = awaitSnapshot(ws, job, stop.id());
        assertThat(stopDone.status()).as("cause: %s", stopDone.failureCause()).isEqualTo(SnapshotStatus.COMPLETED);
        awaitStatus(job, JobStatus.FINISHED, JobStatus.STOPPED, JobStatus.CANCELED);
        Map<String, Long> saved = DemoCounts.read(counts);

        SystemIdentity.run(() -> lifecycle.start(
                ws, job, new JobLifecycleService.StartRequest(StartStrategy.SNAPSHOT, stop.id(), false, null)));
        awaitStatus(job, JobStatus.RUNNING);
        Await.until(
                FLINK,
                "counts continue above the saved ones",
                () -> DemoCounts.allAbove(DemoCounts.read(counts), saved));
        Map<String, Long> now = DemoCounts.read(counts);
        long maxSaved = saved.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(now.values())
                .as("restored from state, not restarted at 1")
                .allSatisfy(c -> assertThat(c).isGreaterThan(maxSaved / 2));
        assertThat(SystemIdentity.call(() -> jobs.get(ws, job)).restoredFromSnapshotId())
                .isEqualTo(stop.id());

        SystemIdentity.call(() -> lifecycle.stop(ws, job, false, false, null));
        awaitStatus(job, JobStatus.CANCELED, JobStatus.STOPPED);
    }

    private void awaitStatus(long job, JobStatus... statuses) {
        JobWaits.status(jobs, FLINK, job, statuses);
    }

    private JobSnapshot awaitSnapshot(long ws, long job, long id) {
        return JobWaits.snapshotDone(stateSets, FLINK, ws, job, id);
    }
}
