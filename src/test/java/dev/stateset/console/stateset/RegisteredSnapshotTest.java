package dev.stateset.console.stateset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.engine.EngineDirectory;
import dev.stateset.console.engine.FlinkEngine;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.job.StartStrategy;
import dev.stateset.console.policy.PolicyDraft;
import dev.stateset.console.policy.PolicyService;
import dev.stateset.console.policy.RetentionUnit;
import dev.stateset.console.policy.internal.SnapshotCleanup;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.DemoCounts;
import dev.stateset.console.support.JobWaits;
import dev.stateset.console.support.ServiceTest;
import dev.stateset.console.workspace.WorkspaceService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A savepoint the console did not make (a team's own, taken through Flink's REST API into their own directory) is
 * registered as a job snapshot of another job: its metadata is read, cleanup leaves it alone, and that job starts from
 * it with the first job's counts.
 */
@ServiceTest
class RegisteredSnapshotTest {

    static final Duration FLINK = Duration.ofSeconds(90);

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    JobLifecycleService lifecycle;

    @Autowired
    SnapshotService snapshots;

    @Autowired
    StateSetService stateSets;

    @Autowired
    SnapshotRegistry registry;

    @Autowired
    EngineDirectory engines;

    @Autowired
    PolicyService policies;

    @Autowired
    SnapshotCleanup cleanup;

    @Test
    void a_savepoint_made_elsewhere_is_registered_kept_by_cleanup_and_restored_into_another_job() throws Exception {
        Demo demo = Demo.find(workspaces, jobs);
        long ws = demo.workspaceId();
        Path countsA = DemoCounts.newDir("registered-a-");
        long a = demo.runningJob(
                jobs, lifecycle, Demo.keyedCounter("elsewhere", "--keys 3 --rate 50 --counts-dir " + countsA));
        Await.until(FLINK, "job A counting", () -> DemoCounts.min(countsA, 3) >= 20);

        // The team's own savepoint, into their own directory, straight through Flink.
        Path external = Files.createDirectories(Path.of("target", "test-data", "external-savepoints"))
                .toAbsolutePath();
        FlinkEngine flink = engines.embedded();
        String engineJobId = SystemIdentity.call(() -> jobs.get(ws, a).engineJobId());
        String madeLocation = JobWaits.savepointThroughFlink(flink, engineJobId, external, FLINK);
        SystemIdentity.call(() -> lifecycle.stop(ws, a, false, false, null));
        Map<String, Long> saved = DemoCounts.read(countsA);

        Path countsB = DemoCounts.newDir("registered-b-");
        long b = SystemIdentity.call(() -> jobs.create(
                        ws, Demo.keyedCounter("restored-here", "--keys 3 --rate 50 --counts-dir " + countsB)))
                .id();
        JobSnapshot registered =
                SystemIdentity.call(() -> registry.register(ws, b, madeLocation + "/", "from the team's script"));
        assertThat(registered.trigger()).isEqualTo(SnapshotTrigger.EXTERNAL);
        assertThat(registered.status()).isEqualTo(SnapshotStatus.COMPLETED);
        assertThat(registered.format()).as("read from its metadata").isEqualTo(SnapshotFormat.CANONICAL);
        assertThat(registered.location()).isEqualTo(madeLocation);
        assertThat(registered.sizeBytes()).isPositive();

        assertThatThrownBy(() -> SystemIdentity.call(() -> registry.register(ws, b, madeLocation, "")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("registered for the job already");
        assertThatThrownBy(() -> SystemIdentity.call(() -> registry.register(ws, b, "file:/etc", "")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("an admin allowed");
        Path empty = Files.createTempDirectory(external, "not-a-savepoint-");
        assertThatThrownBy(() -> SystemIdentity.call(
                        () -> registry.register(ws, b, empty.toUri().toString(), "")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("No readable snapshot");
        assertThatThrownBy(() ->
                        SystemIdentity.call(() -> registry.register(ws, b, external.toUri() + "../../../../etc", "")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("without '..'");

        // Cleanup keeping one scheduled snapshot never touches a registered one.
        SystemIdentity.run(() -> policies.save(
                ws,
                b,
                new PolicyDraft(false, "0 2 * * *", SnapshotFormat.CANONICAL, 0, true, 1, 1, RetentionUnit.HOURS, "")));
        SystemIdentity.call(() -> cleanup.cleanJob(b));
        assertThat(SystemIdentity.call(() -> stateSets.snapshot(ws, b, registered.id()))
                        .status())
                .isEqualTo(SnapshotStatus.COMPLETED);

        SystemIdentity.run(() -> lifecycle.start(
                ws, b, new JobLifecycleService.StartRequest(StartStrategy.SNAPSHOT, registered.id(), false, null)));
        Await.until(
                FLINK, "job B continues job A's counts", () -> DemoCounts.allAbove(DemoCounts.read(countsB), saved));
        JobDetails started = SystemIdentity.call(() -> jobs.get(ws, b));
        assertThat(started.restoredFromSnapshotId()).isEqualTo(registered.id());
        assertThat(started.status()).isIn(JobStatus.STARTING, JobStatus.RUNNING);
        SystemIdentity.call(() -> lifecycle.stop(ws, b, false, false, null));
    }
}
