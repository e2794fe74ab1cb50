package dev.stateset.console.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One Flink version's jars from the Maven repository and a stateful job compiled against them, built by the nested
 * project {@code src/it/flink-versions} (once per version and clean build) into {@code target/flink-versions/<version>}:
 * a session cluster of that version starts from {@link #classPath()}, and {@link #jobJar()} is what a team deploys.
 */
public record FlinkVersionBuild(String version, Path lib, Path jobJar) {

    public static final String JOB_CLASS = "dev.stateset.versioned.VersionedCounterJob";

    public static synchronized FlinkVersionBuild of(String version) {
        Path output = Path.of("target", "flink-versions", version).toAbsolutePath();
        FlinkVersionBuild build =
                new FlinkVersionBuild(version, output.resolve("lib"), output.resolve("versioned-counter.jar"));
        if (Files.isRegularFile(build.jobJar()) && Files.isDirectory(build.lib())) {
            return build;
        }
        Path log = output.resolveSibling(version + "-build.log");
        try {
            Files.createDirectories(output);
            Process maven = new ProcessBuilder(
                            Path.of(mvnw()).toAbsolutePath().toString(),
                            "-q",
                            "-B",
                            "-f",
                            Path.of("src", "it", "flink-versions", "pom.xml").toString(),
                            "-Dflink.version=" + version,
                            "-Doutput=" + output,
                            "package")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!maven.waitFor(10, TimeUnit.MINUTES)) {
                maven.destroyForcibly();
                throw new IllegalStateException("Building Flink " + version + " took over 10 minutes; see " + log);
            }
            if (maven.exitValue() != 0 || !Files.isRegularFile(build.jobJar())) {
                throw new IllegalStateException(
                        "Building Flink " + version + " failed (" + maven.exitValue() + "): " + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return build;
    }

    /** The cluster's class path: the version's jars only, none of the console's. */
    public String classPath() {
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.filter(p -> p.toString().endsWith(".jar"))
                    .map(Path::toString)
                    .sorted()
                    .collect(Collectors.joining(File.pathSeparator));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> jobArguments(Path countsDir) {
        return List.of("--keys", "3", "--rate", "50", "--counts-dir", countsDir.toString());
    }

    private static String mvnw() {
        return System.getProperty("os.name").toLowerCase().contains("win") ? "mvnw.cmd" : "mvnw";
    }
}
