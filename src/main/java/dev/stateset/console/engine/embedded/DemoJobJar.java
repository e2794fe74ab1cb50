package dev.stateset.console.engine.embedded;

import dev.stateset.console.engine.embedded.demo.KeyedCounterJob;
import dev.stateset.console.engine.embedded.demo.LatestCountsSink;
import dev.stateset.console.engine.embedded.demo.OrderTotalsJob;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds the demo jobs' jar from the console's own compiled classes, so no prebuilt binary is committed and the
 * jar always matches the code. The jar holds only the demo classes (Flink's classes come from the cluster), so it
 * can be uploaded through {@code /jars/upload} to the embedded cluster or to any remote one.
 */
public final class DemoJobJar {

    /** The artifact value that stands for this jar in a job definition. */
    public static final String ARTIFACT = "builtin:demo-jobs";

    static final List<Class<?>> ROOTS = List.of(KeyedCounterJob.class, OrderTotalsJob.class, LatestCountsSink.class);

    private DemoJobJar() {}

    /** Writes the jar to {@code target} (replacing it atomically) and returns its path. */
    /** The jar's jobs (classes with a main method), the manifest's Main-Class first. */
    public static final List<String> ENTRY_CLASSES =
            List.of(KeyedCounterJob.class.getName(), OrderTotalsJob.class.getName());

    public static Path write(Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, KeyedCounterJob.class.getName());
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "demo-jobs", ".jar.tmp");
        try (OutputStream file = Files.newOutputStream(tmp);
                JarOutputStream jar = new JarOutputStream(file, manifest)) {
            for (String entry : classEntries()) {
                try (InputStream in = DemoJobJar.class.getClassLoader().getResourceAsStream(entry)) {
                    if (in == null) {
                        throw new IOException("Class file not found on the class path: " + entry);
                    }
                    jar.putNextEntry(new JarEntry(entry));
                    in.transferTo(jar);
                    jar.closeEntry();
                }
            }
        }
        return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Class files of the demo package: the root classes and their nested classes. */
    static List<String> classEntries() {
        List<String> entries = new ArrayList<>();
        for (Class<?> root : ROOTS) {
            entries.add(root.getName().replace('.', '/') + ".class");
            for (Class<?> nested : root.getDeclaredClasses()) {
                entries.add(nested.getName().replace('.', '/') + ".class");
            }
        }
        return entries;
    }
}
