package dev.stateset.console.cron.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stateset.console.security.BootstrapProperties;
import dev.stateset.console.support.RunningConsoleTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The cron preview API over real HTTP, authenticated with HTTP Basic like any console user's script. */
@RunningConsoleTest
class CronPreviewApiTest {

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void preview_lists_next_runs_in_utc_with_a_description() throws Exception {
        HttpResponse<String> response = get(
                "expression=0 9 * * MON-FRI&zone=Europe/Berlin&from=2026-11-29T00:00:00Z&count=3",
                "viewer",
                BootstrapProperties.DEMO_VIEWER_PASSWORD);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("valid").asBoolean()).isTrue();
        assertThat(body.path("expression").asText()).isEqualTo("0 9 * * MON-FRI");
        assertThat(body.path("description").asText()).isEqualTo("At 09:00, Monday through Friday");
        assertThat(body.path("minimumIntervalApplied").asBoolean()).isFalse();
        // 09:00 in Berlin (CET, UTC+1) is 08:00Z; 30 November 2026 is a Monday.
        assertThat(body.path("next").toString())
                .isEqualTo("[\"2026-11-30T08:00:00Z\",\"2026-12-01T08:00:00Z\",\"2026-12-02T08:00:00Z\"]");
    }

    @Test
    void defaults_are_utc_now_and_five_runs_and_the_floor_is_reported() throws Exception {
        JsonNode body = json.readTree(get("expression=* 14 * * *", "viewer", BootstrapProperties.DEMO_VIEWER_PASSWORD)
                .body());
        assertThat(body.path("next").size()).isEqualTo(5);
        assertThat(body.path("minimumIntervalApplied").asBoolean()).isTrue();
        assertThat(body.path("next").get(0).asText()).endsWith(":00Z");
    }

    @Test
    void an_invalid_expression_answers_400_with_the_field() throws Exception {
        HttpResponse<String> response =
                get("expression=0 12 ? * *", "viewer", BootstrapProperties.DEMO_VIEWER_PASSWORD);
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("valid").asBoolean(true)).isFalse();
        assertThat(body.path("field").asText()).isEqualTo("day");
        assertThat(body.path("detail").asText())
                .as("an RFC 9457 problem detail")
                .contains("use '*'");
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));

        JsonNode tooMany =
                json.readTree(get("expression=0 9 * * *&count=51", "viewer", BootstrapProperties.DEMO_VIEWER_PASSWORD)
                        .body());
        assertThat(tooMany.path("field").asText()).isEqualTo("count");
        JsonNode badZone = json.readTree(
                get("expression=0 9 * * *&zone=Mars/Base", "viewer", BootstrapProperties.DEMO_VIEWER_PASSWORD)
                        .body());
        assertThat(badZone.path("field").asText()).isEqualTo("zone");
    }

    @Test
    void without_or_with_wrong_credentials_the_answer_is_401_and_no_session_is_created() throws Exception {
        HttpResponse<String> anonymous = http.send(
                HttpRequest.newBuilder(uri("expression=0 9 * * *")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(get("expression=0 9 * * *", "viewer", "wrong-password-123").statusCode())
                .isEqualTo(401);
        HttpResponse<String> ok = get("expression=0 9 * * *", "viewer", BootstrapProperties.DEMO_VIEWER_PASSWORD);
        assertThat(ok.headers().firstValue("Set-Cookie"))
                .as("stateless API: no session cookie")
                .isEmpty();
    }

    private HttpResponse<String> get(String query, String user, String password) throws Exception {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return http.send(
                HttpRequest.newBuilder(uri(query))
                        .header("Authorization", "Basic " + auth)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String query) {
        StringBuilder encoded = new StringBuilder();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            encoded.append(encoded.isEmpty() ? "" : "&")
                    .append(kv[0])
                    .append('=')
                    .append(URLEncoder.encode(kv[1], StandardCharsets.UTF_8));
        }
        return URI.create("http://localhost:" + port + "/api/v1/cron/preview?" + encoded);
    }
}
