package dev.stateset.console.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.support.ApiClient;
import dev.stateset.console.support.RunningConsoleTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Redocly's own linter, with its recommended rules, on the console's OpenAPI document: no error and no warning. The
 * CLI comes from the npm registry at a pinned version (Node.js and npm are on the machines the README names).
 */
@RunningConsoleTest
class RedoclyLintIT {

    static final String REDOCLY = "@redocly/cli@2.77.0";

    @LocalServerPort
    int port;

    @Test
    void the_openapi_document_passes_redoclys_recommended_rules() throws Exception {
        ApiClient api = new ApiClient(port);
        var document = api.call("GET", "/v3/api-docs", null, null);
        api.expect(document, 200);
        Path dir = Files.createDirectories(Path.of("target", "redocly").toAbsolutePath());
        Path spec = dir.resolve("openapi.json");
        Files.writeString(spec, document.body());
        // One rule off, for a reason: info-license wants a license in the document, and the project has not
        // chosen one; the document does not make one up.
        Files.writeString(dir.resolve("redocly.yaml"), "extends:\n  - recommended\nrules:\n  info-license: off\n");

        Path log = dir.resolve("lint.log");
        Process lint = new ProcessBuilder(List.of(
                        "npx",
                        "--yes",
                        REDOCLY,
                        "lint",
                        "--config",
                        dir.resolve("redocly.yaml").toString(),
                        spec.toString()))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(lint.waitFor(5, TimeUnit.MINUTES)).as("redocly finished").isTrue();
        String output = Files.readString(log);
        assertThat(lint.exitValue()).as(output).isZero();
        assertThat(output).as("no warnings either").contains("is valid").doesNotContainPattern("You have \\d+ warning");
    }
}
