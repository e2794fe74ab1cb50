package dev.stateset.console.stateset.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.stateset.console.engine.CheckpointStatistics;
import dev.stateset.console.engine.EngineUnavailableException;
import dev.stateset.console.engine.FlinkEngine;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobEngines;
import dev.stateset.console.job.JobService;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.StateSetService;
import dev.stateset.console.stateset.SystemCheckpoint;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.RunningConsoleTest;
import dev.stateset.console.workspace.WorkspaceService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The checkpoint recorder keeps what Flink forgets: Flink lists only a run's last few checkpoints; as its window slides,
 * the console's records grow, savepoints stay out, and an in-progress checkpoint is brought up to date when it ends.
 * Flink's answers are scripted (a sliding window of ten), the records are the console's real database.
 */
@RunningConsoleTest
class CheckpointRecorderTest {

    @Autowired
    JobService jobs;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    CheckpointRecords records;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    StateChanges changes;

    @Autowired
    StateSetService stateSets;

    @Autowired
    dev.stateset.console.stateset.OverviewService overviews;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    final FlinkEngine flink = mock(FlinkEngine.class);
    final FlinkEngine down = mock(FlinkEngine.class);
    final Map<Long, FlinkEngine> clusterOf = new ConcurrentHashMap<>();
    CheckpointRecorder recorder;
    JobDetails job;
    String run;

    @BeforeEach
    void jobWithARun() {
        Demo demo = Demo.find(workspaces, jobs);
        long id = SystemIdentity.call(() -> jobs.create(
                        demo.workspaceId(),
                        Demo.idle("recorded-" + UUID.randomUUID().toString().substring(0, 6), 1))
                .id());
        run = UUID.randomUUID().toString().replace("-", "");
        // On a cluster of its own that the console's status sync cannot reach: it would otherwise stop the job at once,
        // whose run the embedded cluster does not know.
        jdbc.update(
                "update flink_job set engine_job_id = ?, status = 'RUNNING', engine_rest_url = 'http://127.0.0.1:7/' where id = ?",
                run,
                id);
        job = SystemIdentity.call(() -> jobs.findForSystem(id));
        clusterOf.put(id, flink);
        JobEngines engines = mock(JobEngines.class);
        // Every other running job of the test console is on a cluster that is down.
        when(engines.of(any(dev.stateset.console.job.JobDetails.class)))
                .thenAnswer(call ->
                        clusterOf.getOrDefault(call.<JobDetails>getArgument(0).id(), down));
        when(down.checkpointStatistics(anyString())).thenThrow(new EngineUnavailableException("down", null));
        recorder = new CheckpointRecorder(
                jobs, engines, records, transactions, changes, clock, Duration.ofDays(30), Duration.ofSeconds(2), 2);
    }

    @AfterEach
    void stopRecorder() {
        recorder.destroy();
        jdbc.update("update flink_job set status = 'STOPPED' where id = ?", job.id());
    }

    private CheckpointStatistics.Checkpoint checkpoint(long id, String status, boolean savepoint) {
        Instant trigger = Instant.parse("2026-12-01T00:00:00Z").plusSeconds(id * 10);
        return new CheckpointStatistics.Checkpoint(
                id,
                status,
                savepoint,
                trigger,
                "IN_PROGRESS".equals(status) ? null : trigger.plusMillis(150),
                "IN_PROGRESS".equals(status) ? null : Duration.ofMillis(150),
                1000 + id,
                5000 + id,
                "COMPLETED".equals(status) ? "file:/cp/chk-" + id : null,
                "FAILED".equals(status) ? "Checkpoint expired before completing." : null);
    }

    /** Flink's answer: checkpoints {@code from..to} (newest first), with a savepoint at every 7th id and {@code to} in progress. */
    private void flinkLists(long from, long to, String lastStatus) {
        List<CheckpointStatistics.Checkpoint> history = new ArrayList<>();
        for (long id = to; id >= from; id--) {
            history.add(checkpoint(id, id == to ? lastStatus : id % 5 == 0 ? "FAILED" : "COMPLETED", id % 7 == 0));
        }
        when(flink.checkpointStatistics(run))
                .thenReturn(new CheckpointStatistics(
                        new CheckpointStatistics.Counts(to, 0, to, 0, 0),
                        Optional.empty(),
                        Optional.empty(),
                        history,
                        new CheckpointStatistics.Summary(
                                new CheckpointStatistics.Stats(100, 150, 200, 190),
                                new CheckpointStatistics.Stats(5000, 5010, 5030, 5028),
                                CheckpointStatistics.Stats.NONE),
                        Optional.empty()));
    }

