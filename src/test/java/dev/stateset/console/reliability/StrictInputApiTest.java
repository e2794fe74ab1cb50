package dev.stateset.console.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stateset.console.job.JobService;
import dev.stateset.console.security.BootstrapProperties;
import dev.stateset.console.support.ApiClient;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.RunningConsoleTest;
import dev.stateset.console.workspace.WorkspaceService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Input the API used to accept and get wrong (found from outside): each is refused with a problem detail naming the
 * field, nothing is written, and the errors found before any endpoint is chosen answer as problem details too.
 */
@RunningConsoleTest
class StrictInputApiTest {

    static final String EDITOR = "editor:" + BootstrapProperties.DEMO_EDITOR_PASSWORD;
    static final String VALID_POLICY =
            "{\"creationEnabled\":false,\"cronExpression\":\"0 2 * * *\",\"format\":\"CANONICAL\",\"spreadMinutes\":0,"
                    + "\"cleanupEnabled\":false,\"keepCount\":10,\"retentionValue\":7,\"retentionUnit\":\"DAYS\",\"blackoutWindows\":\"\"}";

    @LocalServerPort
    int port;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    ApiClient api;
    String job;

    @BeforeEach
    void demo() {
        Demo demo = Demo.find(workspaces, jobs);
        api = new ApiClient(port);
        job = "/api/v1/workspaces/" + demo.workspaceId() + "/jobs/" + demo.keyedCounterJobId();
    }

    @Test
    void wrong_values_in_a_snapshot_request_are_refused_naming_the_field() {
        int before = snapshotCount();
        refused("POST", job + "/snapshots", "{\"format\":1}", "format", "Must be one of");
        refused(
                "POST",
                job + "/snapshots",
                "{\"format\":\"CANONICAL\",\"description\":5}",
                "description",
                "Must be a string");
        refused(
                "POST",
                job + "/snapshots",
                "{\"format\":\"CANONICAL\",\"colour\":\"red\"}",
                "colour",
                "Unknown property");
        refused("POST", job + "/snapshots", "{\"description\":\"no format\"}", "format", "Required");
        for (String hidden : List.of("\u0000", "\u001b[31m", "\u202Eevil", "a\u2066b")) {
            refused(
                    "POST",
                    job + "/snapshots",
                    "{\"format\":\"CANONICAL\",\"description\":" + jsonString("before " + hidden) + "}",
                    "description",
                    "invisible character");
        }
        refused("POST", job + "/stop", "{\"withSnapshot\":null}", "withSnapshot", "Must not be null");
        refused("POST", job + "/stop", "{\"withSnapshot\":\"true\"}", "withSnapshot", "Must be true or false");
        refused("POST", job + "/stop", "{}", "withSnapshot", "Required");
        assertThat(snapshotCount()).as("nothing recorded by a refused request").isEqualTo(before);
    }

    @Test
    void a_policy_put_must_be_whole_and_of_the_right_types() {
        JsonNode before =
                api.expect(api.call("GET", job + "/policy", EDITOR, null), 200).path("settings");
        refused(
                "PUT",
                job + "/policy",
                VALID_POLICY.replace("\"keepCount\":10", "\"keepCount\":1.7"),
                "keepCount",
                "whole number");
        refused(
                "PUT",
                job + "/policy",
                VALID_POLICY.replace("\"keepCount\":10", "\"keepCount\":\"10\""),
                "keepCount",
                "whole number");
        refused(
                "PUT",
                job + "/policy",
                VALID_POLICY.replace("\"creationEnabled\":false", "\"creationEnabled\":\"true\""),
                "creationEnabled",
                "true or false");
        refused(
                "PUT",
                job + "/policy",
                VALID_POLICY.replace("\"cleanupEnabled\":false", "\"cleanupEnabled\":null"),
                "cleanupEnabled",
                "null");
        refused(
                "PUT",
                job + "/policy",
                VALID_POLICY.replace("\"format\":\"CANONICAL\"", "\"format\":0"),
                "format",
                "Must be one of");
        refused("PUT", job + "/policy", VALID_POLICY.replace(",\"keepCount\":10", ""), "keepCount", "Required");
        refused(
                "PUT",
                job + "/policy",
                VALID_POLICY.replace("}", ",\"keepForever\":true}"),
                "keepForever",
                "Unknown property");
        // Arabic-Indic digits parse as numbers in Java, in no cron tool; a 10 KB expression is valid cron but not
        // storable.
        refused(
                "PUT",
                job + "/policy",
                VALID_POLICY.replace("0 2 * * *", "\u0660 \u0662 * * *"),
                "cronExpression",
                "U+0660");
        StringBuilder longCron = new StringBuilder("0");
        while (longCron.length() < 10_000) {
            longCron.append(",0");
        }
        refused(
                "PUT",
                job + "/policy",
                VALID_POLICY.replace("0 2 * * *", longCron + " 2 * * *"),
                "cronExpression",
                "At most 200 characters");
        assertThat(api.expect(api.call("GET", job + "/policy", EDITOR, null), 200)
                        .path("settings"))
                .as("policy unchanged")
                .isEqualTo(before);
    }

