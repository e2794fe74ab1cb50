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
 * (SnapshotService.create, then its worker until the COMPLETED row is committed) against the bare Flink REST calls on
 * the same job (POST /jobs/:id/savepoints, then GET the trigger). Both poll Flink on the same schedule (10 ms after the
 * trigger, doubling up to 50 ms), so the ratio is the console's own work; interleaved. Measured twice in one run: 25
 * rounds right after 5 warm-up rounds (a console just started, its code still interpreted), and 25 rounds after
 * {@link #STEADY_AFTER} (the JIT has compiled what every snapshot runs, as in a console that has served for a while);
 * the target is checked on the second.
 */
final class RoundTripBenchmark {

    static final int WARMUP = 5;
    static final int ROUNDS = 25;
    /**
     * Rounds before the steady-state measurement. Measured: the access check of {@code create} took 1.1 ms of CPU at
     * round 300 and 0.6 ms at round 1,500 (0.1–0.16 ms in a tight loop), i.e. C2 compiles the snapshot path only after
     * a thousand or so snapshots.
     */
    static final int STEADY_AFTER = 1_500;

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

    /** The figures of one measured stretch of rounds. */
    private static final class Rounds {
        final List<Long> viaConsole = new ArrayList<>();
        final List<Long> viaRest = new ArrayList<>();
        final List<Long> rawPosts = new ArrayList<>();
        final List<Long> rawGets = new ArrayList<>();
        final List<Long> creates = new ArrayList<>();

        private static long[] sorted(List<Long> millis) {
            return millis.stream().mapToLong(Long::longValue).sorted().toArray();
        }

        double ratio() {
            return percentile(sorted(viaConsole), 50) / (double) Math.max(1, percentile(sorted(viaRest), 50));
        }

        String raw() {
            long[] r = sorted(viaRest);
            return f("%d / %d ms", percentile(r, 50), percentile(r, 90));
        }

        String console() {
            long[] c = sorted(viaConsole);
            return f("%d / %d ms", percentile(c, 50), percentile(c, 90));
        }

        String describe() {
            return " The bare calls: POST "
                    + f("%.1f ms ×%d; GET %.1f ms ×%d", mean(rawPosts), rawPosts.size(), mean(rawGets), rawGets.size())
                    + f(
                            ". SnapshotService.create (access check, IN_PROGRESS row, audit row, commit): %.1f ms",
                            mean(creates));
        }
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
            String restAfterCold = "";
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
            Rounds cold = new Rounds();
            Rounds steady = new Rounds();
            for (int round = 0; round < STEADY_AFTER + ROUNDS; round++) {
                Rounds measured =
                        round >= STEADY_AFTER ? steady : round >= WARMUP && round < WARMUP + ROUNDS ? cold : null;
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
                    if (measured != null) {
                        measured.rawGets.add(System.nanoTime() - getStart);
                    }
                    state = poll.path("status").path("id").asText();
                } while (!state.equals("COMPLETED"));
                long restMs = (System.nanoTime() - t1) / 1_000_000;
                if (measured != null) {
                    measured.rawPosts.add(postNanos);
                    measured.creates.add(createNanos);
                    measured.viaConsole.add(consoleMs);
                    measured.viaRest.add(restMs);
                }
                if (round == WARMUP + ROUNDS) {
                    restAfterCold = restMeans(console);
                }
            }
            double steadyRatio = steady.ratio();
            report.figure(
                            f("just started (rounds %d–%d): raw Flink REST, median / p90", WARMUP + 1, WARMUP + ROUNDS),
                            cold.raw(),
                            "",
                            null)
                    .figure("just started: through the console, median / p90", cold.console(), "", null)
                    .figure("just started: console / raw (medians)", f("%.2f×", cold.ratio()), "", null)
                    .figure(
                            f(
                                    "steady (rounds %d–%d): raw Flink REST, median / p90",
                                    STEADY_AFTER + 1, STEADY_AFTER + ROUNDS),
                            steady.raw(),
                            "",
                            null)
                    .figure("steady: through the console, median / p90", steady.console(), "", null)
                    .figure("steady: console / raw (medians)", f("%.2f×", steadyRatio), "≤ 1.2×", steadyRatio <= 1.2)
                    .note("Just started — the console's Flink REST calls so far (mean): " + restAfterCold
                            + cold.describe())
                    .note("Steady — the console's Flink REST calls over the whole run (mean): " + restMeans(console)
                            + steady.describe())
                    .note(
                            "The console's extra work per snapshot: the access check, the IN_PROGRESS row (inserted with its worker's lease) and "
                                    + "audit row, the trigger with its own trigger id, polling, sizing the savepoint in storage, the COMPLETED row and audit row.");
        }
        return report;
    }
}