    private List<SystemCheckpoint> recorded() {
        return SystemIdentity.call(
                () -> stateSets.checkpointHistory(job.workspace().id(), job.id(), Set.of(), true, 0, 500));
    }

    @Test
    void records_grow_beyond_flinks_window_without_savepoints_and_follow_a_checkpoint_to_its_end() {
        List<StateChange> heard = new CopyOnWriteArrayList<>();
        StateChanges.Subscription subscription = changes.subscribe(
                c -> c.kind() == StateChange.Kind.CHECKPOINT && c.jobId() != null && c.jobId() == job.id(), heard::add);
        try {
            flinkLists(1, 10, "IN_PROGRESS");
            assertThat(recorder.record(job)).isTrue();
            flinkLists(1, 10, "IN_PROGRESS");
            assertThat(recorder.record(job))
                    .as("nothing new: no write, no change pushed")
                    .isFalse();
            flinkLists(16, 25, "COMPLETED");
            assertThat(recorder.record(job)).isTrue();
            Await.until(Duration.ofSeconds(10), "two changes pushed", () -> heard.size() == 2);
        } finally {
            subscription.cancel();
        }
        List<SystemCheckpoint> all = recorded();
        assertThat(all)
                .extracting(SystemCheckpoint::checkpointId)
                .as("every checkpoint seen, newest first, savepoints (7, 14, 21) left out")
                .containsExactly(25L, 24L, 23L, 22L, 20L, 19L, 18L, 17L, 16L, 10L, 9L, 8L, 6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(all.get(0).status()).isEqualTo("COMPLETED");
        assertThat(all)
                .filteredOn(c -> c.checkpointId() == 10L)
                .singleElement()
                .satisfies(c -> assertThat(c.status())
                        .as("recorded IN_PROGRESS, Flink's window moved on")
                        .isEqualTo("IN_PROGRESS"));

        assertThat(SystemIdentity.call(() ->
                        stateSets.checkpointHistory(job.workspace().id(), job.id(), Set.of("FAILED"), false, 0, 500)))
                .extracting(SystemCheckpoint::checkpointId)
                .containsExactly(20L, 5L);
        assertThat(SystemIdentity.call(
                        () -> stateSets.checkpointHistory(job.workspace().id(), job.id(), Set.of(), false, 5, 3)))
                .as("a page further down")
                .extracting(SystemCheckpoint::checkpointId)
                .containsExactly(19L, 18L, 17L);
        var overview = SystemIdentity.call(
                () -> overviews.read(job.workspace().id(), job.id(), 30).overview());
        assertThat(overview.lastCompletedCheckpoint())
                .get()
                .extracting(SystemCheckpoint::checkpointId)
                .isEqualTo(25L);
        assertThat(overview.lastFailedCheckpoint())
                .get()
                .extracting(SystemCheckpoint::checkpointId)
                .isEqualTo(20L);
        assertThat(overview.checkpointTotals()).get().satisfies(t -> {
            assertThat(t.counts().completed()).isEqualTo(25);
            assertThat(t.summary().durationMs().p95()).isEqualTo(190);
        });
    }

    @Test
    void an_in_progress_checkpoint_is_updated_when_it_completes() {
        flinkLists(1, 3, "IN_PROGRESS");
        recorder.record(job);
        flinkLists(1, 3, "COMPLETED");
        assertThat(recorder.record(job)).isTrue();
        assertThat(recorded())
                .extracting(SystemCheckpoint::checkpointId, SystemCheckpoint::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3L, "COMPLETED"),
                        org.assertj.core.groups.Tuple.tuple(2L, "COMPLETED"),
                        org.assertj.core.groups.Tuple.tuple(1L, "COMPLETED"));
        assertThat(recorded().get(0).externalPath()).isEqualTo("file:/cp/chk-3");
    }