    @Test
    void a_page_far_beyond_any_list_is_refused_not_a_server_error() {
        refused("GET", job + "/snapshots?page=2147483647&size=500", null, "page", "Must be at most");
        refused("GET", "/api/v1/audit-events?page=2147483647&size=200", null, "page", "Must be at most");
    }

    @Test
    void routing_errors_and_unknown_api_paths_are_problem_details() throws Exception {
        HttpResponse<String> unknown = api.call("GET", "/api/v1/workspacez", EDITOR, null);
        assertThat(unknown.statusCode())
                .as("a mistyped endpoint is not 200 with the UI's page")
                .isEqualTo(404);
        assertProblem(unknown);
        assertThat(api.call("GET", "/api/v2/workspaces/1/jobs", EDITOR, null).statusCode())
                .isEqualTo(404);
        assertThat(api.call("GET", "/api/v1/workspacez", null, null).statusCode())
                .as("anonymous: still 401 first")
                .isEqualTo(401);

        HttpResponse<String> method = api.call("DELETE", "/api/v1/workspaces", EDITOR, null);
        assertThat(method.statusCode()).isEqualTo(405);
        assertProblem(method);
        assertThat(method.headers().firstValue("Allow"))
                .hasValueSatisfying(allow -> assertThat(allow).contains("GET"));

        HttpResponse<String> media = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + job + "/snapshots"))
                                .header("Authorization", basic(EDITOR))
                                .header("Content-Type", "text/plain")
                                .POST(HttpRequest.BodyPublishers.ofString("format=CANONICAL"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(media.statusCode()).isEqualTo(415);
        assertProblem(media);

        // Tomcat refuses this request line itself (a raw '{' in the path), before any servlet runs.
        List<String> raw =
                rawRequest("GET /api/v1/work{spaces HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(raw.get(0)).contains(" 400");
        assertThat(raw)
                .as("Tomcat's own 400: %s", raw)
                .anySatisfy(h -> assertThat(h.toLowerCase()).startsWith("content-type: application/problem+json"));
    }

    private void refused(String method, String path, String body, String field, String message) {
        HttpResponse<String> response = api.call(method, path, EDITOR, body);
        assertThat(response.statusCode())
                .as("%s %s %s → %s", method, path, body, response.body())
                .isEqualTo(400);
        assertProblem(response);
        JsonNode errors = ApiClient.json(response).path("errors");
        assertThat(errors.findValuesAsText("field"))
                .as("fields named by %s", response.body())
                .contains(field);
        assertThat(errors.toString()).as("message of %s", response.body()).contains(message);
    }

    private static void assertProblem(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type"))
                .as("%s", response.body())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(ApiClient.json(response).path("status").asInt()).isEqualTo(response.statusCode());
    }

    private int snapshotCount() {
        return api.expect(api.call("GET", job + "/snapshots?size=1", EDITOR, null), 200)
                .path("total")
                .asInt();
    }

    private List<String> rawRequest(String request) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            List<String> lines = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                lines.add(line);
            }
            return lines;
        }
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static String jsonString(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            json.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return json.append('"').toString();
    }
}
