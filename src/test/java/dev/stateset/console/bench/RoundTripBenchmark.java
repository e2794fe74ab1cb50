package dev.stateset.console.bench;

import static dev.stateset.console.bench.Report.f;
import static dev.stateset.console.bench.Report.percentile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stateset.console.engine.EngineDirectory;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.stateset.SnapshotService;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.stateset.StateSetService;
import dev.stateset.console.workspace.WorkspaceService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One savepoint of the demo keyed-counter job on the embedded Flink, trigger → COMPLETED: through the console
 * (SnapshotService.create, then its worker until the COMPLETED row is committed) against the bare Flink REST calls on the same job (POST
 * /jobs/:id/savepoints, then GET the trigger). Both poll Flink on the same schedule (10 ms after the trigger, doubling
 * up to 50 ms), so the ratio is the console's own work; interleaved, 5 warm-up rounds, 25 measured.
 */
final class RoundTripBenchmark {

    static final int WARMUP = 5;
    static final int ROUNDS = 25;

    private static String restMeans(ConfigurableApplicationContext console) {
        StringBuilder out = new StringBuilder();
        for (io.micrometer.core.instrument.Timer timer : console.getBean(
                        io.micrometer.core.instrument.MeterRegistry.class)
                .find("stateset.flink.rest")
                .timers()) {
            if (timer.count() >= ROUNDS) {
                out.append(timer.getId().getTag("operation"))
                        .append(' ')
                        .append(f("%.1f ms", timer.mean(java.util.concurrent.TimeUnit.MILLISECONDS)))
                        .append(" ×")
                        .append(timer.count())
                        .append("; ");
            }
        }
        return out.toString();
    }

    private static double mean(List<Long> nanos) {
        return nanos.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
    }

