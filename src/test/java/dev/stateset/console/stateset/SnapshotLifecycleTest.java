package dev.stateset.console.stateset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.engine.CheckpointStatistics;
import dev.stateset.console.job.EngineHealth;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.support.ActAs;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.ServiceTest;
import dev.stateset.console.workspace.EngineKind;
import dev.stateset.console.workspace.WorkspaceDraft;
import dev.stateset.console.workspace.WorkspaceRole;
import dev.stateset.console.workspace.WorkspaceService;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;

/** Job snapshots against the real embedded Flink cluster: savepoints are really written, sized and deleted. */
@ServiceTest
class SnapshotLifecycleTest {

    static final Duration FLINK = Duration.ofSeconds(60);

    @Autowired
    SnapshotService snapshots;

    @Autowired
    StateSetService stateSets;

    @Autowired
    dev.stateset.console.stateset.OverviewService overviews;

    @Autowired
    JobService jobs;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    UserDetailsService users;

    @Autowired
    JdbcTemplate jdbc;

    Demo demo;

    @BeforeEach
    void demoJobRunning() {
        demo = Demo.find(workspaces, jobs);
        Await.until(
                FLINK, "demo job keyed-counter RUNNING", () -> status(demo.keyedCounterJobId()) == JobStatus.RUNNING);
    }

    @Test
    void a_snapshot_of_a_running_job_completes_with_files_and_size() throws Exception {
        JobSnapshot created = asEditor(
                () -> snapshots.create(demo.workspaceId(), demo.keyedCounterJobId(), SnapshotFormat.CANONICAL, "test"));
        assertThat(created.status()).isEqualTo(SnapshotStatus.IN_PROGRESS);
        assertThat(created.createdBy()).isEqualTo("editor");

        JobSnapshot done = awaitFinished(created.id());
        assertThat(done.status())
                .as("snapshot status; cause: %s", done.failureCause())
                .isEqualTo(SnapshotStatus.COMPLETED);
        assertThat(done.location()).startsWith("file:");
        Path dir = Path.of(URI.create(done.location()));
        assertThat(dir.resolve("_metadata")).as("savepoint metadata file").exists();
        assertThat(done.sizeBytes()).isPositive();
        try (var files = Files.walk(dir)) {
            long bytes = files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
            assertThat(done.sizeBytes())
                    .as("size is the total bytes under the location")
                    .isEqualTo(bytes);
        }
        assertThat(done.duration()).isNotNull();

        var overview = asEditor(() ->
                overviews.read(demo.workspaceId(), demo.keyedCounterJobId(), 30).overview());
        assertThat(overview.lastCompletedSnapshot()).isPresent();
        var listed = asEditor(() -> jobs.list(demo.workspaceId())).stream()
                .filter(j -> j.id() == demo.keyedCounterJobId())
                .findFirst()
                .orElseThrow();
        assertThat(listed.lastSnapshotAt())
                .as("the job list's last snapshot (JobListFacts)")
                .isAfterOrEqualTo(done.completedAt());
        var stored = asEditor(() -> stateSets.storageByWorkspace()).get(demo.workspaceId());
        assertThat(stored.snapshots()).as("snapshots kept in the workspace").isPositive();
        assertThat(stored.bytes()).as("their bytes include this one's").isGreaterThanOrEqualTo(done.sizeBytes());
    }

    @Test
    void a_native_snapshot_completes_too() {
        JobSnapshot created = asEditor(
                () -> snapshots.create(demo.workspaceId(), demo.orderTotalsJobId(), SnapshotFormat.NATIVE, ""));
        Await.until(FLINK, "order-totals RUNNING", () -> status(demo.orderTotalsJobId()) == JobStatus.RUNNING);
        JobSnapshot done = awaitFinished(created.id());
        assertThat(done.status()).as("cause: %s", done.failureCause()).isEqualTo(SnapshotStatus.COMPLETED);
        assertThat(done.format()).isEqualTo(SnapshotFormat.NATIVE);
    }

    @Test
    void a_stopped_job_is_refused_and_nothing_is_recorded() {
        long jobId = SystemIdentity.call(() -> jobs.create(
                        demo.workspaceId(),
                        Demo.idle("stopped-" + UUID.randomUUID().toString().substring(0, 6), 1))
                .id());
        assertThatThrownBy(
                        () -> asEditor(() -> snapshots.create(demo.workspaceId(), jobId, SnapshotFormat.CANONICAL, "")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Only a RUNNING job can be snapshotted");
        assertThat(asEditor(() -> stateSets.snapshots(demo.workspaceId(), jobId, Set.of(), PageRequest.of(0, 10)))
                        .getTotalElements())
                .isZero();
    }

    @Test
    void checkpoint_statistics_appear_once_the_first_checkpoint_completed() {
        CheckpointSummary summary = Await.until(
                FLINK,
                "a completed checkpoint of keyed-counter",
                () -> asEditor(() -> stateSets.checkpoints(demo.workspaceId(), demo.keyedCounterJobId())),
                s -> s.statistics()
                        .flatMap(CheckpointStatistics::latestCompleted)
                        .isPresent());
        CheckpointStatistics.Checkpoint latest =
                summary.statistics().orElseThrow().latestCompleted().orElseThrow();
        assertThat(latest.id()).isPositive();
        assertThat(latest.fullSize()).isPositive();
        assertThat(latest.endTime()).isNotNull();
        assertThat(latest.duration()).isNotNull();
        assertThat(summary.checkpoints())
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.savepoint()).isFalse());
    }

