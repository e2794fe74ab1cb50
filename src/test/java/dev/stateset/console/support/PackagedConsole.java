package dev.stateset.console.support;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * The jar this build produced, extracted and started as a separate process with {@code java -jar}, exactly as the
 * Docker image's entry point does (no Maven, no test class path, Flink's --add-opens only from the manifest). Tests
 * stop it politely or kill it with SIGKILL and start it again on the same working directory.
 */
public final class PackagedConsole implements AutoCloseable {

    private final Path app;
    private final Path workDir;
    private final List<String> arguments;
    private final int port;
    private Process process;
    private int starts;

    private PackagedConsole(Path app, Path workDir, int port, List<String> arguments) {
        this.app = app;
        this.workDir = workDir;
        this.port = port;
        this.arguments = arguments;
    }

    /**
     * Extracts the built jar by layers and puts the layers together under {@code target/<name>/app}, as the image's
     * {@code COPY} of each layer does (docker/Dockerfile), and prepares a console whose working directory is
     * {@code target/<name>/run}, emptied first, so that its defaults ({@code ./data/...}) land there.
     */
    public static PackagedConsole prepare(String name, String... arguments) throws IOException, InterruptedException {
        Path jar = builtJar();
        Path base = Files.createDirectories(Path.of("target", name)).toAbsolutePath();
        Path layers = base.resolve("layers");
        Path extracted = base.resolve("app");
        deleteRecursively(layers);
        deleteRecursively(extracted);
        Process extract = new ProcessBuilder(
                        java(),
                        "-Djarmode=tools",
                        "-jar",
                        jar.toString(),
                        "extract",
                        "--layers",
                        "--destination",
                        layers.toString())
                .redirectErrorStream(true)
                .redirectOutput(base.resolve("extract.log").toFile())
                .start();
        assertThat(extract.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(extract.exitValue())
                .as("see %s", base.resolve("extract.log"))
                .isZero();
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            copyInto(layers.resolve(layer), extracted);
        }
        Path app = extracted.resolve(jar.getFileName());
        assertThat(app).exists();
        assertThat(extracted.resolve("lib")).isDirectory();
        Path run = base.resolve("run");
        deleteRecursively(run);
        Files.createDirectories(run);
        return new PackagedConsole(app, run, freePort(), List.of(arguments));
    }

    private static void copyInto(Path layer, Path target) throws IOException {
        if (!Files.isDirectory(layer)) {
            return; // an empty layer (e.g. no snapshot dependencies) is not written
        }
        try (var files = Files.walk(layer)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(layer.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }

    /** Starts the console (again) and waits until it is ready. */
    public ApiClient start() throws IOException {
        starts++;
        List<String> command = new ArrayList<>(List.of(
                java(),
                "-Xmx1g",
                "-jar",
                app.toString(),
                "--server.port=" + port,
                "--stateset.engine.embedded.rest-port=" + freePort()));
        command.addAll(arguments);
        Path log = workDir.resolve("console-" + starts + ".log");
        process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ApiClient api = new ApiClient(port);
        Await.until(Duration.ofSeconds(180), "the packaged console to be ready (see " + log + ")", () -> {
            assertThat(process.isAlive())
                    .as("console process alive; see %s", log)
                    .isTrue();
            try {
                return api.call("GET", "/actuator/health/readiness", null, null).statusCode() == 200;
            } catch (RuntimeException notYet) {
                return false;
            }
        });
        return api;
    }

    /** SIGKILL: no shutdown hook, no flush, no hand-over; the embedded Flink dies with it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS))
                .as("killed console exits")
                .isTrue();
    }

    /** The operating system's process id of the running console. */
    public long pid() {
        return process.pid();
    }

    public Path workDir() {
        return workDir;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static Path builtJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("stateset-console-.*\\.jar")
                            && !p.toString().endsWith(".original"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no built jar under target/ (run `verify`, not `test`)"));
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
                paths.sorted(java.util.Comparator.reverseOrder())
                        .map(Path::toFile)
                        .forEach(File::delete);
            }
        }
    }
}
