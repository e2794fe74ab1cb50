package dev.stateset.console.bench;

import static dev.stateset.console.bench.Report.f;

import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.workspace.EngineKind;
import dev.stateset.console.workspace.WorkspaceDraft;
import dev.stateset.console.workspace.WorkspaceService;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * API reads as scripts make them: 20 concurrent clients, each reading {@code GET jobs}, a job's {@code GET snapshots}
 * and its {@code GET checkpoints} in turn, without think time, once with an API token and once with HTTP Basic (the
 * production BCrypt cost, 10). The workspace has 20 jobs on a fake Flink REST server, 200 snapshots each.
 */
final class ApiReadBenchmark {

    static final int CLIENTS = 20;
    static final int JOBS = 20;
    static final int SNAPSHOTS_PER_JOB = 200;
    /**
     * Long enough for the JIT: with 5 s, C2 compilation still took 12–14 % of the two cores during the measured
     * phase (JFR thread CPU, stage 14).
     */
    static final Duration WARM_UP = Duration.ofSeconds(20);

    static final Duration PHASE = Duration.ofSeconds(20);
    /** Each endpoint alone, for the breakdown (after the mixed phase, so already warm). */
    static final Duration ENDPOINT_PHASE = Duration.ofSeconds(8);

    private static final String ADMIN_PASSWORD = "bench-admin-password-1";

    private ApiReadBenchmark() {}

    static Report run() throws Exception {
        Report report = new Report("API reads: 20 concurrent clients on GET jobs, snapshots, checkpoints");
        try (FakeFlinkRest flink = new FakeFlinkRest(Clock.systemUTC());
                ConfigurableApplicationContext console = BenchConsole.start(Map.of(
                        "server.port", "0",
                        "logging.level.root", "warn",
                        "stateset.demo.enabled", "false",
                        "stateset.engine.embedded.enabled", "false",
                        "stateset.bootstrap.admin-password", ADMIN_PASSWORD,
                        // What production hashes passwords with (the test profile lowers it).
                        "stateset.security.bcrypt-strength", "10"))) {
            flink.checkpointsPerJob = 10;
            int port = ((WebServerApplicationContext) console).getWebServer().getPort();
            long ws = SystemIdentity.call(() -> console.getBean(WorkspaceService.class)
                    .create(new WorkspaceDraft(
                            "api", "", "UTC", EngineKind.REMOTE, flink.url().toString()))
                    .id());
            List<Long> jobs = createJobs(console.getBean(JdbcTemplate.class), ws, flink);
            String token = BenchConsole.adminBearer(console, "bench scripts");
            String basic = "Basic "
                    + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
            String base = "http://127.0.0.1:" + port + "/api/v1/workspaces/" + ws + "/jobs";

            Phase tokens =
                    phase(base, jobs, token, WARM_UP, PHASE, List.of("", "/{job}/snapshots", "/{job}/checkpoints"));
            StringBuilder endpoints = new StringBuilder();
            for (String endpoint : List.of("", "/{job}/snapshots", "/{job}/checkpoints", "/{job}", "#workspace")) {
                Phase alone = phase(base, jobs, token, Duration.ofSeconds(2), ENDPOINT_PHASE, List.of(endpoint));
                String name = switch (endpoint) {
                    case "" -> "GET jobs";
                    case "#workspace" -> "GET workspace (access check + one row: the floor)";
                    default -> "GET jobs" + endpoint;
                };
                endpoints.append(f("%s %,.0f requests/s, %.2f ms CPU each; ", name, alone.perSecond(), alone.cpuMs()));
            }
            Phase passwords =
                    phase(base, jobs, basic, WARM_UP, PHASE, List.of("", "/{job}/snapshots", "/{job}/checkpoints"));
            report.figure(
                            "API token: requests per second",
                            f("%,.0f", tokens.perSecond()),
                            "≥ 1,000",
                            tokens.perSecond() >= 1000 && tokens.errors() == 0)
                    .figure(
                            "  latency p50 / p95 / p99",
                            f("%d / %d / %d ms", tokens.p50(), tokens.p95(), tokens.p99()),
                            "p95 < 50 ms",
                            tokens.p95() < 50)
                    .figure(
                            "  CPU of the console per request (clients included)",
                            f("%.2f ms", tokens.cpuMs()),
                            "",
                            null)
                    .figure("  answers other than 200", String.valueOf(tokens.errors()), "0", tokens.errors() == 0)
                    .figure(
                            "HTTP Basic (BCrypt cost 10 per request): requests per second",
                            f("%,.0f", passwords.perSecond()),
                            "reference",
                            null)
                    .figure(
                            "  latency p50 / p95 / p99",
                            f("%d / %d / %d ms", passwords.p50(), passwords.p95(), passwords.p99()),
                            "",
                            null)
                    .figure(
                            "  CPU of the console per request (clients included)",
                            f("%.2f ms", passwords.cpuMs()),
                            "",
                            null)
                    .figure(
                            "tokens ÷ HTTP Basic, requests per second",
                            f("%.1f×", tokens.perSecond() / Math.max(1, passwords.perSecond())),
                            "",
                            null)
                    .note(f(
                            "%d clients (Apache HttpClient 5, kept-alive connections) in the same JVM, no think time; "
                                    + "%d s warm-up, then %d s measured per phase; each client reads GET jobs, then a "
                                    + "random job's GET snapshots (page of 50 of %d) and GET checkpoints.",
                            CLIENTS, WARM_UP.toSeconds(), PHASE.toSeconds(), SNAPSHOTS_PER_JOB))
                    .note("With the API token, each endpoint alone (" + ENDPOINT_PHASE.toSeconds() + " s each, CPU of "
                            + "the whole process incl. clients): " + endpoints);
        }
        return report;
    }

