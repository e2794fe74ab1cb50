package dev.stateset.console.engine.flinkrest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stateset.console.engine.CheckpointConfiguration;
import dev.stateset.console.engine.CheckpointStatistics;
import dev.stateset.console.engine.EngineJob;
import dev.stateset.console.engine.EngineRejectedException;
import dev.stateset.console.engine.EngineUnavailableException;
import dev.stateset.console.engine.FlinkEngine;
import dev.stateset.console.engine.JobLaunch;
import dev.stateset.console.engine.SavepointRequest;
import dev.stateset.console.engine.SavepointStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@link FlinkEngine} over Flink's JobManager REST API (v1), for Flink 1.20 and 2.x session clusters. Every call
 * has a connect and a request timeout, so a dead cluster costs at most those seconds and surfaces as an
 * {@link EngineUnavailableException} naming the URL. Flink reports some failures as success (a savepoint of an
 * unknown job "COMPLETES" with a failure cause), so every operation result is checked for its failure cause.
 */
public class FlinkRestEngine implements FlinkEngine {

    private static final Duration DISPOSAL_TIMEOUT = Duration.ofSeconds(60);
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FlinkRestEngine.class);

    private final URI base;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration requestTimeout;
    private final MeterRegistry meters;
    private final ClusterGuard guard;
    /** Uploaded jars by content hash: the same jar is uploaded once per cluster (until the cluster forgets it). */
    private final Map<String, String> uploadedJars = new ConcurrentHashMap<>();

    public FlinkRestEngine(URI restUrl, ObjectMapper json, Duration connectTimeout, Duration requestTimeout) {
        this(restUrl, json, connectTimeout, requestTimeout, Metrics.globalRegistry, ClusterGuard.Settings.defaults());
    }

    /**
     * @param meters where each call's latency goes, as {@code stateset.flink.rest} by operation and outcome
     * @param guard  how much of the console this cluster may hold (concurrent calls, when to stop calling it)
     */
    public FlinkRestEngine(URI restUrl, ObjectMapper json, Duration connectTimeout, Duration requestTimeout, MeterRegistry meters,
            ClusterGuard.Settings guard) {
        this.meters = meters;
        this.base = URI.create(restUrl.toString().endsWith("/") ? restUrl.toString() : restUrl + "/");
        this.guard = new ClusterGuard(base, guard);
        this.json = json;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public URI restUrl() {
        return base;
    }

    @Override
    public List<EngineJob> listJobs() {
        JsonNode root = get("jobs/overview");
        List<EngineJob> jobs = new ArrayList<>();
        for (JsonNode job : root.path("jobs")) {
            JsonNode tasks = job.path("tasks");
            boolean allRunning = tasks.path("total").asInt() > 0 && tasks.path("running").asInt() == tasks.path("total").asInt();
            jobs.add(new EngineJob(job.path("jid").asText(), job.path("name").asText(), job.path("state").asText(),
                    instant(job.path("start-time")), allRunning));
        }
        return jobs;
    }

    @Override
    public Optional<EngineJob> findJob(String engineJobId) {
        Response response = send(HttpRequest.newBuilder(uri("jobs/" + engineJobId)).GET());
        if (response.status() == 404) {
            return Optional.empty();
        }
        JsonNode job = response.requireOk();
        boolean allRunning = job.path("vertices").size() > 0;
        for (JsonNode vertex : job.path("vertices")) {
            allRunning &= "RUNNING".equals(vertex.path("status").asText());
        }
        return Optional.of(new EngineJob(job.path("jid").asText(), job.path("name").asText(), job.path("state").asText(),
                instant(job.path("start-time")), allRunning));
    }

    @Override
    public String startJob(JobLaunch launch) {
        String jarId = launch.clusterJarId() != null ? launch.clusterJarId() : uploadedJar(launch.jar());
        ObjectNode body = json.createObjectNode();
        body.put("entryClass", launch.entryClass());
        body.put("parallelism", launch.parallelism());
        body.putPOJO("programArgsList", launch.programArgs());
        body.putPOJO("flinkConfiguration", launch.configuration());
        if (launch.restore() != null) {
            body.put("savepointPath", launch.restore().path());
            body.put("allowNonRestoredState", launch.restore().allowNonRestoredState());
            // 2.x reads claimMode; 1.20 reads restoreMode: send both, each understands its own.
            body.put("claimMode", launch.restore().claimMode().name());
            body.put("restoreMode", launch.restore().claimMode().name());
        }
        Response response = post("jars/" + jarId + "/run", body);
        if (response.jarMissing() && launch.clusterJarId() != null) {
            throw new EngineRejectedException(404, "The cluster has no jar " + launch.clusterJarId() + " (see its /jars)");
        }
        if (response.jarMissing()) {
            // The cluster lost the uploaded jar (restarted, or its upload dir was cleaned): upload again, once.
            uploadedJars.values().remove(jarId);
            response = post("jars/" + uploadedJar(launch.jar()) + "/run", body);
        }
        return response.requireOk().path("jobid").asText();
    }

    @Override
    public void triggerSavepoint(String engineJobId, SavepointRequest request) {
        ObjectNode body = json.createObjectNode();
        body.put("target-directory", request.targetDirectory());
        body.put("cancel-job", false);
        body.put("formatType", request.format().name());
        body.put("triggerId", request.triggerId());
        post("jobs/" + engineJobId + "/savepoints", body).requireOk();
    }

    @Override
    public void stopWithSavepoint(String engineJobId, SavepointRequest request, boolean drain) {
        ObjectNode body = json.createObjectNode();
        body.put("targetDirectory", request.targetDirectory());
        body.put("drain", drain);
        body.put("formatType", request.format().name());
        body.put("triggerId", request.triggerId());
        post("jobs/" + engineJobId + "/stop", body).requireOk();
    }

    @Override
    public SavepointStatus savepointStatus(String engineJobId, String triggerId) {
        Response response = send(HttpRequest.newBuilder(uri("jobs/" + engineJobId + "/savepoints/" + triggerId)).GET());
        if (response.status() == 404) {
            return SavepointStatus.unknown("Flink does not know this savepoint request (the cluster may have restarted): "
                    + response.errorMessage());
        }
        JsonNode root = response.requireOk();
        if (!"COMPLETED".equals(root.path("status").path("id").asText())) {
            return SavepointStatus.inProgress();
        }
        JsonNode operation = root.path("operation");
        if (operation.hasNonNull("failure-cause")) {
            // Flink accepts a savepoint of a job it does not have (202) and reports FlinkJobNotFoundException in the poll:
            // the run is gone (cluster restarted, run ended), which the caller settles from storage, not a savepoint failure.
            if (operation.path("failure-cause").toString().contains("FlinkJobNotFoundException")) {
                return SavepointStatus.unknown("Flink no longer has the job's run " + engineJobId + " (its cluster restarted, or the run ended)");
            }
            return SavepointStatus.failed(FlinkErrors.describe(operation.path("failure-cause")));
        }
        return SavepointStatus.completed(operation.path("location").asText());
    }

    @Override
    public void cancel(String engineJobId) {
        send(HttpRequest.newBuilder(uri("jobs/" + engineJobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody())).requireOk();
    }

    @Override
    public CheckpointStatistics checkpointStatistics(String engineJobId) {
        JsonNode root = get("jobs/" + engineJobId + "/checkpoints");
        JsonNode counts = root.path("counts");
        List<CheckpointStatistics.Checkpoint> history = new ArrayList<>();
        for (JsonNode checkpoint : root.path("history")) {
            history.add(checkpoint(checkpoint));
        }
        JsonNode latest = root.path("latest");
        return new CheckpointStatistics(
                new CheckpointStatistics.Counts(counts.path("total").asLong(), counts.path("in_progress").asLong(),
                        counts.path("completed").asLong(), counts.path("failed").asLong(), counts.path("restored").asLong()),
                latest.path("completed").isObject() ? Optional.of(checkpoint(latest.path("completed"))) : Optional.empty(),
                latest.path("failed").isObject() ? Optional.of(checkpoint(latest.path("failed"))) : Optional.empty(),
                history, new CheckpointStatistics.Summary(stats(root.path("summary").path("end_to_end_duration")),
                        stats(root.path("summary").path("state_size")), stats(root.path("summary").path("checkpointed_size"))));
    }

    /** One of Flink's StatsSummaryDto ({@code min, max, avg, p95, …}); absent figures are 0. */
    private static CheckpointStatistics.Stats stats(JsonNode summary) {
        return new CheckpointStatistics.Stats(summary.path("min").asLong(0), Math.round(summary.path("avg").asDouble(0)),
                summary.path("max").asLong(0), Math.round(summary.path("p95").asDouble(0)));
    }

    @Override
    public CheckpointConfiguration checkpointConfiguration(String engineJobId) {
        JsonNode root = get("jobs/" + engineJobId + "/checkpoints/config");
        return new CheckpointConfiguration(root.path("mode").asText(), Duration.ofMillis(root.path("interval").asLong()),
                Duration.ofMillis(root.path("timeout").asLong()), Duration.ofMillis(root.path("min_pause").asLong()),
                root.path("max_concurrent").asInt(), root.path("state_backend").asText(), root.path("checkpoint_storage").asText(),
                root.path("externalization").path("enabled").asBoolean(false)
                        && !root.path("externalization").path("delete_on_cancellation").asBoolean(true));
    }

    @Override
    public void disposeSavepoint(String savepointPath) {
        ObjectNode body = json.createObjectNode();
        body.put("savepoint-path", savepointPath);
        String triggerId = post("savepoint-disposal", body).requireOk().path("request-id").asText();
        Instant deadline = Instant.now().plus(DISPOSAL_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            JsonNode status = get("savepoint-disposal/" + triggerId);
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode failure = status.path("operation").path("failure-cause");
                if (!failure.isMissingNode() && !failure.isNull()) {
                    throw new EngineRejectedException(200, "Flink could not dispose the savepoint: " + FlinkErrors.describe(failure));
                }
                return;
            }
            sleep(Duration.ofMillis(200));
        }
        throw new EngineUnavailableException("Flink at " + base + " did not finish disposing " + savepointPath + " within "
                + DISPOSAL_TIMEOUT.toSeconds() + " s", null);
    }

    @Override
    public Optional<String> failureCause(String engineJobId) {
        JsonNode root = get("jobs/" + engineJobId + "/exceptions");
        JsonNode entries = root.path("exceptionHistory").path("entries");
        if (entries.size() > 0) {
            return Optional.of(FlinkErrors.firstLines(entries.get(0).path("stacktrace").asText(entries.get(0).path("exceptionName").asText())));
        }
        String rootException = root.path("root-exception").asText("");
        return rootException.isBlank() ? Optional.empty() : Optional.of(FlinkErrors.firstLines(rootException));
    }

    private CheckpointStatistics.Checkpoint checkpoint(JsonNode c) {
        Instant trigger = instant(c.path("trigger_timestamp"));
        Instant end = c.hasNonNull("failure_timestamp") ? instant(c.path("failure_timestamp")) : instant(c.path("latest_ack_timestamp"));
        String status = c.path("status").asText();
        Duration duration = c.path("end_to_end_duration").asLong(-1) >= 0 && !"IN_PROGRESS".equals(status)
                ? Duration.ofMillis(c.path("end_to_end_duration").asLong()) : null;
        return new CheckpointStatistics.Checkpoint(c.path("id").asLong(), status, c.path("is_savepoint").asBoolean(),
                trigger, end, duration, c.path("checkpointed_size").asLong(), c.path("state_size").asLong(),
                c.hasNonNull("external_path") ? c.path("external_path").asText() : null,
                c.hasNonNull("failure_message") ? c.path("failure_message").asText() : null);
    }

    private static Instant instant(JsonNode millis) {
        long value = millis.asLong(-1);
        return value > 0 ? Instant.ofEpochMilli(value) : null;
    }

    private String uploadedJar(Path jar) {
        String hash = sha256(jar);
        return uploadedJars.computeIfAbsent(hash, h -> upload(jar));
    }

    private String upload(Path jar) {
        String boundary = "stateset-" + UUID.randomUUID();
        // Streamed from the file: a large jar is never held in memory.
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\"" + jar.getFileName()
                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher file;
        try {
            file = HttpRequest.BodyPublishers.ofFile(jar);
        } catch (java.io.FileNotFoundException e) {
            throw new EngineRejectedException(0, "Cannot read the job jar " + jar + ": " + e.getMessage());
        }
        JsonNode uploaded = send(HttpRequest.newBuilder(uri("jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head), file,
                        HttpRequest.BodyPublishers.ofByteArray(tail)))).requireOk();
        String filename = uploaded.path("filename").asText();
        return filename.substring(filename.lastIndexOf('/') + 1);
    }

    private static String sha256(Path jar) {
        try (InputStream in = Files.newInputStream(jar)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new EngineRejectedException(0, "Cannot read the job jar " + jar + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET()).requireOk();
    }

    private Response post(String path, JsonNode body) {
        try {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return base.resolve(path);
    }

    private Response send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(requestTimeout).header("Accept", "application/json").build();
        long started = System.nanoTime();
        String outcome = "unreachable";
        try (ClusterGuard.Permit permit = guardedCall(built)) {
            HttpResponse<String> response;
            try {
                response = http.send(built, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                permit.unanswered(e);
                throw e;
            }
            permit.answered();
            outcome = response.statusCode() / 100 + "xx";
            return new Response(response.statusCode(), response.body(), built);
        } catch (HttpTimeoutException e) {
            outcome = "timeout";
            throw new EngineUnavailableException("Flink at " + base + " did not answer within " + requestTimeout.toSeconds()
                    + " s (" + built.method() + " /" + base.relativize(built.uri()) + ")", e);
        } catch (ConnectException e) {
            throw new EngineUnavailableException("Flink at " + base + " is unreachable: connection refused", e);
        } catch (IOException e) {
            throw new EngineUnavailableException("Flink at " + base + " is unreachable: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("Interrupted while calling Flink at " + base, e);
        } finally {
            recordCall(built, outcome, System.nanoTime() - started);
        }
    }

    private ClusterGuard.Permit guardedCall(HttpRequest request) {
        try {
            return guard.enter();
        } catch (EngineUnavailableException refused) {
            recordCall(request, "refused", 0);
            throw refused;
        }
    }

    private void recordCall(HttpRequest request, String outcome, long nanos) {
        Timer.builder("stateset.flink.rest").description("Latency of the console's calls to Flink's REST API")
                .tag("operation", operation(request)).tag("outcome", outcome).register(meters).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** "GET jobs/{id}/savepoints/{id}": the call without its ids, so that the metric has few, stable series. */
    static String operation(HttpRequest request) {
        String path = request.uri().getPath().replaceFirst("^.*?/(jobs|jars|savepoint-disposal|overview|config|taskmanagers)", "$1");
        path = path.replaceAll("[0-9a-f]{32}", "{id}").replaceAll("jars/[^/]+\\.jar", "jars/{jar}");
        return request.method() + " " + path;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("Interrupted while waiting for Flink", e);
        }
    }

    /** A response with Flink's error format ({@code {"errors": [...]}}) decoded on demand. */
    private final class Response {
        private final int status;
        private final String body;
        private final HttpRequest request;

        Response(int status, String body, HttpRequest request) {
            this.status = status;
            this.body = body;
            this.request = request;
        }

        int status() {
            return status;
        }

        /** Flink 2.1 answers a run of a jar it does not have with 500 "Jar file … does not exist" (older: 404). */
        boolean jarMissing() {
            return status == 404 || (status >= 400 && body != null && body.contains("Jar file") && body.contains("does not exist"));
        }

        JsonNode requireOk() {
            if (status < 200 || status >= 300) {
                throw new EngineRejectedException(status, "Flink refused " + request.method() + " /"
                        + base.relativize(request.uri()) + " (HTTP " + status + "): " + errorMessage());
            }
            try {
                return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
            } catch (IOException e) {
                throw new EngineRejectedException(status, notFlink());
            }
        }

        /**
         * Whatever answers at a cluster's URL reaches every member of the workspace through failure causes, so a body
         * that is not Flink's is never repeated: it may be a login page, an internal error page, anything.
         */
        private String notFlink() {
            log.debug("Non-Flink answer from {} {} (HTTP {}): {}", request.method(), request.uri(), status, abbreviate(body));
            return "The cluster at " + base + " answered HTTP " + status + " with a response that is not Flink's (is the URL "
                    + "that of a Flink REST API?)";
        }

        String errorMessage() {
            try {
                JsonNode errors = json.readTree(body).path("errors");
                if (errors.isArray() && errors.size() > 0) {
                    List<String> messages = new ArrayList<>();
                    errors.forEach(e -> messages.add(FlinkErrors.firstLines(e.asText())));
                    return String.join("; ", messages);
                }
            } catch (IOException | RuntimeException notJson) {
                // not Flink's error JSON
            }
            return notFlink();
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
