package dev.stateset.console.bench;

import static dev.stateset.console.bench.Report.f;

import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.workspace.EngineKind;
import dev.stateset.console.workspace.WorkspaceDraft;
import dev.stateset.console.workspace.WorkspaceService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A fleet: 50 Flink clusters (fake REST servers on loopback) × 200 RUNNING jobs, each job completing a checkpoint every
 * {@link #CHECKPOINT_EVERY}; five clusters answer every call {@link #SLOW} late, and in the second phase one cluster
 * accepts connections and never answers. Measured: the console's own CPU (the fake clusters' threads left out) while
 * nobody uses it, how soon a job's status change in Flink reaches the database, how soon a completed checkpoint is
 * recorded, and whether the hung cluster changes any of that for the others.
 */
final class FleetBenchmark {

    static final int CLUSTERS = 50;
    static final int JOBS_PER_CLUSTER = 200;
    static final int SLOW_CLUSTERS = 5;
    static final Duration SLOW = Duration.ofMillis(300);
    static final Duration CHECKPOINT_EVERY = Duration.ofMinutes(3);
    static final Duration IDLE_WINDOW = Duration.ofSeconds(60);
    static final int FLIPS = 20;

    private FleetBenchmark() {}

    /** One fake cluster and its jobs: database id → Flink job id. */
    private record Cluster(int number, FakeFlinkRest flink, long workspaceId, Map<Long, String> jobs) {}

    static Report run() throws Exception {
        Report report = new Report("Fleet: 50 Flink clusters × 200 jobs, 5 slow, then one hung");
        List<Cluster> clusters = new ArrayList<>();
        try (ConfigurableApplicationContext console = BenchConsole.start(Map.of(
                "server.port", "0",
                "logging.level.root", "warn",
                "stateset.demo.enabled", "false",
                "stateset.engine.embedded.enabled", "false",
                "stateset.cleanup.interval", "1h",
                // The production defaults (the test profile syncs statuses every second).
                "stateset.engine.status-sync-interval", "1500ms",
                "stateset.engine.checkpoint-sync-interval", "2s"))) {
            JdbcTemplate db = console.getBean(JdbcTemplate.class);
            WorkspaceService workspaces = console.getBean(WorkspaceService.class);
            try {
                for (int c = 0; c < CLUSTERS; c++) {
                    FakeFlinkRest flink = new FakeFlinkRest(Clock.systemUTC());
                    flink.checkpointEvery = CHECKPOINT_EVERY;
                    if (c >= CLUSTERS - 1 - SLOW_CLUSTERS && c < CLUSTERS - 1) {
                        flink.delay = SLOW;
                    }
                    String name = "fleet-" + c;
                    long ws = SystemIdentity.call(() -> workspaces
                            .create(new WorkspaceDraft(
                                    name,
                                    "",
                                    "UTC",
                                    EngineKind.REMOTE,
                                    flink.url().toString()))
                            .id());
                    List<Long> ids = flink.runningJobsOf(db, ws, JOBS_PER_CLUSTER, name + "-job-", c + 1);
                    Map<Long, String> jobs = new java.util.LinkedHashMap<>();
                    for (int i = 0; i < ids.size(); i++) {
                        jobs.put(ids.get(i), FakeFlinkRest.jobId(i, c + 1)); // as runningJobsOf numbers them
                    }
                    clusters.add(new Cluster(c, flink, ws, jobs));
                }
                report.note(f(
                        "%d clusters × %d jobs = %,d RUNNING jobs, each checkpointing every %d s; clusters %d–%d answer %d ms late; %s.",
                        CLUSTERS,
                        JOBS_PER_CLUSTER,
                        CLUSTERS * JOBS_PER_CLUSTER,
                        CHECKPOINT_EVERY.toSeconds(),
                        CLUSTERS - 1 - SLOW_CLUSTERS,
                        CLUSTERS - 2,
                        SLOW.toMillis(),
                        BenchConsole.database()));
                firstRead(report, db, clusters);
                idle(report, db, clusters, "all clusters answering");
                statusChanges(report, db, clusters, "all clusters answering");
                Cluster hung = clusters.get(CLUSTERS - 1);
                hung.flink().delay = Duration.ofHours(1);
                Thread.sleep(15_000); // its calls time out and its breaker opens
                idle(report, db, clusters.subList(0, CLUSTERS - 1), "cluster 49 hung");
                statusChanges(report, db, clusters.subList(0, CLUSTERS - 1), "cluster 49 hung");
            } finally {
                clusters.forEach(c -> c.flink().close());
            }
        }
        return report;
    }

