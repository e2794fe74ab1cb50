package dev.stateset.console.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stateset.console.engine.embedded.DemoJobArtifact;
import dev.stateset.console.engine.embedded.demo.KeyedCounterJob;
import dev.stateset.console.engine.flinkrest.FlinkRestEngine;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.ServiceTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** The REST adapter against a real Flink (the test context's embedded cluster), one call of the port at a time. */
@ServiceTest
class FlinkRestEngineTest {

    static final Duration FLINK = Duration.ofSeconds(60);

    @Autowired
    EngineDirectory engines;

    @Autowired
    DemoJobArtifact demoJar;

    @Autowired
    ObjectMapper json;

    @TempDir
    Path temp;

    @Test
    void starts_a_job_with_its_configuration_savepoints_stops_restores_and_cancels() {
        FlinkEngine flink = engines.embedded();
        String first = flink.startJob(launch(
                "engine-test",
                Map.of("execution.checkpointing.interval", "11 s", "execution.checkpointing.num-retained", "2"),
                null));
        awaitRunning(flink, first);

        CheckpointConfiguration config = flink.checkpointConfiguration(first);
        assertThat(config.interval())
                .as("checkpoint interval applied from the launch configuration")
                .isEqualTo(Duration.ofSeconds(11));

        // Savepoint with a caller-chosen trigger id, then disposal through Flink.
        String triggerId = "00000000000000000000000000000abc";
        flink.triggerSavepoint(
                first,
                new SavepointRequest(temp.resolve("sp").toUri().toString(), SavepointFormatType.CANONICAL, triggerId));
        SavepointStatus savepoint = awaitSavepoint(flink, first, triggerId);
        assertThat(savepoint.state())
                .as("cause: %s", savepoint.failureCause())
                .isEqualTo(SavepointStatus.State.COMPLETED);
        Path savepointDir = Path.of(URI.create(savepoint.location()));
        assertThat(savepointDir.resolve("_metadata")).exists();
        flink.disposeSavepoint(savepoint.location());
        assertThat(savepointDir).as("disposed savepoint directory").doesNotExist();

        // Stop with a final savepoint: the job ends and the savepoint stays.
        String stopTrigger = "00000000000000000000000000000def";
        flink.stopWithSavepoint(
                first,
                new SavepointRequest(temp.resolve("stop").toUri().toString(), SavepointFormatType.NATIVE, stopTrigger),
                false);
        SavepointStatus stop = awaitSavepoint(flink, first, stopTrigger);
        assertThat(stop.state()).as("cause: %s", stop.failureCause()).isEqualTo(SavepointStatus.State.COMPLETED);
        Await.until(
                FLINK,
                "stopped job to end",
                () -> flink.findJob(first).map(EngineJob::isTerminal).orElse(false));

        // Restore a new run from the stop savepoint, then cancel it.
        String second = flink.startJob(launch(
                "engine-test-restored",
                Map.of(),
                new JobLaunch.Restore(stop.location(), false, JobLaunch.ClaimMode.NO_CLAIM)));
        awaitRunning(flink, second);
        assertThat(flink.listJobs()).extracting(EngineJob::id).contains(first, second);
        Await.until(
                FLINK,
                "restore counted by Flink",
                () -> flink.checkpointStatistics(second).counts().restored() >= 1);
        flink.cancel(second);
        Await.until(
                FLINK,
                "cancelled job",
                () -> flink.findJob(second)
                        .map(j -> j.state().equals("CANCELED"))
                        .orElse(false));
    }

    @Test
    void flink_failures_reported_as_success_are_failures_here() {
        FlinkEngine flink = engines.embedded();
        String unknownJob = "ffffffffffffffffffffffffffffffff";
        assertThat(flink.findJob(unknownJob)).isEmpty();
        // Flink answers 202 and later "COMPLETED" with a failure cause for a savepoint of a job it does not have.
        String trigger = "0000000000000000000000000000abcd";
        flink.triggerSavepoint(
                unknownJob, new SavepointRequest(temp.toUri().toString(), SavepointFormatType.CANONICAL, trigger));
        SavepointStatus status = awaitSavepoint(flink, unknownJob, trigger);
        assertThat(status.state())
                .as("a run Flink does not have is not a savepoint failure: storage settles it")
                .isEqualTo(SavepointStatus.State.UNKNOWN);
        assertThat(status.failureCause())
                .as("the reason in plain words")
                .contains(unknownJob)
                .contains("no longer has the job's run")
                .doesNotContain("Exception");
        assertThatThrownBy(() -> flink.disposeSavepoint(
                        temp.resolve("no-such-savepoint").toUri().toString()))
                .isInstanceOf(EngineRejectedException.class)
                .hasMessageContaining("could not dispose");
    }

    @Test
    void an_unreachable_cluster_is_reported_with_its_url_within_the_timeouts() {
        FlinkEngine offline = new FlinkRestEngine(
                URI.create("http://127.0.0.1:9"), json, Duration.ofSeconds(1), Duration.ofSeconds(2));
        long started = System.nanoTime();
        assertThatThrownBy(offline::listJobs)
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("http://127.0.0.1:9")
                .hasMessageContaining("unreachable");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void an_answer_that_is_not_flinks_is_never_repeated_to_members() throws Exception {
        com.sun.net.httpserver.HttpServer notFlink = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        byte[] page = "<html><body>Intranet login: internal-host-42.corp, build 7.3.1</body></html>"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        notFlink.createContext("/", exchange -> {
            exchange.sendResponseHeaders(
                    exchange.getRequestURI().getPath().contains("savepoints") ? 404 : 200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        notFlink.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + notFlink.getAddress().getPort() + "/");
            FlinkEngine engine = new FlinkRestEngine(url, json, Duration.ofSeconds(1), Duration.ofSeconds(2));
            assertThatThrownBy(engine::listJobs)
                    .isInstanceOf(EngineRejectedException.class)
                    .hasMessageContaining("answered HTTP 200 with a response that is not Flink's")
                    .hasMessageNotContaining("internal-host-42")
                    .hasMessageNotContaining("<html");
            SavepointStatus status =
                    engine.savepointStatus("ffffffffffffffffffffffffffffffff", "0000000000000000000000000000abcd");
            assertThat(status.failureCause())
                    .contains("answered HTTP 404 with a response that is not Flink's")
                    .doesNotContain("internal-host-42");
        } finally {
            notFlink.stop(0);
        }
    }

    @Test
    void a_missing_jar_is_refused_before_anything_is_sent() {
        FlinkEngine flink = engines.embedded();
        JobLaunch launch = new JobLaunch(
                temp.resolve("missing.jar"), KeyedCounterJob.class.getName(), List.of(), 1, Map.of(), null);
        assertThatThrownBy(() -> flink.startJob(launch))
                .isInstanceOf(EngineRejectedException.class)
                .hasMessageContaining("Cannot read the job jar");
        assertThat(Files.exists(temp.resolve("missing.jar"))).isFalse();
    }

    private JobLaunch launch(String name, Map<String, String> config, JobLaunch.Restore restore) {
        return new JobLaunch(
                demoJar.path(),
                KeyedCounterJob.class.getName(),
                List.of("--name", name, "--rate", "50"),
                1,
                config,
                restore);
    }

    private static void awaitRunning(FlinkEngine flink, String jobId) {
        Await.until(
                FLINK,
                "job " + jobId + " with all tasks running",
                () -> flink.findJob(jobId)
                        .map(j -> j.state().equals("RUNNING") && j.allTasksRunning())
                        .orElse(false));
    }

    private static SavepointStatus awaitSavepoint(FlinkEngine flink, String jobId, String triggerId) {
        return Await.until(
                FLINK,
                "savepoint " + triggerId,
                () -> flink.savepointStatus(jobId, triggerId),
                s -> s.state() != SavepointStatus.State.IN_PROGRESS);
    }

    @Test
    void the_cluster_says_its_version_and_the_console_reads_it() {
        assertThat(engines.embedded().version())
                .as("the embedded cluster runs the Flink on the console's class path")
                .isEqualTo(org.apache.flink.runtime.util.EnvironmentInformation.getVersion());
    }

    /** A cluster that answers /config with a version and records the body of a jar run. */
    @Test
    void a_restore_speaks_the_clusters_dialect_restore_mode_on_1_20_claim_mode_on_2_x() throws Exception {
        assertThat(runBodyOn("1.20.5")).contains("\"restoreMode\":\"NO_CLAIM\"").doesNotContain("claimMode");
        assertThat(runBodyOn("2.1.1")).contains("\"claimMode\":\"NO_CLAIM\"").doesNotContain("restoreMode");
    }

    private String runBodyOn(String version) throws Exception {
        java.util.concurrent.atomic.AtomicReference<String> runBody =
                new java.util.concurrent.atomic.AtomicReference<>();
        com.sun.net.httpserver.HttpServer cluster = stubCluster(
                path -> path.equals("/config") ? "{\"flink-version\":\"" + version + "\"}" : "{\"jobid\":\"0123\"}",
                exchange -> {
                    if (exchange.getRequestURI().getPath().endsWith("/run")) {
                        try {
                            runBody.set(new String(
                                    exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                });
        try {
            FlinkEngine engine = engineOf(cluster);
            JobLaunch launch = new JobLaunch(
                    null,
                    "cluster-jar.jar",
                    KeyedCounterJob.class.getName(),
                    List.of(),
                    1,
                    Map.of(),
                    new JobLaunch.Restore("file:///savepoints/sp-1", false, JobLaunch.ClaimMode.NO_CLAIM));
            assertThat(engine.startJob(launch)).isEqualTo("0123");
            assertThat(engine.version()).isEqualTo(version);
            return runBody.get();
        } finally {
            cluster.stop(0);
        }
    }

    /** A stand-in cluster on loopback answering each path with {@code answers}' JSON; {@code seen} gets each request. */
    private static com.sun.net.httpserver.HttpServer stubCluster(
            java.util.function.Function<String, String> answers,
            java.util.function.Consumer<com.sun.net.httpserver.HttpExchange> seen)
            throws java.io.IOException {
        com.sun.net.httpserver.HttpServer cluster = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        cluster.createContext("/", exchange -> {
            seen.accept(exchange);
            byte[] bytes =
                    answers.apply(exchange.getRequestURI().getPath()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        cluster.start();
        return cluster;
    }

    private FlinkEngine engineOf(com.sun.net.httpserver.HttpServer cluster) {
        return new FlinkRestEngine(
                URI.create("http://127.0.0.1:" + cluster.getAddress().getPort() + "/"),
                json,
                Duration.ofSeconds(1),
                Duration.ofSeconds(2));
    }

    /**
     * A task that finished (a stop with a snapshot under way, a bounded source) is not a start: the job stays RUNNING
     * until it ends, where it once read as STARTING and a start was refused with "the job is STARTING".
     */
    @Test
    void finished_tasks_of_a_running_job_count_as_done_not_as_starting() throws Exception {
        com.sun.net.httpserver.HttpServer cluster = stubCluster(
                path -> switch (path) {
                    case "/jobs/overview" ->
                        "{\"jobs\":["
                                + "{\"jid\":\"a1\",\"name\":\"stopping\",\"state\":\"RUNNING\",\"start-time\":0,"
                                + "\"tasks\":{\"total\":3,\"running\":1,\"finished\":2,\"deploying\":0}},"
                                + "{\"jid\":\"b2\",\"name\":\"deploying\",\"state\":\"RUNNING\",\"start-time\":0,"
                                + "\"tasks\":{\"total\":3,\"running\":1,\"finished\":0,\"deploying\":2}}]}";
                    case "/jobs/a1" ->
                        "{\"jid\":\"a1\",\"name\":\"stopping\",\"state\":\"RUNNING\",\"start-time\":0,"
                                + "\"vertices\":[{\"status\":\"FINISHED\"},{\"status\":\"RUNNING\"}]}";
                    default ->
                        "{\"jid\":\"b2\",\"name\":\"deploying\",\"state\":\"RUNNING\",\"start-time\":0,"
                                + "\"vertices\":[{\"status\":\"DEPLOYING\"},{\"status\":\"RUNNING\"}]}";
                },
                exchange -> {});
        try {
            FlinkEngine engine = engineOf(cluster);
            assertThat(engine.listJobs())
                    .extracting(j -> j.name() + "=" + j.allTasksRunning())
                    .containsExactly("stopping=true", "deploying=false");
            assertThat(engine.findJob("a1"))
                    .get()
                    .extracting(j -> j.allTasksRunning())
                    .isEqualTo(true);
            assertThat(engine.findJob("b2"))
                    .get()
                    .extracting(j -> j.allTasksRunning())
                    .isEqualTo(false);
        } finally {
            cluster.stop(0);
        }
    }
}
