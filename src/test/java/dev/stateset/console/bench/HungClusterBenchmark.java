package dev.stateset.console.bench;

import static dev.stateset.console.bench.Report.f;

import dev.stateset.console.job.JobDraft;
import dev.stateset.console.job.JobService;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.support.ApiClient;
import dev.stateset.console.workspace.EngineKind;
import dev.stateset.console.workspace.WorkspaceDraft;
import dev.stateset.console.workspace.WorkspaceService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fault isolation: another workspace's {@code GET jobs} while 200 readers (API tokens, 2–5 s between reloads) read the
 * checkpoints of a job on a cluster that accepts connections and never answers — next to the same probe with no
 * readers and with the 200 readers on the healthy embedded cluster. Target: p95 under 300 ms, no 5xx.
 */
final class HungClusterBenchmark {

    static final int READERS = 200;
    static final Duration PHASE = Duration.ofSeconds(30);

    private HungClusterBenchmark() {}

    static Report run() throws Exception {
        Report report = new Report("Fault isolation: a hung Flink cluster and another workspace");
        try (ServerSocket hung = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
                ConfigurableApplicationContext console =
                        BenchConsole.start(Map.of("server.port", "0", "logging.level.root", "warn"))) {
            List<Socket> held = Collections.synchronizedList(new ArrayList<>());
            Thread acceptor = new Thread(
                    () -> {
                        while (!hung.isClosed()) {
                            try {
                                held.add(hung.accept());
                            } catch (IOException closed) {
                                return;
                            }
                        }
                    },
                    "hung-flink");
            acceptor.setDaemon(true);
            acceptor.start();

            int port = ((WebServerApplicationContext) console).getWebServer().getPort();
            WorkspaceService workspaces = console.getBean(WorkspaceService.class);
            JobService jobs = console.getBean(JobService.class);
            long demo = SystemIdentity.call(() -> workspaces.listMine().stream()
                    .filter(w -> w.name().equals("demo"))
                    .findFirst()
                    .orElseThrow()
                    .id());
            long healthyJob = SystemIdentity.call(() -> jobs.list(demo).stream()
                    .filter(j -> j.name().equals("keyed-counter"))
                    .findFirst()
                    .orElseThrow()
                    .id());
            long ws = SystemIdentity.call(() -> workspaces
                    .create(new WorkspaceDraft(
                            "hung", "", "UTC", EngineKind.REMOTE, "http://127.0.0.1:" + hung.getLocalPort()))
                    .id());
            long hungJob = SystemIdentity.call(() -> jobs.create(
                            ws,
                            new JobDraft(
                                    "stuck",
                                    "",
                                    "builtin:demo-jobs",
                                    "dev.stateset.console.engine.embedded.demo.KeyedCounterJob",
                                    "",
                                    1))
                    .id());
            console.getBean(JdbcTemplate.class)
                    .update(
                            "update flink_job set engine_job_id = ?, status = 'RUNNING' where id = ?",
                            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                            hungJob);
            String token = BenchConsole.adminBearer(console, "bench readers");
            ApiClient api = new ApiClient(port);
            String probe = "/api/v1/workspaces/" + demo + "/jobs";

            Phase idle = phase(api, token, probe, null);
            Phase healthy =
                    phase(api, token, probe, "/api/v1/workspaces/" + demo + "/jobs/" + healthyJob + "/checkpoints");
            Phase stuck = phase(api, token, probe, "/api/v1/workspaces/" + ws + "/jobs/" + hungJob + "/checkpoints");

            report.figure(
                    "other workspace GET jobs p50 / p95, no readers",
                    f("%d / %d ms", idle.p50, idle.p95),
                    "reference",
                    null);
            report.figure(
                    "same, 200 readers of a healthy cluster",
                    f("%d / %d ms", healthy.p50, healthy.p95),
                    "reference",
                    null);
            report.figure(
                    "same, 200 readers of a hung cluster",
                    f("%d / %d ms", stuck.p50, stuck.p95),
                    "p95 < 300 ms",
                    stuck.p95 < 300);
            report.figure(
                    "p95 hung ÷ p95 healthy", f("%.2f×", (double) stuck.p95 / Math.max(1, healthy.p95)), "", null);
            report.figure(
                    "5xx answers (probe + readers), hung phase",
                    String.valueOf(stuck.serverErrors),
                    "0",
                    stuck.serverErrors == 0);
            report.figure(
                    "reader requests / calls that reached the hung cluster",
                    stuck.readerRequests + " / " + held.size(),
                    "≤ 16 at once (bulkhead)",
                    null);
            report.note(f(
                    "%d readers with API tokens, 2–5 s between reloads, %d s per phase; the probe every 250 ms with HTTP Basic.",
                    READERS, PHASE.toSeconds()));
        }
        return report;
    }

    record Phase(long p50, long p95, int serverErrors, int readerRequests) {}

    private static Phase phase(ApiClient api, String token, String probe, String readPath) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger serverErrors = new AtomicInteger();
        AtomicInteger readerRequests = new AtomicInteger();
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        if (readPath != null) {
            for (int i = 0; i < READERS; i++) {
                readers.execute(() -> {
                    while (running.get()) {
                        if (api.call("GET", readPath, token, null).statusCode() >= 500) {
                            serverErrors.incrementAndGet();
                        }
                        readerRequests.incrementAndGet();
                        sleep(ThreadLocalRandom.current().nextLong(2000, 5000));
                    }
                });
            }
            sleep(3000);
        }
        List<Long> millis = new ArrayList<>();
        long end = System.nanoTime() + PHASE.toNanos();
        while (System.nanoTime() < end) {
            long started = System.nanoTime();
            if (api.call("GET", probe, "editor:editor-stateset", null).statusCode() >= 500) {
                serverErrors.incrementAndGet();
            }
            millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            sleep(250);
        }
        running.set(false);
        readers.shutdown();
        readers.awaitTermination(60, TimeUnit.SECONDS);
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Phase(
                Report.percentile(sorted, 50), Report.percentile(sorted, 95), serverErrors.get(), readerRequests.get());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
