package dev.stateset.console.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stateset.console.support.ApiClient;
import dev.stateset.console.support.RunningConsoleTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The OpenAPI document is one a client generator can rely on: the rules of Redocly's recommended set that concern
 * operations, checked on every build (the slow lane also runs Redocly itself: {@link RedoclyLintIT}). Each finding
 * names the operation, so a new endpoint without a summary or its error responses fails here.
 */
@RunningConsoleTest
class OpenApiLintTest {

    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");

    @LocalServerPort
    int port;

    @Test
    void every_operation_has_a_summary_an_id_its_success_and_its_problem_responses() throws IOException {
        ApiClient api = new ApiClient(port);
        var response = api.call("GET", "/v3/api-docs", null, null);
        JsonNode document = api.expect(response, 200);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "openapi.json"), response.body());

        List<String> findings = new ArrayList<>();
        Set<String> operationIds = new HashSet<>();
        int operations = 0;
        for (var path : iterable(document.path("paths").fields())) {
            Set<String> templated = new HashSet<>();
            Matcher m = PATH_PARAM.matcher(path.getKey());
            while (m.find()) {
                templated.add(m.group(1));
            }
            for (var entry : iterable(path.getValue().fields())) {
                if (!METHODS.contains(entry.getKey())) {
                    continue;
                }
                operations++;
                String name = entry.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = entry.getValue();
                if (operation.path("summary").asText().isBlank()) {
                    findings.add(name + ": no summary (operation-summary)");
                }
                String id = operation.path("operationId").asText();
                if (id.isBlank() || !operationIds.add(id)) {
                    findings.add(name + ": operationId '" + id + "' missing or not unique");
                }
                List<String> codes = new ArrayList<>();
                operation.path("responses").fieldNames().forEachRemaining(codes::add);
                if (codes.stream().noneMatch(c -> c.startsWith("2"))) {
                    findings.add(name + ": no 2xx response (operation-2xx-response)");
                }
                if (codes.stream().noneMatch(c -> c.startsWith("4"))) {
                    findings.add(name + ": no 4xx response (operation-4xx-response)");
                }
                Set<String> declared = new HashSet<>();
                operation.path("parameters").forEach(p -> {
                    if ("path".equals(p.path("in").asText())) {
                        declared.add(p.path("name").asText());
                    }
                });
                if (!declared.equals(templated)) {
                    findings.add(name + ": path parameters " + declared + " do not match the path's " + templated
                            + " (path-parameters-defined)");
                }
            }
        }
        assertThat(operations).as("operations in the document").isGreaterThanOrEqualTo(30);
        assertThat(findings).as("OpenAPI findings").isEmpty();
        assertThat(document.path("components").path("schemas").has("Problem")).isTrue();
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
