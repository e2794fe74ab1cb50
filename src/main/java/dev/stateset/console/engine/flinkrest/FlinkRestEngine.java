package dev.stateset.console.engine.flinkrest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stateset.console.engine.CheckpointConfiguration;
import dev.stateset.console.engine.CheckpointStatistics;
import dev.stateset.console.engine.ClusterJar;
import dev.stateset.console.engine.EngineJob;
import dev.stateset.console.engine.EngineRejectedException;
import dev.stateset.console.engine.EngineUnavailableException;
import dev.stateset.console.engine.FlinkEngine;
import dev.stateset.console.engine.JobLaunch;
import dev.stateset.console.engine.SavepointRequest;
import dev.stateset.console.engine.SavepointStatus;
import dev.stateset.console.engine.flinkrest.FlinkMessages.AsyncOperation;
import dev.stateset.console.engine.flinkrest.FlinkMessages.Checkpoint;
import dev.stateset.console.engine.flinkrest.FlinkMessages.CheckpointConfig;
import dev.stateset.console.engine.flinkrest.FlinkMessages.CheckpointingStatistics;
import dev.stateset.console.engine.flinkrest.FlinkMessages.JobDetail;
import dev.stateset.console.engine.flinkrest.FlinkMessages.JobExceptions;
import dev.stateset.console.engine.flinkrest.FlinkMessages.JobsOverview;
import dev.stateset.console.engine.flinkrest.FlinkMessages.Stats;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.web.client.RestClient;

/**
 * {@link FlinkEngine} over Flink's JobManager REST API (v1), for Flink 1.20 and 2.x session clusters. A dead cluster
 * costs at most the call's timeouts and surfaces as an {@link EngineUnavailableException} naming the URL
 * ({@link FlinkRestCalls}). Flink reports some failures as success (a savepoint of an unknown job "COMPLETES" with a
 * failure cause), so every operation result is checked for its failure cause.
 */
public class FlinkRestEngine implements FlinkEngine {

    private static final Duration DISPOSAL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration VERSION_RECHECK = Duration.ofMinutes(1);

    private final URI base;
    private final FlinkRestCalls calls;
    private final JarUploads jars;
    private volatile KnownVersion version;

    public FlinkRestEngine(URI restUrl, ObjectMapper json, Duration connectTimeout, Duration requestTimeout) {
        this(
                restUrl,
                RestClient.builder(),
                json,
                connectTimeout,
                requestTimeout,
                Metrics.globalRegistry,
                ClusterGuard.Settings.defaults());
    }

    /**
     * @param client a builder of Spring's RestClient (the application's, so that its calls are observed)
     * @param meters where each call's latency goes, as {@code stateset.flink.rest} by operation and outcome
     * @param guard  how much of the console this cluster may hold (concurrent calls, when to stop calling it)
     */
    public FlinkRestEngine(
            URI restUrl,
            RestClient.Builder client,
            ObjectMapper json,
            Duration connectTimeout,
            Duration requestTimeout,
            MeterRegistry meters,
            ClusterGuard.Settings guard) {
        this.base = URI.create(restUrl.toString().endsWith("/") ? restUrl.toString() : restUrl + "/");
        this.calls = new FlinkRestCalls(
                base, client, json, connectTimeout, requestTimeout, meters, new ClusterGuard(base, guard));
        this.jars = new JarUploads(calls);
    }

    @Override
    public URI restUrl() {
        return base;
    }

    /**
     * Read again at most every {@link #VERSION_RECHECK}: a cluster at the same URL can be upgraded while the console
     * runs, and each start must speak the version that runs now, without a call per start.
     */
    @Override
    public String version() {
        KnownVersion known = version;
        if (known == null || known.readAt().plus(VERSION_RECHECK).isBefore(Instant.now())) {
            String read = calls.get("config")
                    .require(FlinkMessages.DashboardConfig.class)
                    .flinkVersion();
            if (read == null || read.isBlank()) {
                throw new EngineRejectedException(
                        200, "The cluster at " + base + " does not say its Flink version (GET /config)");
            }
            known = new KnownVersion(read, Instant.now());
            version = known;
        }
        return known.version();
    }

    private record KnownVersion(String version, Instant readAt) {}

    @Override
    public List<EngineJob> listJobs() {
        JobsOverview overview = calls.get("jobs/overview").require(JobsOverview.class);
        return nullToEmpty(overview.jobs()).stream()
                .map(job -> new EngineJob(
                        job.jid(),
                        job.name(),
                        job.state(),
                        instant(job.startTime()),
                        job.tasks() != null
                                && job.tasks().total() > 0
                                && job.tasks().running() + job.tasks().finished()
                                        == job.tasks().total()))
                .toList();
    }

    @Override
    public Optional<EngineJob> findJob(String engineJobId) {
        FlinkRestCalls.Answer answer = calls.get("jobs/{job}", engineJobId);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        JobDetail job = answer.require(JobDetail.class);
        List<FlinkMessages.Vertex> vertices = nullToEmpty(job.vertices());
        // A finished task has done its part (a bounded source, or a stop with a snapshot on its way): not a start.
        boolean allRunning = !vertices.isEmpty()
                && vertices.stream().allMatch(v -> "RUNNING".equals(v.status()) || "FINISHED".equals(v.status()));
        return Optional.of(new EngineJob(job.jid(), job.name(), job.state(), instant(job.startTime()), allRunning));
    }