    record Phase(double perSecond, long p50, long p95, long p99, double cpuMs, long errors) {}

    /**
     * @param paths relative to the jobs URL, {@code {job}} replaced by a random job, taken in turn; {@code #workspace}
     *     is the workspace itself
     */
    private static Phase phase(
            String base, List<Long> jobs, String authorization, Duration warmUp, Duration measured, List<String> paths)
            throws Exception {
        try (CloseableHttpClient http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(CLIENTS)
                        .setMaxConnPerRoute(CLIENTS)
                        .build())
                .build()) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicBoolean measuring = new AtomicBoolean(false);
            ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
            AtomicLong errors = new AtomicLong();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                clients.execute(() -> {
                    int step = 0;
                    while (running.get()) {
                        long job = jobs.get(ThreadLocalRandom.current().nextInt(jobs.size()));
                        String relative = paths.get(step++ % paths.size());
                        String path = relative.equals("#workspace")
                                ? base.substring(0, base.length() - "/jobs".length())
                                : base + relative.replace("{job}", String.valueOf(job));
                        HttpGet get = new HttpGet(path);
                        get.setHeader("Authorization", authorization);
                        long started = System.nanoTime();
                        int status;
                        try {
                            status = http.execute(get, response -> {
                                EntityUtils.consume(response.getEntity());
                                return response.getCode();
                            });
                        } catch (java.io.IOException e) {
                            status = -1;
                        }
                        if (measuring.get()) {
                            micros.add((System.nanoTime() - started) / 1000);
                            if (status != 200) {
                                errors.incrementAndGet();
                            }
                        }
                    }
                });
            }
            Thread.sleep(warmUp.toMillis());
            long cpu0 = processCpuNanos();
            long start = System.nanoTime();
            measuring.set(true);
            Thread.sleep(measured.toMillis());
            measuring.set(false);
            double seconds = (System.nanoTime() - start) / 1e9;
            long cpu = processCpuNanos() - cpu0;
            running.set(false);
            clients.shutdown();
            clients.awaitTermination(1, TimeUnit.MINUTES);
            long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Phase(
                    sorted.length / seconds,
                    Report.percentile(sorted, 50) / 1000,
                    Report.percentile(sorted, 95) / 1000,
                    Report.percentile(sorted, 99) / 1000,
                    cpu / 1e6 / Math.max(1, sorted.length),
                    errors.get());
        }
    }

    private static List<Long> createJobs(JdbcTemplate db, long ws, FakeFlinkRest flink) {
        List<Long> ids = flink.runningJobsOf(db, ws, JOBS, "api-job-", 0xA91L);
        List<Object[]> snapshots = new ArrayList<>();
        for (long job : ids) {
            for (int s = 0; s < SNAPSHOTS_PER_JOB; s++) {
                Timestamp created = Timestamp.from(Instant.now().minus(Duration.ofMinutes(10L * s)));
                snapshots.add(new Object[] {
                    job,
                    String.format("%016x%016x", job, s),
                    created,
                    created,
                    "file:/tmp/fake-flink/job-" + job + "/savepoint-" + s
                });
            }
        }
        db.batchUpdate(
                "insert into job_snapshot (job_id, trigger_kind, format, description, status, trigger_id, created_by, "
                        + "created_at, completed_at, location, size_bytes, duration_ms) values "
                        + "(?, 'SCHEDULED', 'CANONICAL', 'scheduled', 'COMPLETED', ?, 'system', ?, ?, ?, 4096, 120)",
                snapshots);
        return ids;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
