package dev.stateset.console.job.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.stateset.console.engine.EngineJob;
import dev.stateset.console.engine.EngineUnavailableException;
import dev.stateset.console.engine.FlinkEngine;
import dev.stateset.console.job.JobEngines;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.ServiceTest;
import dev.stateset.console.workspace.EngineKind;
import dev.stateset.console.workspace.WorkspaceDetails;
import dev.stateset.console.workspace.WorkspaceDraft;
import dev.stateset.console.workspace.WorkspaceService;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A fleet's status sync: while one workspace's cluster holds its {@code /jobs/overview} call, another workspace's job
 * that changed in Flink is updated all the same, and the held workspace is not given a second call meanwhile.
 */
@ServiceTest
class JobStatusSyncIsolationTest {

    @Autowired
    JobRepository jobRows;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Clock clock;

    @Autowired
    StateChanges changes;

    @Autowired
    RestoreVerification restores;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_hung_cluster_delays_no_other_workspaces_status() throws Exception {
        // Unreachable URLs: the console's own status sync leaves these workspaces' jobs as they are.
        long hungWorkspace = workspace("http://127.0.0.1:9/");
        long healthyWorkspace = workspace("http://127.0.0.1:7/");
        String hungRun = run();
        String healthyRun = run();
        long hungJob = runningJob(hungWorkspace, hungRun);
        long healthyJob = runningJob(healthyWorkspace, healthyRun);

        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger hungCalls = new AtomicInteger();
        FlinkEngine hung = mock(FlinkEngine.class);
        when(hung.listJobs()).thenAnswer(call -> {
            hungCalls.incrementAndGet();
            release.await(60, TimeUnit.SECONDS);
            throw new EngineUnavailableException("did not answer", null);
        });
        FlinkEngine healthy = mock(FlinkEngine.class);
        when(healthy.listJobs()).thenReturn(List.of(new EngineJob(healthyRun, "healthy", "CANCELED", null, false)));
        FlinkEngine down = mock(FlinkEngine.class);
        when(down.listJobs()).thenThrow(new EngineUnavailableException("down", null));
        Map<Long, FlinkEngine> byWorkspace =
                new ConcurrentHashMap<>(Map.of(hungWorkspace, hung, healthyWorkspace, healthy));
        JobEngines engines = mock(JobEngines.class);
        when(engines.of(any(WorkspaceDetails.class)))
                .thenAnswer(call -> byWorkspace.getOrDefault(
                        call.<WorkspaceDetails>getArgument(0).id(), down));

        JobStatusSync sync = new JobStatusSync(jobRows, workspaces, engines, transactions, clock, changes, restores, 2);
        try {
            sync.syncAll();
            Await.until(Duration.ofSeconds(10), "the hung cluster called", () -> hungCalls.get() == 1);
            Await.until(Duration.ofSeconds(30), "the other workspace's job CANCELED while that call hangs", () -> {
                sync.syncAll();
                return "CANCELED".equals(status(healthyJob));
            });
            assertThat(hungCalls)
                    .as("a workspace whose sync still waits is not synced again meanwhile")
                    .hasValue(1);
            assertThat(status(hungJob)).isEqualTo("RUNNING");
        } finally {
            release.countDown();
            sync.destroy();
            jdbc.update("update flink_job set status = 'STOPPED' where id in (?, ?)", hungJob, healthyJob);
        }
    }

    private long workspace(String url) {
        return SystemIdentity.call(() -> workspaces
                .create(new WorkspaceDraft(
                        "sync-" + UUID.randomUUID().toString().substring(0, 8), "", "UTC", EngineKind.REMOTE, url))
                .id());
    }

    private static String run() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private long runningJob(long workspaceId, String run) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update(
                "insert into flink_job (workspace_id, name, status, engine_job_id, created_at, updated_at) values (?, ?, 'RUNNING', ?, ?, ?)",
                workspaceId,
                "job-" + run.substring(0, 6),
                run,
                now,
                now);
        return jdbc.queryForObject("select id from flink_job where engine_job_id = ?", Long.class, run);
    }

    private String status(long jobId) {
        return jdbc.queryForObject("select status from flink_job where id = ?", String.class, jobId);
    }
}