    @Test
    void deleting_a_snapshot_removes_its_files_and_keeps_a_tombstone() {
        JobSnapshot done = awaitFinished(asEditor(() -> snapshots.create(
                        demo.workspaceId(), demo.keyedCounterJobId(), SnapshotFormat.CANONICAL, "to delete"))
                .id());
        assertThat(done.status()).isEqualTo(SnapshotStatus.COMPLETED);
        Path dir = Path.of(URI.create(done.location()));
        assertThat(dir).exists();

        assertThatThrownBy(() -> ActAs.run(
                        users,
                        "viewer",
                        () -> snapshots.delete(demo.workspaceId(), demo.keyedCounterJobId(), done.id())))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        assertThat(dir).as("a refused delete leaves the files").exists();

        JobSnapshot tombstone =
                asEditor(() -> snapshots.delete(demo.workspaceId(), demo.keyedCounterJobId(), done.id()));
        assertThat(dir).doesNotExist();
        assertThat(tombstone.status()).isEqualTo(SnapshotStatus.DELETED);
        assertThat(tombstone.deletedBy()).isEqualTo("editor");
        assertThat(tombstone.deletedAt()).isNotNull();
        assertThat(find(done.id()).status()).isEqualTo(SnapshotStatus.DELETED);
        assertThatThrownBy(
                        () -> asEditor(() -> snapshots.delete(demo.workspaceId(), demo.keyedCounterJobId(), done.id())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("already deleted");
    }

    @Test
    void flink_unreachable_shows_as_outage_and_fails_the_snapshot_with_the_cause() {
        String name = "offline-" + UUID.randomUUID().toString().substring(0, 6);
        long ws = SystemIdentity.call(() -> {
            long id = workspaces
                    .create(new WorkspaceDraft(name, "", "UTC", EngineKind.REMOTE, "http://127.0.0.1:9"))
                    .id();
            workspaces.addMember(id, "editor", WorkspaceRole.EDITOR);
            return id;
        });
        long jobId = SystemIdentity.call(
                () -> jobs.create(ws, Demo.idle("remote-job", 1)).id());
        // As if the job had been seen running on that cluster before it went away.
        jdbc.update(
                "update flink_job set status = 'RUNNING', engine_job_id = ? where id = ?",
                "0123456789abcdef0123456789abcdef",
                jobId);

        EngineHealth health = asEditor(() -> jobs.refreshFromEngine(ws));
        assertThat(health.reachable()).isFalse();
        assertThat(health.problem()).contains("http://127.0.0.1:9").contains("unreachable");
        assertThat(status(jobId))
                .as("statuses stay as last seen during an outage")
                .isEqualTo(JobStatus.RUNNING);

        JobSnapshot created = asEditor(() -> snapshots.create(ws, jobId, SnapshotFormat.CANONICAL, ""));
        JobSnapshot failed = awaitFinished(created.id());
        assertThat(failed.status()).isEqualTo(SnapshotStatus.FAILED);
        assertThat(failed.failureCause()).contains("unreachable");
        CheckpointSummary summary = asEditor(() -> stateSets.checkpoints(ws, jobId));
        assertThat(summary.engineOutage()).isTrue();
    }

    private JobSnapshot awaitFinished(long snapshotId) {
        return Await.until(
                FLINK,
                "snapshot " + snapshotId + " to finish",
                () -> find(snapshotId),
                s -> s.status() != SnapshotStatus.IN_PROGRESS);
    }

    private JobSnapshot find(long snapshotId) {
        return SystemIdentity.call(() -> {
            JobDetails job = jobs.findForSystem(
                    jdbc.queryForObject("select job_id from job_snapshot where id = ?", Long.class, snapshotId));
            return stateSets.snapshots(job.workspace().id(), job.id(), Set.of(), PageRequest.of(0, 500)).stream()
                    .filter(s -> s.id() == snapshotId)
                    .findFirst()
                    .orElseThrow();
        });
    }

    private JobStatus status(long jobId) {
        return SystemIdentity.call(() -> jobs.findForSystem(jobId).status());
    }

    private <T> T asEditor(java.util.function.Supplier<T> action) {
        return ActAs.call(users, "editor", action);
    }
}
