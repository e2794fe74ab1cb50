package dev.stateset.console.job;

import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.workspace.WorkspaceRole;
import dev.stateset.console.workspace.WorkspaceService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a job's artifact (its jar) may be, and the store of uploaded jars. An artifact is one of:
 * <ul>
 *   <li>{@code builtin:demo-jobs}: the demo jobs built into the console;</li>
 *   <li>{@code upload:<sha256>}: a jar uploaded through the UI or the API into the console's artifact store (streamed,
 *       size-limited, checked to be a jar);</li>
 *   <li>{@code cluster:<jar id>}: a jar the Flink cluster already has (Flink's {@code /jars});</li>
 *   <li>{@code file:<path>}: a jar in a directory an admin allow-listed ({@code stateset.artifacts.allowed-dirs}).</li>
 * </ul>
 * Never an arbitrary server path: an editor once made Start read {@code /etc/shadow} and the console's own database and
 * upload them to Flink, and "does not exist" versus other errors told which files existed. A path outside the allowed
 * directories is refused with one message, without touching the file system.
 */
@Service
public class JobArtifacts {

    /** The built-in demo jobs ({@link BuiltinJobJar}); the same name as the embedded engine's {@code DemoJobJar.ARTIFACT}. */
    public static final String BUILTIN = "builtin:demo-jobs";

    public static final String UPLOAD = "upload:";
    public static final String CLUSTER = "cluster:";
    public static final String FILE = "file:";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern CLUSTER_JAR = Pattern.compile("[A-Za-z0-9._-]{1,200}\\.jar");

    /** A jar just uploaded: its artifact reference for a job, and what the console read from it. */
    public record UploadedArtifact(String artifact, String fileName, long sizeBytes, String sha256, String mainClass) {}

    /** What starting a job needs: a jar on the console's disk to upload, or the id of one the cluster has. */
    public record Launchable(Path localJar, String clusterJarId) {}

    private final ArtifactProperties properties;
    private final ObjectProvider<BuiltinJobJar> demo;
    private final WorkspaceService workspaces;
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    JobArtifacts(
            ArtifactProperties properties,
            ObjectProvider<BuiltinJobJar> demo,
            WorkspaceService workspaces,
            AuditLog audit,
            TransactionTemplate transactions) {
        this.properties = properties;
        this.demo = demo;
        this.workspaces = workspaces;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** The built-in demo jobs' entry classes; empty when this console has none. */
    public java.util.List<String> builtinEntryClasses() {
        BuiltinJobJar jar = demo.getIfAvailable();
        return jar == null ? java.util.List.of() : jar.entryClasses();
    }

    /** Why this artifact cannot be a job's, if it cannot; blank is allowed (the job then cannot start). */
    public Optional<String> problem(String artifact) {
        String value = artifact == null ? "" : artifact.strip();
        if (value.isEmpty() || value.equals(BUILTIN)) {
            return Optional.empty();
        }
        if (value.startsWith(UPLOAD)) {
            String sha = value.substring(UPLOAD.length());
            return SHA256.matcher(sha).matches() && Files.isRegularFile(stored(sha))
                    ? Optional.empty()
                    : Optional.of("No uploaded jar " + value + ": upload the jar first");
        }
        if (value.startsWith(CLUSTER)) {
            return CLUSTER_JAR.matcher(value.substring(CLUSTER.length())).matches()
                    ? Optional.empty()
                    : Optional.of("A cluster jar is named by Flink's jar id, e.g. cluster:3f2a…_job.jar");
        }
        if (namesServerFile(value)) {
            return allowedFile(value).isPresent() ? Optional.empty() : Optional.of(notAllowed());
        }
        return Optional.of("Choose a jar: upload one, pick the built-in demo jobs (" + BUILTIN
                + "), a jar the cluster has (cluster:<jar id>), "
                + "or a file in a directory an admin allowed (file:<path>)");
    }

    /** The jar to start the job with; refused as at save time (the allow-list may have changed since). */
    public Launchable resolve(String artifact) {
        String value = artifact == null ? "" : artifact.strip();
        if (value.isEmpty()) {
            throw InvalidInputException.of("artifact", "The job has no artifact (job jar); edit the job first");
        }
        if (namesServerFile(value)) {
            // checked (and resolved) once: the allow-list may have changed since the job was saved
            return new Launchable(
                    allowedFile(value).orElseThrow(() -> InvalidInputException.of("artifact", notAllowed())), null);
        }
        problem(value).ifPresent(message -> {
            throw InvalidInputException.of("artifact", message);
        });
        if (value.equals(BUILTIN)) {
            BuiltinJobJar jar = demo.getIfAvailable();
            if (jar == null) {
                throw InvalidInputException.of("artifact", "The built-in demo jobs are not available in this console");
            }
            return new Launchable(jar.path(), null);
        }
        if (value.startsWith(UPLOAD)) {
            return new Launchable(stored(value.substring(UPLOAD.length())), null);
        }
        return new Launchable(null, value.substring(CLUSTER.length()));
    }

    /** {@code file:<path>}, or a bare server path as older jobs stored it. */
    private static boolean namesServerFile(String value) {
        return value.startsWith(FILE) || value.startsWith("/") || value.matches("^[A-Za-z]:\\\\.*");
    }

    /**
     * Stores an uploaded jar, streamed to disk (never whole in memory), refused past the size limit or when it is not a
     * jar; an editor of the workspace uploads. The same content is stored once.
     */
    public UploadedArtifact upload(long workspaceId, String fileName, InputStream content) {
        workspaces.get(workspaceId).requireRole(WorkspaceRole.EDITOR, "Uploading job jars");
        String name = fileName == null || fileName.isBlank()
                ? "job.jar"
                : Path.of(fileName.strip()).getFileName().toString();
        long limit = properties.maxSize().toBytes();
        Path temp = null;
        try {
            Files.createDirectories(properties.dir());
            temp = Files.createTempFile(properties.dir(), "upload-", ".part");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size;
            try (InputStream in = content;
                    OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
                size = copyAtMost(in, out, limit);
            }
            if (size > limit) {
                throw InvalidInputException.of(
                        "file",
                        "The jar is larger than the limit of "
                                + properties.maxSize().toMegabytes() + " MB (stateset.artifacts.max-size)");
            }
            String mainClass = requireJar(temp);
            String digest = HexFormat.of().formatHex(sha.digest());
            Files.move(temp, stored(digest), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
            UploadedArtifact uploaded = new UploadedArtifact(UPLOAD + digest, name, size, digest, mainClass);
            transactions.executeWithoutResult(tx -> audit.record(
                    workspaceId,
                    "artifact.upload",
                    "artifact",
                    null,
                    "name=" + name + ", sha256=" + digest + ", bytes=" + size));
            return uploaded;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the uploaded jar: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a leftover .part file is harmless and never referenced
                }
            }
        }
    }

    /** Copies up to limit + 1 bytes, so that "too large" is known without reading the rest. */
    private static long copyAtMost(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > limit) {
                return total;
            }
            out.write(buffer, 0, n);
        }
        return total;
    }

    /** A jar is a zip with classes in it; returns its manifest's Main-Class, if any. */
    private static String requireJar(Path file) {
        try (JarFile jar = new JarFile(file.toFile())) {
            boolean classes = jar.stream().anyMatch(e -> e.getName().endsWith(".class"));
            if (!classes) {
                throw InvalidInputException.of("file", "The file is a zip without Java classes, not a job jar");
            }
            return jar.getManifest() == null
                    ? null
                    : jar.getManifest().getMainAttributes().getValue("Main-Class");
        } catch (IOException | SecurityException e) {
            throw InvalidInputException.of("file", "The file is not a jar (a zip archive of Java classes)");
        }
    }

    private Optional<Path> allowedFile(String value) {
        String text = value.startsWith(FILE) ? value.substring(FILE.length()) : value;
        Path path;
        try {
            path = Path.of(text).toAbsolutePath().normalize();
        } catch (RuntimeException invalid) {
            return Optional.empty();
        }
        for (Path allowed : properties.allowedDirs()) {
            if (path.startsWith(allowed) && path.getFileName().toString().endsWith(".jar")) {
                try {
                    // Inside an allowed directory an editor may learn what exists: that is what it was allowed for.
                    Path real = path.toRealPath();
                    if (real.startsWith(allowed.toRealPath()) && Files.isRegularFile(real)) {
                        return Optional.of(real);
                    }
                } catch (IOException missing) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private String notAllowed() {
        return "Job jars are uploaded, built in, on the cluster, or in a directory an admin allowed"
                + (properties.allowedDirs().isEmpty()
                        ? " (none is: stateset.artifacts.allowed-dirs)"
                        : " " + properties.allowedDirs())
                + "; other server paths are not read";
    }

    private Path stored(String sha256) {
        return properties.dir().resolve(sha256 + ".jar");
    }
}
