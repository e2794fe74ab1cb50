package dev.stateset.console.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.engine.embedded.DemoJobArtifact;
import dev.stateset.console.engine.embedded.demo.KeyedCounterJob;
import dev.stateset.console.security.BootstrapProperties;
import dev.stateset.console.support.ActAs;
import dev.stateset.console.support.ApiClient;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.RunningConsoleTest;
import dev.stateset.console.workspace.WorkspaceService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * A job's artifact is never an arbitrary server path (an editor once made Start read /etc/shadow and the console's own
 * database and upload them to Flink): it is an uploaded jar, the built-in demo jobs, a cluster's jar, or a file in a
 * directory an admin allowed (here ./target/test-data/allowed-jars).
 */
@RunningConsoleTest
class JobArtifactsTest {

    static final String EDITOR = "editor:" + BootstrapProperties.DEMO_EDITOR_PASSWORD;
    static final String VIEWER = "viewer:" + BootstrapProperties.DEMO_VIEWER_PASSWORD;

    @LocalServerPort
    int port;

    @Autowired
    JobService jobs;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    UserDetailsService users;

    @Autowired
    DemoJobArtifact demoJar;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    dev.stateset.console.engine.EngineDirectory engines;

    Demo demo;
    ApiClient api;

    @BeforeEach
    void demo() {
        demo = Demo.find(workspaces, jobs);
        api = new ApiClient(port);
    }

    @Test
    void the_built_in_name_is_the_one_the_embedded_engine_writes_its_demo_jar_for() {
        assertThat(JobArtifacts.BUILTIN).isEqualTo(dev.stateset.console.engine.embedded.DemoJobJar.ARTIFACT);
    }

    @Test
    void server_paths_are_refused_alike_whether_or_not_they_exist_and_nothing_is_read() {
        String database = Path.of("data", "stateset.mv.db").toAbsolutePath().toString();
        List<String> messages = new java.util.ArrayList<>();
        for (String path : List.of(
                "/etc/shadow",
                "/etc/hostname",
                "/etc/no-such-file-" + UUID.randomUUID(),
                "file:/etc/passwd",
                database,
                "file:"
                        + Path.of("target/test-data/allowed-jars/../../../pom.xml")
                                .toAbsolutePath())) {
            InvalidInputException refused =
                    (InvalidInputException) org.assertj.core.api.Assertions.catchThrowable(() -> ActAs.call(
                            users,
                            "editor",
                            () -> jobs.create(demo.workspaceId(), draft("paths-" + UUID.randomUUID(), path))));
            assertThat(refused).as("artifact %s", path).isNotNull();
            messages.add(refused.fieldErrors().get("artifact"));
        }
        assertThat(messages)
                .as("one message for every server path: no way to tell which files exist")
                .containsOnly(messages.get(0));
        assertThat(messages.get(0)).contains("other server paths are not read");
    }

    @Test
    void a_job_saved_before_with_a_server_path_is_refused_at_start_before_anything_is_read() {
        long job = ActAs.call(
                        users,
                        "editor",
                        () -> jobs.create(
                                demo.workspaceId(), draft("legacy-" + UUID.randomUUID(), JobArtifacts.BUILTIN)))
                .id();
        jdbc.update("update flink_job set artifact = '/etc/shadow' where id = ?", job);
        JsonNode refused = api.expect(
                api.call(
                        "POST",
                        "/api/v1/workspaces/" + demo.workspaceId() + "/jobs/" + job + "/start",
                        EDITOR,
                        "{\"strategy\":\"STATELESS\"}"),
                400);
        assertThat(refused.path("errors").findValuesAsText("field")).contains("artifact");
        assertThat(refused.toString()).doesNotContain("root:");
    }

    @Test
    void an_uploaded_jar_runs_a_job_and_what_is_not_a_jar_or_too_large_is_refused() throws Exception {
        String upload = "/api/v1/workspaces/" + demo.workspaceId() + "/artifacts";
        byte[] jar = Files.readAllBytes(demoJar.path());
        JsonNode uploaded =
                api.expect(api.call("POST", upload, EDITOR, ApiClient.multipart("file", "demo-jobs.jar", jar)), 201);
        assertThat(uploaded.path("artifact").asText()).matches("upload:[0-9a-f]{64}");
        assertThat(uploaded.path("sizeBytes").asLong()).isEqualTo(jar.length);

        assertThat(api.call("POST", upload, VIEWER, ApiClient.multipart("file", "demo-jobs.jar", jar))
                        .statusCode())
                .as("a viewer uploads")
                .isEqualTo(403);
        JsonNode notJar = api.expect(
                api.call(
                        "POST",
                        upload,
                        EDITOR,
                        ApiClient.multipart("file", "x.jar", "#!/bin/sh\necho hi\n".getBytes())),
                400);
        assertThat(notJar.path("errors").findValuesAsText("field")).contains("file");
        var tooLarge = api.call(
                "POST", upload, EDITOR, ApiClient.multipart("file", "big.jar", new byte[8 * 1024 * 1024 + 300 * 1024]));
        assertThat(tooLarge.statusCode())
                .as("an 8.3 MB upload with an 8 MB limit: %s", tooLarge.body())
                .isIn(400, 413);
        assertThat(ApiClient.json(tooLarge).path("errors").findValuesAsText("field"))
                .contains("file");

        long job = ActAs.call(
                        users,
                        "editor",
                        () -> jobs.create(
                                demo.workspaceId(),
                                draft(
                                        "uploaded-" + UUID.randomUUID(),
                                        uploaded.path("artifact").asText())))
                .id();
        String base = "/api/v1/workspaces/" + demo.workspaceId() + "/jobs/" + job;
        api.expect(api.call("POST", base + "/start", EDITOR, "{\"strategy\":\"STATELESS\"}"), 202);
        Await.until(
                Duration.ofSeconds(90),
                "the job from the uploaded jar RUNNING",
                () -> api.expect(api.call("GET", base, EDITOR, null), 200)
                        .path("status")
                        .asText()
                        .equals("RUNNING"));
        api.expect(api.call("POST", base + "/stop", EDITOR, "{\"withSnapshot\":false}"), 202);
    }

