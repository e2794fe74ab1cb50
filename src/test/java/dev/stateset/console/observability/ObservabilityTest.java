package dev.stateset.console.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.stateset.SnapshotService;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.stateset.StateSetService;
import dev.stateset.console.support.ApiClient;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.RunningConsoleTest;
import dev.stateset.console.workspace.EngineKind;
import dev.stateset.console.workspace.WorkspaceDraft;
import dev.stateset.console.workspace.WorkspaceService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Health groups and Prometheus metrics over HTTP, as a load balancer and a Prometheus server read them. */
@RunningConsoleTest
class ObservabilityTest {

    @LocalServerPort
    int port;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    SnapshotService snapshots;

    @Autowired
    StateSetService stateSets;

    @Test
    void health_groups_per_dependency_and_readiness_that_a_flink_outage_does_not_fail() {
        ApiClient anonymous = new ApiClient(port);
        assertThat(anonymous
                        .expect(anonymous.call("GET", "/actuator/health/database", null, null), 200)
                        .path("status")
                        .asText())
                .isEqualTo("UP");
        assertThat(anonymous
                        .expect(anonymous.call("GET", "/actuator/health/storage", null, null), 200)
                        .path("status")
                        .asText())
                .isEqualTo("UP");
        assertThat(anonymous
                        .expect(anonymous.call("GET", "/actuator/health/liveness", null, null), 200)
                        .path("status")
                        .asText())
                .isEqualTo("UP");
        JsonNode root = anonymous.json(anonymous.call("GET", "/actuator/health", null, null));
        assertThat(root.path("components").has("flink")).isTrue();
        assertThat(root.path("components").path("db").has("details"))
                .as("no details for anonymous callers")
                .isFalse();

        String name = "unreachable-" + UUID.randomUUID().toString().substring(0, 6);
        SystemIdentity.run(
                () -> workspaces.create(new WorkspaceDraft(name, "", "UTC", EngineKind.REMOTE, "http://127.0.0.1:9")));
        Await.until(
                Duration.ofSeconds(30),
                "flink health DOWN for the unreachable cluster",
                () -> anonymous
                                .call("GET", "/actuator/health/flink", null, null)
                                .statusCode()
                        == 503);
        assertThat(anonymous
                        .expect(anonymous.call("GET", "/actuator/health/readiness", null, null), 200)
                        .path("status")
                        .asText())
                .as("readiness: the console still serves (and shows the outage)")
                .isEqualTo("UP");
    }

    @Test
    void prometheus_shows_snapshot_counters_flink_latency_and_schedule_lag() {
        Demo demo = Demo.find(workspaces, jobs);
        Await.until(
                Duration.ofSeconds(60),
                "keyed-counter RUNNING",
                () -> SystemIdentity.call(() ->
                                jobs.findForSystem(demo.keyedCounterJobId()).status())
                        == JobStatus.RUNNING);
        ApiClient anonymous = new ApiClient(port);
        double before = value(scrape(), "stateset_snapshots_completed_total", "MANUAL");

        JobSnapshot created = SystemIdentity.call(() ->
                snapshots.create(demo.workspaceId(), demo.keyedCounterJobId(), SnapshotFormat.CANONICAL, "metrics"));
        Await.until(
                Duration.ofSeconds(60),
                "snapshot completed",
                () -> SystemIdentity.call(() -> stateSets
                                .snapshot(demo.workspaceId(), demo.keyedCounterJobId(), created.id())
                                .status())
                        == SnapshotStatus.COMPLETED);

        String metrics = scrape();
        assertThat(value(metrics, "stateset_snapshots_completed_total", "MANUAL"))
                .isEqualTo(before + 1);
        assertThat(value(metrics, "stateset_snapshots_triggered_total", "MANUAL"))
                .isGreaterThanOrEqualTo(before + 1);
        assertThat(metrics)
                .contains(
                        "stateset_snapshots_failed_total{",
                        "stateset_cleanup_deletions_total{",
                        "stateset_schedule_trigger_lag_seconds",
                        "application=\"stateset-console\"");
        assertThat(metrics)
                .containsPattern(
                        "stateset_flink_rest_seconds_count\\{[^}]*operation=\"POST jobs/\\{job\\}/savepoints\"[^}]*outcome=\"2xx\"");
        assertThat(metrics)
                .as("Spring's RestClient observation, by URI template")
                .containsPattern("http_client_requests_seconds_count\\{[^}]*uri=\"[^\"]*jobs/\\{job\\}/savepoints\"");
        assertThat(metrics)
                .as("no raw job ids in metric names or tags")
                .doesNotContainPattern("operation=\"[^\"]*[0-9a-f]{32}");
    }

    /** As Prometheus scrapes: no login, its own Accept header. */
    private String scrape() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                                    .header("Accept", "text/plain;version=0.0.4;q=1,*/*;q=0.1")
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as("prometheus scrape without login")
                    .isEqualTo(200);
            return response.body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static double value(String metrics, String name, String trigger) {
        Matcher m = Pattern.compile(
                        "^" + name + "\\{[^}]*trigger=\"" + trigger + "\"[^}]*} ([0-9.E+-]+)$", Pattern.MULTILINE)
                .matcher(metrics);
        assertThat(m.find())
                .as(
                        "%s{trigger=%s} in the scrape:%n%s",
                        name, trigger, metrics.length() > 600 ? metrics.substring(0, 600) : metrics)
                .isTrue();
        return Double.parseDouble(m.group(1));
    }
}