    @Test
    void a_hung_cluster_holds_only_the_reads_of_its_own_jobs() throws Exception {
        Demo demo = Demo.find(workspaces, jobs);
        long hungJob = SystemIdentity.call(() -> jobs.create(
                        demo.workspaceId(),
                        Demo.idle("hung-cluster-" + UUID.randomUUID().toString().substring(0, 6), 1))
                .id());
        String hungRun = UUID.randomUUID().toString().replace("-", "");
        // Its own application cluster: another cluster than the workspace's.
        jdbc.update(
                "update flink_job set engine_job_id = ?, status = 'RUNNING', engine_rest_url = 'http://127.0.0.1:9/' where id = ?",
                hungRun,
                hungJob);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger hungCalls = new AtomicInteger();
        FlinkEngine hung = mock(FlinkEngine.class);
        when(hung.checkpointStatistics(hungRun)).thenAnswer(call -> {
            hungCalls.incrementAndGet();
            release.await(60, java.util.concurrent.TimeUnit.SECONDS);
            throw new EngineUnavailableException("did not answer", null);
        });
        clusterOf.put(hungJob, hung);
        flinkLists(1, 3, "COMPLETED");
        try {
            recorder.recordAll();
            Await.until(Duration.ofSeconds(10), "the hung cluster called", () -> hungCalls.get() == 1);
            // While that call hangs, the healthy job takes two more checkpoints: the next rounds record them.
            flinkLists(1, 5, "COMPLETED");
            Await.until(Duration.ofSeconds(30), "the healthy cluster's job recorded while the other hangs", () -> {
                recorder.recordAll();
                return recorded().size() == 5;
            });
            assertThat(hungCalls)
                    .as("a cluster still being read is not given another round")
                    .hasValue(1);
        } finally {
            release.countDown();
            jdbc.update("update flink_job set status = 'STOPPED' where id = ?", hungJob);
        }
    }

    /**
     * Flink's REST caches checkpoint statistics for seconds: the read right after a checkpoint taken on request may not
     * list it. The job is then read again on the tick until it is recorded, not at its rhythm's next checkpoint
     * (minutes away here).
     */
    @Test
    void a_checkpoint_taken_on_request_is_looked_for_on_every_tick_until_recorded() {
        Instant now = clock.instant();
        CheckpointStatistics.Checkpoint older = timed(checkpoint(1, "COMPLETED", false), now.minusSeconds(240));
        CheckpointStatistics.Checkpoint regular = timed(checkpoint(2, "COMPLETED", false), now.minusSeconds(10));
        CheckpointStatistics.Checkpoint requested = timed(checkpoint(3, "COMPLETED", false), now.minusSeconds(1));
        AtomicInteger reads = new AtomicInteger();
        // The first read after the trigger gets the cached answer, without checkpoint 3.
        when(flink.checkpointStatistics(run))
                .thenAnswer(call -> reads.incrementAndGet() == 1
                        ? statistics(regular, older)
                        : statistics(requested, regular, older));
        recorder.readSoon(job.id(), 3);
        Await.until(Duration.ofSeconds(60), "the requested checkpoint recorded", () -> {
            recorder.recordAll();
            return recorded().stream().anyMatch(c -> c.checkpointId() == 3L);
        });
        assertThat(reads.get()).isGreaterThanOrEqualTo(2);
    }

    private static CheckpointStatistics.Checkpoint timed(CheckpointStatistics.Checkpoint c, Instant trigger) {
        return new CheckpointStatistics.Checkpoint(
                c.id(),
                c.status(),
                c.savepoint(),
                trigger,
                trigger.plusMillis(150),
                Duration.ofMillis(150),
                c.checkpointedSize(),
                c.fullSize(),
                c.externalPath(),
                c.failureMessage());
    }

    private static CheckpointStatistics statistics(CheckpointStatistics.Checkpoint... newestFirst) {
        return new CheckpointStatistics(
                new CheckpointStatistics.Counts(newestFirst.length, 0, newestFirst.length, 0, 0),
                Optional.empty(),
                Optional.empty(),
                List.of(newestFirst));
    }
}
