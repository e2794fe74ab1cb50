package dev.stateset.console.stateset.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.security.BootstrapProperties;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.support.ApiClient;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.RunningConsoleTest;
import dev.stateset.console.workspace.WorkspaceDraft;
import dev.stateset.console.workspace.WorkspaceService;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The JSON API over real HTTP with HTTP Basic: the same roles as the pages, errors as problem details. */
@RunningConsoleTest
class JobApiTest {

    static final String EDITOR = "editor:" + BootstrapProperties.DEMO_EDITOR_PASSWORD;
    static final String VIEWER = "viewer:" + BootstrapProperties.DEMO_VIEWER_PASSWORD;

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    Demo demo;

    @BeforeEach
    void demo() {
        demo = Demo.find(workspaces, jobs);
    }

    @Test
    void workspaces_and_jobs_are_listed_with_the_callers_role() throws Exception {
        JsonNode list = body(call("GET", "/api/v1/workspaces", VIEWER, null), 200);
        assertThat(list.findValuesAsText("name")).contains("demo");
        JsonNode demoRow = null;
        for (JsonNode w : list) {
            if (w.path("name").asText().equals("demo")) {
                demoRow = w;
            }
        }
        assertThat(demoRow.path("myRole").asText()).isEqualTo("VIEWER");
        JsonNode jobList = body(call("GET", "/api/v1/workspaces/" + demo.workspaceId() + "/jobs", VIEWER, null), 200);
        assertThat(jobList.findValuesAsText("name")).contains("keyed-counter", "order-totals");
    }

    @Test
    void an_editor_creates_a_snapshot_and_follows_it_to_completed() throws Exception {
        Await.until(
                Duration.ofSeconds(60),
                "keyed-counter RUNNING",
                () -> SystemIdentity.call(() ->
                                jobs.findForSystem(demo.keyedCounterJobId()).status())
                        == JobStatus.RUNNING);
        String snapshots =
                "/api/v1/workspaces/" + demo.workspaceId() + "/jobs/" + demo.keyedCounterJobId() + "/snapshots";
        JsonNode created =
                body(call("POST", snapshots, EDITOR, "{\"format\":\"NATIVE\",\"description\":\"before deploy\"}"), 202);
        assertThat(created.path("status").asText()).isEqualTo("IN_PROGRESS");
        long id = created.path("id").asLong();
        JsonNode done = Await.until(
                Duration.ofSeconds(60),
                "snapshot via API",
                () -> {
                    try {
                        return body(call("GET", snapshots + "/" + id, VIEWER, null), 200);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                s -> !s.path("status").asText().equals("IN_PROGRESS"));
        assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.path("location").asText()).startsWith("file:");
        assertThat(done.path("sizeBytes").asLong()).isPositive();
        assertThat(body(call("GET", snapshots + "?status=COMPLETED&size=5", VIEWER, null), 200)
                        .path("total")
                        .asLong())
                .isPositive();
    }

    @Test
    void refusals_are_problem_details_and_never_reveal_another_workspace() throws Exception {
        String snapshots =
                "/api/v1/workspaces/" + demo.workspaceId() + "/jobs/" + demo.keyedCounterJobId() + "/snapshots";
        HttpResponse<String> anonymous = call("GET", snapshots, null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);

        HttpResponse<String> viewerPost =
                call("POST", snapshots, VIEWER, "{\"format\":\"CANONICAL\",\"description\":\"\"}");
        assertThat(viewerPost.statusCode()).isEqualTo(403);
        assertThat(viewerPost.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));

        JsonNode invalid = body(
                call(
                        "POST",
                        snapshots,
                        EDITOR,
                        "{\"format\":\"CANONICAL\",\"description\":\"" + "x".repeat(501) + "\"}"),
                400);
        assertThat(invalid.path("errors").findValuesAsText("field")).contains("description");

        long secret = SystemIdentity.call(() -> workspaces
                .create(new WorkspaceDraft(
                        "api-secret-" + UUID.randomUUID().toString().substring(0, 6), "", "UTC"))
                .id());
        HttpResponse<String> foreign = call("GET", "/api/v1/workspaces/" + secret + "/jobs", VIEWER, null);
        HttpResponse<String> missing = call("GET", "/api/v1/workspaces/999999/jobs", VIEWER, null);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json.readTree(foreign.body()).path("detail").asText())
                .isEqualTo(json.readTree(missing.body()).path("detail").asText());

        String policy = "/api/v1/workspaces/" + demo.workspaceId() + "/jobs/" + demo.orderTotalsJobId() + "/policy";
        JsonNode badPolicy = body(
                call(
                        "PUT",
                        policy,
                        EDITOR,
                        "{\"creationEnabled\":true,\"cronExpression\":\"0 12 ? * *\",\"format\":\"CANONICAL\","
                                + "\"spreadMinutes\":0,\"cleanupEnabled\":true,\"keepCount\":0,\"retentionValue\":-1,\"retentionUnit\":\"DAYS\",\"blackoutWindows\":\"\"}"),
                400);
        assertThat(badPolicy.path("errors").findValuesAsText("field"))
                .contains("cronExpression", "keepCount", "retentionValue");
        assertThat(body(call("GET", policy, VIEWER, null), 200)
                        .path("settings")
                        .path("creationEnabled")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void a_job_shows_members_no_workspace_secret() throws Exception {
        var workspace = SystemIdentity.call(() -> workspaces.get(demo.workspaceId()));
        String secretHook = "https://hooks.example.invalid/services/T000/B000/secret-" + UUID.randomUUID();
        SystemIdentity.run(() -> workspaces.update(
                workspace.id(),
                new WorkspaceDraft(
                        workspace.name(),
                        workspace.description(),
                        workspace.timeZone(),
                        workspace.engineKind(),
                        workspace.engineRestUrl(),
                        secretHook)));
        try {
            HttpResponse<String> job = call(
                    "GET",
                    "/api/v1/workspaces/" + demo.workspaceId() + "/jobs/" + demo.keyedCounterJobId(),
                    VIEWER,
                    null);
            JsonNode shown = body(job, 200);
            assertThat(job.body())
                    .as("GET job as a viewer")
                    .doesNotContain(secretHook)
                    .doesNotContain("webhook");
            assertThat(shown.path("myRole").asText()).isEqualTo("VIEWER");
            assertThat(shown.path("name").asText()).isEqualTo("keyed-counter");
        } finally {
            SystemIdentity.run(() -> workspaces.update(
                    workspace.id(),
                    new WorkspaceDraft(
                            workspace.name(),
                            workspace.description(),
                            workspace.timeZone(),
                            workspace.engineKind(),
                            workspace.engineRestUrl(),
                            workspace.webhookUrl())));
        }
    }

    private HttpResponse<String> call(String method, String path, String credentials, String body) {
        return new ApiClient(port).call(method, path, credentials, body);
    }

    private JsonNode body(HttpResponse<String> response, int expectedStatus) {
        return new ApiClient(port).expect(response, expectedStatus);
    }
}