    @Override
    public List<ClusterJar> listJars() {
        FlinkRestCalls.Answer answer = calls.get("jars");
        if (answer.status() == 404) {
            // A cluster without the web submission extension (flink-runtime-web) has no jar store.
            return List.of();
        }
        return nullToEmpty(answer.require(FlinkMessages.JarList.class).files()).stream()
                .map(jar -> new ClusterJar(
                        jar.id(),
                        jar.name(),
                        instant(jar.uploaded()),
                        nullToEmpty(jar.entry()).stream()
                                .map(FlinkMessages.JarEntry::name)
                                .toList()))
                .sorted(java.util.Comparator.comparing(
                        ClusterJar::uploaded, java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder())))
                .toList();
    }

    @Override
    public String startJob(JobLaunch launch) {
        String jarId = launch.clusterJarId() != null ? launch.clusterJarId() : jars.uploaded(launch.jar());
        FlinkMessages.JarRunRequest body = FlinkMessages.JarRunRequest.of(launch, version());
        FlinkRestCalls.Answer answer = calls.post(body, "jars/{jar}/run", jarId);
        if (answer.jarMissing() && launch.clusterJarId() != null) {
            throw new EngineRejectedException(
                    404, "The cluster has no jar " + launch.clusterJarId() + " (see its /jars)");
        }
        if (answer.jarMissing()) {
            // The cluster lost the uploaded jar (restarted, or its upload dir was cleaned): upload again, once.
            jars.forget(jarId);
            answer = calls.post(body, "jars/{jar}/run", jars.uploaded(launch.jar()));
        }
        return answer.require(FlinkMessages.JarRunResponse.class).jobid();
    }

    @Override
    public void triggerSavepoint(String engineJobId, SavepointRequest request) {
        calls.post(
                        new FlinkMessages.SavepointTriggerRequest(
                                request.targetDirectory(),
                                false,
                                request.format().name(),
                                request.triggerId()),
                        "jobs/{job}/savepoints",
                        engineJobId)
                .requireOk();
    }

    @Override
    public void stopWithSavepoint(String engineJobId, SavepointRequest request, boolean drain) {
        calls.post(
                        new FlinkMessages.StopWithSavepointRequest(
                                request.targetDirectory(),
                                drain,
                                request.format().name(),
                                request.triggerId()),
                        "jobs/{job}/stop",
                        engineJobId)
                .requireOk();
    }

    @Override
    public SavepointStatus savepointStatus(String engineJobId, String triggerId) {
        FlinkRestCalls.Answer answer = calls.get("jobs/{job}/savepoints/{trigger}", engineJobId, triggerId);
        if (answer.status() == 404) {
            return SavepointStatus.unknown(
                    "Flink does not know this savepoint request (the cluster may have restarted): "
                            + answer.errorMessage());
        }
        AsyncOperation savepoint = answer.require(AsyncOperation.class);
        if (!savepoint.completed()) {
            return SavepointStatus.inProgress();
        }
        if (savepoint.failureCause() != null) {
            // Flink accepts a savepoint of a job it does not have (202) and reports FlinkJobNotFoundException in the
            // poll: the run is gone (cluster restarted, run ended), which the caller settles from storage, not a
            // savepoint failure.
            if (savepoint.failureCause().toString().contains("FlinkJobNotFoundException")) {
                return SavepointStatus.unknown("Flink no longer has the job's run " + engineJobId
                        + " (its cluster restarted, or the run ended)");
            }
            return SavepointStatus.failed(FlinkErrors.describe(savepoint.failureCause()));
        }
        return SavepointStatus.completed(
                savepoint.operation() == null ? null : savepoint.operation().location());
    }

    @Override
    public String triggerCheckpoint(String engineJobId, boolean full) {
        return calls.post(
                        new FlinkMessages.CheckpointTriggerRequest(full ? "FULL" : "CONFIGURED"),
                        "jobs/{job}/checkpoints",
                        engineJobId)
                .require(FlinkMessages.TriggerResponse.class)
                .requestId();
    }

    @Override
    public Optional<Long> checkpointTriggerStatus(String engineJobId, String triggerId) {
        AsyncOperation checkpoint = calls.get("jobs/{job}/checkpoints/{trigger}", engineJobId, triggerId)
                .require(AsyncOperation.class);
        if (!checkpoint.completed()) {
            return Optional.empty();
        }
        if (checkpoint.failureCause() != null) {
            throw new EngineRejectedException(200, FlinkErrors.describe(checkpoint.failureCause()));
        }
        return Optional.ofNullable(
                checkpoint.operation() == null ? null : checkpoint.operation().checkpointId());
    }

    @Override
    public void cancel(String engineJobId) {
        calls.patch("jobs/{job}?mode=cancel", engineJobId).requireOk();
    }

    @Override
    public CheckpointStatistics checkpointStatistics(String engineJobId) {
        CheckpointingStatistics stats =
                calls.get("jobs/{job}/checkpoints", engineJobId).require(CheckpointingStatistics.class);
        FlinkMessages.Counts counts = stats.counts() == null ? new FlinkMessages.Counts(0, 0, 0, 0, 0) : stats.counts();
        FlinkMessages.Summary summary =
                stats.summary() == null ? new FlinkMessages.Summary(null, null, null) : stats.summary();
        Optional<FlinkMessages.Latest> latest = Optional.ofNullable(stats.latest());
        return new CheckpointStatistics(
                new CheckpointStatistics.Counts(
                        counts.total(), counts.inProgress(), counts.completed(), counts.failed(), counts.restored()),
                latest.map(FlinkMessages.Latest::completed).map(FlinkRestEngine::checkpoint),
                latest.map(FlinkMessages.Latest::failed).map(FlinkRestEngine::checkpoint),
                nullToEmpty(stats.history()).stream()
                        .map(FlinkRestEngine::checkpoint)
                        .toList(),
                new CheckpointStatistics.Summary(
                        stats(summary.endToEndDuration()),
                        stats(summary.stateSize()),
                        stats(summary.checkpointedSize())),
                latest.map(FlinkMessages.Latest::restored)
                        .map(r -> new CheckpointStatistics.Restored(r.id(), r.savepoint(), r.externalPath())));
    }

    @Override
    public CheckpointConfiguration checkpointConfiguration(String engineJobId) {
        CheckpointConfig config =
                calls.get("jobs/{job}/checkpoints/config", engineJobId).require(CheckpointConfig.class);
        FlinkMessages.Externalization externalization = config.externalization();
        return new CheckpointConfiguration(
                config.mode(),
                Duration.ofMillis(config.interval()),
                Duration.ofMillis(config.timeout()),
                Duration.ofMillis(config.minPause()),
                config.maxConcurrent(),
                config.stateBackend(),
                config.checkpointStorage(),
                externalization != null && externalization.enabled() && !externalization.deleteOnCancellation());
    }

    @Override
    public void disposeSavepoint(String savepointPath) {
        String triggerId = calls.post(new FlinkMessages.SavepointDisposalRequest(savepointPath), "savepoint-disposal")
                .require(FlinkMessages.TriggerResponse.class)
                .requestId();
        Instant deadline = Instant.now().plus(DISPOSAL_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            AsyncOperation disposal =
                    calls.get("savepoint-disposal/{trigger}", triggerId).require(AsyncOperation.class);
            if (disposal.completed()) {
                if (disposal.failureCause() != null) {
                    throw new EngineRejectedException(
                            200,
                            "Flink could not dispose the savepoint: " + FlinkErrors.describe(disposal.failureCause()));
                }
                return;
            }
            sleep(Duration.ofMillis(200));
        }
        throw new EngineUnavailableException(
                "Flink at " + base + " did not finish disposing " + savepointPath + " within "
                        + DISPOSAL_TIMEOUT.toSeconds() + " s",
                null);
    }

    @Override
    public Optional<String> failureCause(String engineJobId) {
        JobExceptions exceptions =
                calls.get("jobs/{job}/exceptions", engineJobId).require(JobExceptions.class);
        List<FlinkMessages.ExceptionEntry> entries = exceptions.exceptionHistory() == null
                ? List.of()
                : nullToEmpty(exceptions.exceptionHistory().entries());
        if (!entries.isEmpty()) {
            FlinkMessages.ExceptionEntry first = entries.get(0);
            return Optional.of(FlinkErrors.firstLines(
                    first.stacktrace() != null ? first.stacktrace() : String.valueOf(first.exceptionName())));
        }
        String root = exceptions.rootException();
        return root == null || root.isBlank() ? Optional.empty() : Optional.of(FlinkErrors.firstLines(root));
    }

    private static CheckpointStatistics.Checkpoint checkpoint(Checkpoint c) {
        Instant end = c.failureTimestamp() != null ? instant(c.failureTimestamp()) : instant(c.latestAckTimestamp());
        Duration duration =
                c.endToEndDuration() != null && c.endToEndDuration() >= 0 && !"IN_PROGRESS".equals(c.status())
                        ? Duration.ofMillis(c.endToEndDuration())
                        : null;
        return new CheckpointStatistics.Checkpoint(
                c.id(),
                c.status(),
                c.savepoint(),
                instant(c.triggerTimestamp()),
                end,
                duration,
                c.checkpointedSize(),
                c.stateSize(),
                c.externalPath(),
                c.failureMessage());
    }

    /** One of Flink's summaries ({@code min, max, avg, p95}); absent figures are 0. */
    private static CheckpointStatistics.Stats stats(Stats summary) {
        return summary == null
                ? new CheckpointStatistics.Stats(0, 0, 0, 0)
                : new CheckpointStatistics.Stats(
                        summary.min(), Math.round(summary.avg()), summary.max(), Math.round(summary.p95()));
    }

    private static Instant instant(long millis) {
        return millis > 0 ? Instant.ofEpochMilli(millis) : null;
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("Interrupted while waiting for Flink", e);
        }
    }
}
