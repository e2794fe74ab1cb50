package dev.stateset.console.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flink session cluster as separate JVM processes — one JobManager ({@code StandaloneSessionClusterEntrypoint}),
 * one TaskManager ({@code TaskManagerRunner}) — started from the Flink jars the build already resolved (the test
 * class path), on loopback ports of its own. Nothing is shared with the console's JVM but the file system, exactly
 * like a session cluster on another host with a shared snapshot store. One per test JVM, stopped at exit.
 */
public final class FlinkSessionCluster {

    private static FlinkSessionCluster shared;

    private final Path home;
    private final URI restUrl;
    private final String classPath;
    private final List<Process> processes = new ArrayList<>();

    private FlinkSessionCluster(Path home, int restPort, String classPath) {
        this.home = home;
        this.classPath = classPath;
        this.restUrl = URI.create("http://127.0.0.1:" + restPort);
    }

    /** The cluster of this test JVM, started on first use (about 10 s). */
    public static synchronized FlinkSessionCluster shared() {
        if (shared == null) {
            try {
                shared = start(Files.createDirectories(Path.of("target", "test-data"))
                        .resolve("flink-session-" + ProcessHandle.current().pid()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "stop-flink-session-cluster"));
        }
        return shared;
    }

    static FlinkSessionCluster start(Path dir) throws IOException {
        return start(dir, System.getProperty("java.class.path"));
    }

    /**
     * A cluster of its own from these jars (e.g. another Flink version's, see {@link FlinkVersionBuild}); the caller
     * stops it.
     */
    public static FlinkSessionCluster start(Path dir, String classPath) throws IOException {
        Path home = dir.toAbsolutePath();
        Path conf = Files.createDirectories(home.resolve("conf"));
        Files.createDirectories(home.resolve("log"));
        int restPort = freePort();
        int rpcPort = freePort();
        FlinkSessionCluster cluster = new FlinkSessionCluster(home, restPort, classPath);
        Files.writeString(conf.resolve("config.yaml"), """
                jobmanager:
                  rpc: {address: 127.0.0.1, port: %d}
                  bind-host: 127.0.0.1
                  memory: {process: {size: 900m}}
                taskmanager:
                  host: 127.0.0.1
                  bind-host: 127.0.0.1
                  numberOfTaskSlots: 4
                  # What Flink's start scripts would compute and pass; TaskManagerRunner started directly needs it spelled out.
                  cpu: {cores: 4}
                  memory:
                    framework: {heap: {size: 128m}, off-heap: {size: 128m}}
                    task: {heap: {size: 384m}, off-heap: {size: 0m}}
                    managed: {size: 64m}
                    network: {min: 64m, max: 64m}
                    jvm-metaspace: {size: 256m}
                    jvm-overhead: {min: 192m, max: 192m}
                rest: {address: 127.0.0.1, bind-address: 127.0.0.1, port: %d}
                web: {upload: {dir: %s}}
                execution: {checkpointing: {dir: %s}}
                """.formatted(
                        rpcPort,
                        restPort,
                        home.resolve("uploads"),
                        home.resolve("checkpoints").toUri()));
        Files.writeString(conf.resolve("logback.xml"), """
                <configuration>
                  <appender name="file" class="ch.qos.logback.core.FileAppender">
                    <file>${log.file}</file>
                    <encoder><pattern>%d %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="file"/></root>
                </configuration>
                """);
        try {
            cluster.launch(
                    "jobmanager", "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", "-Xmx512m");
            cluster.launch("taskmanager", "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", "-Xmx512m");
            cluster.awaitSlots(Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            cluster.stop();
            throw e;
        }
        return cluster;
    }

    public URI restUrl() {
        return restUrl;
    }

    public Path home() {
        return home;
    }

    /** The operating-system processes of the cluster: none of them is the test's JVM. */
    public List<Long> pids() {
        return processes.stream().map(Process::pid).toList();
    }

    public synchronized void stop() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        processes.clear();
    }

    private void launch(String name, String mainClass, String heap) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(heap);
        // The same --add-opens/--add-exports Flink needs in the console's JVM (pom: flink.jvm.modules).
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-exports"))
                .forEach(command::add);
        command.add("-Dlog.file=" + home.resolve("log").resolve(name + ".log"));
        command.add("-Dlogback.configurationFile=" + home.resolve("conf").resolve("logback.xml"));
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.add("--configDir");
        command.add(home.resolve("conf").toString());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("log").resolve(name + ".out").toFile())
                .start();
        processes.add(process);
    }

    private void awaitSlots(Duration timeout) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Pattern slots = Pattern.compile("\"slots-total\"\\s*:\\s*(\\d+)");
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            for (Process process : processes) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "A Flink process exited with " + process.exitValue() + "; see " + home.resolve("log"));
                }
            }
            try {
                HttpResponse<String> overview = http.send(
                        HttpRequest.newBuilder(restUrl.resolve("/overview"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                last = overview.body();
                Matcher m = slots.matcher(overview.body());
                if (overview.statusCode() == 200 && m.find() && Integer.parseInt(m.group(1)) > 0) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(
                "Flink session cluster not ready after " + timeout + " (" + last + "); see " + home.resolve("log"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
