package dev.stateset.console.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.job.internal.JobStatusSync;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.JobLifecycleService;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.SnapshotService;
import dev.stateset.console.stateset.StateSetService;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.DemoCounts;
import dev.stateset.console.support.JobWaits;
import dev.stateset.console.support.ServiceTest;
import dev.stateset.console.support.WebhookReceiver;
import dev.stateset.console.workspace.EngineKind;
import dev.stateset.console.workspace.WorkspaceDraft;
import dev.stateset.console.workspace.WorkspaceService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On the embedded engine: a start from a snapshot is verified against what Flink says it restored; when the record and
 * Flink disagree (provoked by pointing the run's record at another snapshot), the run is marked unverified, audited, and
 * the workspace webhook gets one POST.
 */
@ServiceTest
class RestoreVerificationTest {

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
    JobStatusSync sync;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_start_from_a_snapshot_is_verified_and_a_mismatch_is_alerted_once() {
        try (WebhookReceiver hook = WebhookReceiver.start()) {
            long ws = SystemIdentity.call(() -> workspaces
                    .create(new WorkspaceDraft(
                            "verified-" + UUID.randomUUID().toString().substring(0, 8),
                            "",
                            "UTC",
                            EngineKind.EMBEDDED,
                            null,
                            hook.url()))
                    .id());
            Path counts = DemoCounts.newDir("verified-");
            long job = new Demo(ws, 0, 0)
                    .runningJob(
                            jobs,
                            lifecycle,
                            Demo.keyedCounter("verified", "--keys 3 --rate 50 --counts-dir " + counts));
            Await.until(FLINK, "counting", () -> DemoCounts.min(counts, 3) >= 10);
            JobSnapshot saved = snapshot(ws, job);
            SystemIdentity.run(() -> lifecycle.stop(ws, job, false, false, null));
            JobWaits.status(jobs, FLINK, job, JobStatus.CANCELED, JobStatus.STOPPED);

            SystemIdentity.run(() -> lifecycle.start(
                    ws, job, new JobLifecycleService.StartRequest(StartStrategy.SNAPSHOT, saved.id(), false, null)));
            JobDetails verified = Await.until(
                    FLINK,
                    "the restore checked",
                    () -> SystemIdentity.call(() -> jobs.get(ws, job)),
                    j -> j.restoreVerified() != null);
            assertThat(verified.restoreVerified()).isTrue();
            assertThat(verified.restoreVerdict()).contains("Flink restored savepoint", saved.location());
            List<JobRun> runs = SystemIdentity.call(() -> lifecycle.runs(ws, job));
            assertThat(runs.get(0).restoreVerified()).isTrue();
            assertThat(runs.get(1).restoreVerified())
                    .as("the first run started empty: nothing to verify")
                    .isNull();
            assertThat(audits(ws, "job.restore-verified")).isEqualTo(1);
            assertThat(hook.bodies()).isEmpty();

            // The console's record says the run came from another snapshot than Flink restored.
            JobSnapshot other = snapshot(ws, job);
            jdbc.update(
                    "update job_run set restore_path = ?, restore_verified = null where engine_job_id = ?",
                    other.location(),
                    verified.engineJobId());
            jdbc.update("update flink_job set restore_verified = null, restore_verdict = null where id = ?", job);
            JobDetails mismatch = Await.until(
                    FLINK,
                    "the mismatch found",
                    () -> SystemIdentity.call(() -> jobs.get(ws, job)),
                    j -> Objects.equals(j.restoreVerified(), Boolean.FALSE));
            assertThat(mismatch.restoreVerdict()).contains(saved.location(), "not " + other.location());
            Await.until(
                    Duration.ofSeconds(20),
                    "the webhook POST",
                    () -> !hook.bodies().isEmpty());
            assertThat(hook.bodies().get(0))
                    .contains("\"event\":\"restore.mismatch\"")
                    .contains("\"job\":\"" + mismatch.name() + "\"");
            // Further status passes do not check (or alert) the same run again.
            sync.syncWorkspace(ws);
            sync.syncWorkspace(ws);
            assertThat(audits(ws, "job.restore-mismatch")).isEqualTo(1);
            assertThat(SystemIdentity.call(() -> lifecycle.runs(ws, job)).get(0).restoreVerified())
                    .isFalse();
            SystemIdentity.run(() -> lifecycle.stop(ws, job, false, false, null));
        }
    }

    private long audits(long ws, String action) {
        return jdbc.queryForObject(
                "select count(*) from audit_event where workspace_id = ? and action = ?", Long.class, ws, action);
    }

    private JobSnapshot snapshot(long ws, long job) {
        return JobWaits.completedSnapshot(snapshots, stateSets, FLINK, ws, job);
    }
}