    @Test
    void a_jar_the_cluster_already_has_runs_a_job_without_an_upload_by_the_console() throws Exception {
        // Put the jar on the embedded cluster the way a team's deployment would: Flink's own /jars/upload.
        java.net.URI flink = engines.embedded().restUrl();
        byte[] jar = Files.readAllBytes(demoJar.path());
        String boundary = "cluster-jar-boundary";
        byte[] head = ("--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\"team-job.jar\"\r\n"
                        + "Content-Type: application/x-java-archive\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(flink.resolve("jars/upload"))
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(java.net.http.HttpRequest.BodyPublishers.concat(
                                        java.net.http.HttpRequest.BodyPublishers.ofByteArray(head),
                                        java.net.http.HttpRequest.BodyPublishers.ofByteArray(jar),
                                        java.net.http.HttpRequest.BodyPublishers.ofByteArray(tail)))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        String filename = ApiClient.json(response).path("filename").asText();
        String jarId = filename.substring(filename.lastIndexOf('/') + 1);

        long job = ActAs.call(
                        users,
                        "editor",
                        () -> jobs.create(
                                demo.workspaceId(),
                                draft("cluster-jar-" + UUID.randomUUID(), JobArtifacts.CLUSTER + jarId)))
                .id();
        String base = "/api/v1/workspaces/" + demo.workspaceId() + "/jobs/" + job;
        api.expect(api.call("POST", base + "/start", EDITOR, "{\"strategy\":\"STATELESS\"}"), 202);
        Await.until(
                Duration.ofSeconds(90),
                "the job from the cluster's jar RUNNING",
                () -> api.expect(api.call("GET", base, EDITOR, null), 200)
                        .path("status")
                        .asText()
                        .equals("RUNNING"));
        api.expect(api.call("POST", base + "/stop", EDITOR, "{\"withSnapshot\":false}"), 202);

        long missing = ActAs.call(
                        users,
                        "editor",
                        () -> jobs.create(
                                demo.workspaceId(),
                                draft(
                                        "no-such-cluster-jar-" + UUID.randomUUID(),
                                        JobArtifacts.CLUSTER + "00000000-0000-0000-0000-000000000000_gone.jar")))
                .id();
        JsonNode refused = api.expect(
                api.call(
                        "POST",
                        "/api/v1/workspaces/" + demo.workspaceId() + "/jobs/" + missing + "/start",
                        EDITOR,
                        "{\"strategy\":\"STATELESS\"}"),
                409);
        assertThat(refused.path("detail").asText()).contains("The cluster has no jar");
    }

    @Test
    void a_jar_in_an_allowed_directory_is_accepted_and_a_link_out_of_it_is_not() throws Exception {
        Path allowed = Files.createDirectories(Path.of("target/test-data/allowed-jars"))
                .toAbsolutePath();
        Path jar = Files.copy(demoJar.path(), allowed.resolve("allowed-" + UUID.randomUUID() + ".jar"));
        ActAs.call(
                users,
                "editor",
                () -> jobs.create(demo.workspaceId(), draft("allowed-" + UUID.randomUUID(), "file:" + jar)));
        Path link = allowed.resolve("escape-" + UUID.randomUUID() + ".jar");
        Files.createSymbolicLink(link, Path.of("/etc/hostname"));
        assertThatThrownBy(() -> ActAs.call(
                        users,
                        "editor",
                        () -> jobs.create(demo.workspaceId(), draft("link-" + UUID.randomUUID(), "file:" + link))))
                .isInstanceOf(InvalidInputException.class);
    }

    private static JobDraft draft(String name, String artifact) {
        return new JobDraft(
                name.substring(0, Math.min(name.length(), 60)),
                "",
                artifact,
                KeyedCounterJob.class.getName(),
                "--keys 3 --rate 20",
                1);
    }
}
