package dev.stateset.console.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stateset.console.support.ApiClient;
import dev.stateset.console.support.Await;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The jar this build produced, extracted and started with {@code java -jar} exactly as the Docker image's entry
 * point does (no Maven, no test class path, Flink's --add-opens only from the manifest): it serves, runs the demo
 * jobs on its embedded Flink (job jar built from the packaged classes and uploaded) and completes a snapshot.
 */
class PackagedConsoleIT {

    static final String ADMIN = "admin:packaged-admin-password-1";
    Process console;

    @AfterEach
    void stop() throws InterruptedException {
        if (console != null) {
            console.destroy();
            if (!console.waitFor(30, TimeUnit.SECONDS)) {
                console.destroyForcibly();
            }
        }
    }

    @Test
    void the_extracted_jar_starts_runs_flink_jobs_and_completes_a_snapshot() throws Exception {
        Path jar = builtJar();
        Path work = Files.createDirectories(Path.of("target", "packaged-it")).toAbsolutePath();
        Path extracted = work.resolve("app");
        deleteRecursively(extracted);
        Process extract = new ProcessBuilder(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", extracted.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("extract.log").toFile()).start();
        assertThat(extract.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(extract.exitValue()).as("see %s", work.resolve("extract.log")).isZero();
        Path app = extracted.resolve(jar.getFileName());
        assertThat(app).exists();
        assertThat(extracted.resolve("lib")).isDirectory();

        int port = freePort();
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx1g", "-jar", app.toString(),
                "--server.port=" + port,
                "--spring.datasource.url=jdbc:h2:file:" + work.resolve("db/stateset") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--stateset.bootstrap.admin-password=packaged-admin-password-1",
                "--stateset.engine.embedded.rest-port=" + freePort(),
                "--stateset.engine.embedded.work-dir=" + work.resolve("flink"),
                "--stateset.storage.local.root=" + work.resolve("storage")));
        deleteRecursively(work.resolve("db"));
        console = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("console.log").toFile()).start();

        ApiClient api = new ApiClient(port);
        Await.until(Duration.ofSeconds(180), "the packaged console to be ready (see target/packaged-it/console.log)", () -> {
            assertThat(console.isAlive()).as("console process alive; see %s", work.resolve("console.log")).isTrue();
            try {
                return api.call("GET", "/actuator/health/readiness", null, null).statusCode() == 200;
            } catch (RuntimeException notYet) {
                return false;
            }
        });

        JsonNode workspaces = api.expect(api.call("GET", "/api/v1/workspaces", ADMIN, null), 200);
        long ws = workspaces.get(0).path("id").asLong();
        String jobs = "/api/v1/workspaces/" + ws + "/jobs";
        long job = Await.until(Duration.ofSeconds(120), "a demo job RUNNING on the packaged console's Flink", () -> {
            for (JsonNode j : api.expect(api.call("GET", jobs, ADMIN, null), 200)) {
                if (j.path("name").asText().equals("keyed-counter") && j.path("status").asText().equals("RUNNING")) {
                    return j.path("id").asLong();
                }
            }
            return -1L;
        }, id -> id > 0);
        String snapshots = jobs + "/" + job + "/snapshots";
        long id = api.expect(api.call("POST", snapshots, ADMIN, "{\"format\":\"CANONICAL\",\"description\":\"packaged\"}"), 202).path("id").asLong();
        JsonNode done = Await.until(Duration.ofSeconds(60), "snapshot " + id, () -> api.expect(api.call("GET", snapshots + "/" + id, ADMIN, null), 200),
                s -> !s.path("status").asText().equals("IN_PROGRESS"));
        assertThat(done.path("status").asText()).as("cause: %s", done.path("failureCause").asText()).isEqualTo("COMPLETED");
        assertThat(api.call("GET", "/login", null, null).body()).as("the production frontend bundle is served").contains("<html");
    }

    private static Path builtJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("stateset-console-.*\\.jar") && !p.toString().endsWith(".original"))
                    .findFirst().orElseThrow(() -> new AssertionError("no built jar under target/ (run `verify`, not `test`)"));
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