    /** How long until every healthy job's checkpoints are recorded for the first time (the console just started). */
    private static void firstRead(Report report, JdbcTemplate db, List<Cluster> clusters) throws InterruptedException {
        long started = System.nanoTime();
        int all = CLUSTERS * JOBS_PER_CLUSTER;
        int recorded = 0;
        while (System.nanoTime() - started < Duration.ofMinutes(3).toNanos()) {
            recorded = db.queryForObject("select count(*) from checkpoint_summary", Integer.class);
            if (recorded >= all) {
                break;
            }
            Thread.sleep(200);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        report.figure(
                "first read of the fleet's checkpoints (console just started)",
                recorded >= all ? f("%.1f s", seconds) : f("%,d of %,d jobs in %.0f s", recorded, all, seconds),
                "",
                null);
    }

    private static void idle(Report report, JdbcTemplate db, List<Cluster> clusters, String phase)
            throws InterruptedException {
        Map<String, Long> cpu0 = SchedulerBenchmark.cpuByThreadGroup();
        long checkpointReads0 = clusters.stream()
                .mapToLong(c -> c.flink().checkpointReads.get())
                .sum();
        long overviewReads0 =
                clusters.stream().mapToLong(c -> c.flink().overviewReads.get()).sum();
        Instant from = Instant.now();
        long wall0 = System.nanoTime();
        Thread.sleep(IDLE_WINDOW.toMillis());
        double wall = System.nanoTime() - wall0;
        Map<String, Long> cpu1 = SchedulerBenchmark.cpuByThreadGroup();
        Map<String, Long> used = new java.util.TreeMap<>();
        cpu1.forEach((group, nanos) -> {
            long delta = nanos - cpu0.getOrDefault(group, 0L);
            if (delta > 0 && !group.startsWith("fake-flink-")) {
                used.put(group, delta);
            }
        });
        long consoleNanos = used.values().stream().mapToLong(Long::longValue).sum();
        double consoleCpu = consoleNanos / wall * 100;
        long checkpointReads = clusters.stream()
                        .mapToLong(c -> c.flink().checkpointReads.get())
                        .sum()
                - checkpointReads0;
        long overviewReads =
                clusters.stream().mapToLong(c -> c.flink().overviewReads.get()).sum() - overviewReads0;
        report.figure(
                        "idle, " + phase + ": console CPU (fake clusters left out)",
                        f("%.1f %% of one core", consoleCpu),
                        "< 5 %",
                        consoleCpu < 5)
                .figure(
                        "  Flink calls per second: /checkpoints, /jobs/overview",
                        f("%.0f, %.1f", checkpointReads / (wall / 1e9), overviewReads / (wall / 1e9)),
                        "",
                        null)
                .figure(
                        "  checkpoints completed per second in the fleet",
                        f("%.1f", clusters.size() * JOBS_PER_CLUSTER / (double) CHECKPOINT_EVERY.toSeconds()),
                        "",
                        null)
                .note("CPU by thread (" + phase + ", ms in " + IDLE_WINDOW.toSeconds() + " s): "
                        + used.entrySet().stream()
                                .sorted(Map.Entry.<String, Long>comparingByValue()
                                        .reversed())
                                .limit(8)
                                .map(e -> e.getKey() + " " + e.getValue() / 1_000_000)
                                .collect(Collectors.joining(", ")));
        checkpointLag(report, db, clusters, from, phase);
    }

    /**
     * For each checkpoint completed in the window on the answering clusters: how long after its completion the
     * console had recorded it (the job's summary row is written with it), and how many were not recorded at all.
     */
    private static void checkpointLag(
            Report report, JdbcTemplate db, List<Cluster> clusters, Instant from, String phase) {
        Instant until = Instant.now().minusSeconds(10);
        List<Long> lags = new ArrayList<>();
        int missing = 0;
        for (Cluster c : clusters) {
            if (c.flink().delay.compareTo(SLOW) > 0) {
                continue; // the hung cluster
            }
            Map<Long, Object[]> recorded = new java.util.HashMap<>();
            db.query(
                    "select s.job_id, s.read_at, (select max(checkpoint_id) from job_checkpoint k where k.job_id = s.job_id) "
                            + "from checkpoint_summary s join flink_job j on j.id = s.job_id where j.workspace_id = ?",
                    rs -> {
                        recorded.put(
                                rs.getLong(1), new Object[] {rs.getTimestamp(2).toInstant(), rs.getLong(3)});
                    },
                    c.workspaceId());
            for (Map.Entry<Long, String> job : c.jobs().entrySet()) {
                long latest = c.flink().latestCheckpoint(job.getValue());
                Instant completed = c.flink().completedAt(job.getValue(), latest);
                if (completed.isBefore(from) || completed.isAfter(until)) {
                    continue; // its latest checkpoint is outside the window
                }
                Object[] row = recorded.get(job.getKey());
                if (row == null || (Long) row[1] < latest) {
                    missing++;
                } else if ((Long) row[1] == latest) {
                    lags.add(Duration.between(completed, (Instant) row[0]).toMillis());
                }
            }
        }
        long[] sorted = lags.stream().mapToLong(Long::longValue).sorted().toArray();
        report.figure(
                        "  checkpoint recorded after it completed: p50 / p99 (" + sorted.length + ")",
                        f("%d / %d ms", Report.percentile(sorted, 50), Report.percentile(sorted, 99)),
                        "",
                        null)
                .figure(
                        "  checkpoints completed ≥ 10 s before the end, not recorded",
                        String.valueOf(missing),
                        "0",
                        missing == 0);
    }

    /**
     * Flips {@link #FLIPS} random jobs of the answering clusters to RESTARTING (a failover) in Flink and back, and
     * measures each time until the database shows the new status.
     */
    private static void statusChanges(Report report, JdbcTemplate db, List<Cluster> clusters, String phase)
            throws InterruptedException {
        Random random = new Random(42);
        long[] fast = new long[FLIPS * 2];
        long[] slow = new long[FLIPS * 2];
        int fastCount = 0;
        int slowCount = 0;
        for (int i = 0; i < FLIPS * 2; i++) {
            boolean onSlow = i % 2 == 1;
            List<Cluster> candidates = clusters.stream()
                    .filter(c -> onSlow
                            ? c.flink().delay.equals(SLOW)
                            : c.flink().delay.isZero())
                    .toList();
            Cluster c = candidates.get(random.nextInt(candidates.size()));
            List<Long> ids = new ArrayList<>(c.jobs().keySet());
            long jobId = ids.get(random.nextInt(ids.size()));
            String jid = c.jobs().get(jobId);
            // Each change anywhere between two rounds of the sync, not just after the round that saw the last one.
            Thread.sleep(random.nextInt(2_000));
            long toStarting = flip(db, c, jobId, jid, "RESTARTING", "STARTING");
            Thread.sleep(random.nextInt(2_000));
            long toRunning = flip(db, c, jobId, jid, "RUNNING", "RUNNING");
            if (onSlow) {
                slow[slowCount++] = toStarting;
                slow[slowCount++] = toRunning;
            } else {
                fast[fastCount++] = toStarting;
                fast[fastCount++] = toRunning;
            }
        }
        Arrays.sort(fast);
        Arrays.sort(slow);
        report.figure(
                        "status change in Flink → database, " + phase + ": p50 / max",
                        f("%d / %d ms", Report.percentile(fast, 50), fast[fast.length - 1]),
                        "≤ 2 s",
                        fast[fast.length - 1] <= 2_000)
                .figure(
                        f("  same on the slow clusters (%d ms per call)", SLOW.toMillis()),
                        f("%d / %d ms", Report.percentile(slow, 50), slow[slow.length - 1]),
                        "",
                        null);
    }

    private static long flip(JdbcTemplate db, Cluster c, long jobId, String jid, String flinkState, String expected)
            throws InterruptedException {
        long started = System.nanoTime();
        c.flink().jobs.put(jid, flinkState);
        while (!expected.equals(db.queryForObject("select status from flink_job where id = ?", String.class, jobId))) {
            if (System.nanoTime() - started > Duration.ofSeconds(60).toNanos()) {
                return 60_000;
            }
            Thread.sleep(10);
        }
        return (System.nanoTime() - started) / 1_000_000;
    }
}