    static Report run() throws Exception {
        Report report = new Report("Snapshot round trip on the embedded Flink: console vs raw Flink REST");
        try (ConfigurableApplicationContext console = BenchConsole.start(Map.of(
                "server.port", "0",
                "logging.level.root", "warn",
                "stateset.engine.savepoint-poll-interval", "50ms"))) {
            WorkspaceService workspaces = console.getBean(WorkspaceService.class);
            JobService jobs = console.getBean(JobService.class);
            SnapshotService snapshots = console.getBean(SnapshotService.class);
            StateSetService stateSets = console.getBean(StateSetService.class);
            long ws = SystemIdentity.call(() -> workspaces.listMine().stream()
                    .filter(w -> w.name().equals("demo"))
                    .findFirst()
                    .orElseThrow()
                    .id());
            long jobId = SystemIdentity.call(() -> jobs.list(ws).stream()
                    .filter(j -> j.name().equals("keyed-counter"))
                    .findFirst()
                    .orElseThrow()
                    .id());
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (SystemIdentity.call(() -> jobs.findForSystem(jobId).status()) != JobStatus.RUNNING
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            JobDetails job = SystemIdentity.call(() -> jobs.findForSystem(jobId));
            URI flink = console.getBean(EngineDirectory.class).embedded().restUrl();
            String target = Path.of("target", "benchmarks", "raw-savepoints")
                    .toAbsolutePath()
                    .toUri()
                    .toString();
            ObjectMapper json = new ObjectMapper();
            HttpClient http = HttpClient.newHttpClient();

            // The console's side ends when the worker has written the COMPLETED row: it announces that with
            // SnapshotFinished
            // right after the commit. Waiting for the event (not polling the service every few ms, which took CPU from
            // Flink's own savepoint on the two cores) measures the console's work only.
            Map<Long, java.util.concurrent.CompletableFuture<SnapshotStatus>> finished =
                    new java.util.concurrent.ConcurrentHashMap<>();
            console.addApplicationListener(org.springframework.context.ApplicationListener.forPayload(
                    (dev.stateset.console.stateset.SnapshotFinished event) -> finished.computeIfAbsent(
                                    event.snapshotId(), id -> new java.util.concurrent.CompletableFuture<>())
                            .complete(event.status())));
            List<Long> viaConsole = new ArrayList<>();
            List<Long> rawPosts = new ArrayList<>();
            List<Long> creates = new ArrayList<>();
            List<Long> rawGets = new ArrayList<>();
            List<Long> viaRest = new ArrayList<>();
            for (int round = 0; round < WARMUP + ROUNDS; round++) {
                long t0 = System.nanoTime();
                JobSnapshot created =
                        SystemIdentity.call(() -> snapshots.create(ws, jobId, SnapshotFormat.CANONICAL, "bench"));
                long createNanos = System.nanoTime() - t0;
                finished.computeIfAbsent(created.id(), id -> new java.util.concurrent.CompletableFuture<>())
                        .get(60, java.util.concurrent.TimeUnit.SECONDS);
                long consoleMs = (System.nanoTime() - t0) / 1_000_000;
                SnapshotStatus status = SystemIdentity.call(
                        () -> stateSets.snapshot(ws, jobId, created.id()).status());
                if (status != SnapshotStatus.COMPLETED) {
                    throw new IllegalStateException("console snapshot " + created.id() + " ended " + status);
                }

                long t1 = System.nanoTime();
                long postStart = System.nanoTime();
                HttpResponse<String> trigger = http.send(
                        HttpRequest.newBuilder(flink.resolve("jobs/" + job.engineJobId() + "/savepoints"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"target-directory\":\"" + target
                                        + "\",\"cancel-job\":false,\"formatType\":\"CANONICAL\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                long postNanos = System.nanoTime() - postStart;
                String triggerId =
                        json.readTree(trigger.body()).path("request-id").asText();
                String state;
                long wait = 10; // the console's own schedule: 10 ms after the trigger, doubling up to the poll interval
                do {
                    Thread.sleep(wait);
                    wait = Math.min(50, wait * 2);
                    long getStart = System.nanoTime();
                    JsonNode poll = json.readTree(http.send(
                                    HttpRequest.newBuilder(flink.resolve(
                                                    "jobs/" + job.engineJobId() + "/savepoints/" + triggerId))
                                            .GET()
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body());
                    if (round >= WARMUP) {
                        rawGets.add(System.nanoTime() - getStart);
                    }
                    state = poll.path("status").path("id").asText();
                } while (!state.equals("COMPLETED"));
                long restMs = (System.nanoTime() - t1) / 1_000_000;
                if (round >= WARMUP) {
                    rawPosts.add(postNanos);
                    creates.add(createNanos);
                    viaConsole.add(consoleMs);
                    viaRest.add(restMs);
                }
            }
            long[] c = viaConsole.stream().mapToLong(Long::longValue).sorted().toArray();
            long[] r = viaRest.stream().mapToLong(Long::longValue).sorted().toArray();
            double ratio = percentile(c, 50) / (double) Math.max(1, percentile(r, 50));
            report.figure(
                            "raw Flink REST: trigger → COMPLETED, median / p90",
                            f("%d / %d ms", percentile(r, 50), percentile(r, 90)),
                            "",
                            null)
                    .figure(
                            "through the console: create → COMPLETED row, median / p90",
                            f("%d / %d ms", percentile(c, 50), percentile(c, 90)),
                            "",
                            null)
                    .figure("console / raw (medians)", f("%.2f×", ratio), "≤ 1.2×", ratio <= 1.2)
                    .note("The console's Flink REST calls in this run (mean): " + restMeans(console)
                            + " The bare calls: POST "
                            + f(
                                    "%.1f ms ×%d; GET %.1f ms ×%d",
                                    mean(rawPosts), rawPosts.size(), mean(rawGets), rawGets.size())
                            + f(
                                    ". SnapshotService.create (access check, IN_PROGRESS row, audit row, commit): %.1f ms",
                                    mean(creates)))
                    .note(
                            "The console's extra work per snapshot: the access check, the IN_PROGRESS row (inserted with its worker's lease) and "
                                    + "audit row, the trigger with its own trigger id, polling, sizing the savepoint in storage, the COMPLETED row and audit row.");
        }
        return report;
    }
}
