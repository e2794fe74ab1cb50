package dev.stateset.console.stateset;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ResourceNotFoundException;
import dev.stateset.console.engine.inspect.SnapshotContentsReader;
import dev.stateset.console.engine.inspect.SnapshotContentsReader.SnapshotContents;
import dev.stateset.console.job.JobLauncher;
import dev.stateset.console.job.JobService;
import dev.stateset.console.stateset.internal.SnapshotEntity;
import dev.stateset.console.stateset.internal.SnapshotRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiFunction;
import org.springframework.stereotype.Service;

/**
 * What completed snapshots hold, operator by operator and state by state, and how two of them differ. A completed
 * snapshot never changes, so each one is read once (Flink's readers, from whatever storage holds it) and kept.
 */
@Service
public class SnapshotContentsService {

    private final SnapshotRepository snapshots;
    private final JobService jobs;
    private final JobLauncher launcher;
    private final SnapshotContentsReader reader;
    /** By snapshot id and location: a re-registered location is a different snapshot. */
    private final Cache<String, SnapshotContents> read =
            Caffeine.newBuilder().maximumSize(500).build();

    SnapshotContentsService(
            SnapshotRepository snapshots, JobService jobs, JobLauncher launcher, SnapshotContentsReader reader) {
        this.snapshots = snapshots;
        this.jobs = jobs;
        this.launcher = launcher;
        this.reader = reader;
    }

    /** What the job's snapshot holds; the snapshot must be the job's own and COMPLETED. */
    public SnapshotContents contents(long workspaceId, long jobId, long snapshotId) {
        SnapshotEntity snapshot = completed(workspaceId, snapshotId, "snapshotId");
        if (snapshot.getJobId() != jobId) {
            throw new ResourceNotFoundException("Snapshot");
        }
        return contentsOf(snapshot);
    }

    /**
     * How {@code otherId} (any job of the workspace) differs from the job's snapshot {@code snapshotId}: operators and
     * states added, removed and changed in size, biggest growth first.
     */
    public SnapshotComparison compare(long workspaceId, long jobId, long snapshotId, long otherId) {
        SnapshotContents base = contents(workspaceId, jobId, snapshotId);
        SnapshotContents other = contentsOf(completed(workspaceId, otherId, "otherId"));
        return SnapshotComparison.of(snapshotId, base, otherId, other);
    }

    /** The contents of a COMPLETED snapshot of any job of the workspace (for a restore into another job). */
    SnapshotContents contentsOf(SnapshotEntity snapshot) {
        return read.get(snapshot.getId() + "@" + snapshot.getLocation(), key -> readWithJobClasses(snapshot));
    }

    private SnapshotContents readWithJobClasses(SnapshotEntity snapshot) {
        return withJobClasses(snapshot, (classes, jar) -> reader.read(snapshot.getLocation(), classes));
    }

    /**
     * Runs {@code read} with a class loader that resolves the job's own types (POJO state, its serializers, named in
     * the snapshot) from its jar, and the jar when the console has it; the console's loader and none otherwise.
     */
    <T> T withJobClasses(SnapshotEntity snapshot, BiFunction<ClassLoader, Optional<Path>, T> read) {
        Optional<Path> jar = launcher.localJar(snapshot.getJobId());
        if (jar.isEmpty()) {
            return read.apply(getClass().getClassLoader(), jar);
        }
        try (URLClassLoader classes =
                new URLClassLoader(new URL[] {url(jar.get())}, getClass().getClassLoader())) {
            return read.apply(classes, jar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * A COMPLETED snapshot of any job of the workspace.
     *
     * @param field the request field that named it, for the error
     */
    SnapshotEntity completed(long workspaceId, Long snapshotId, String field) {
        if (snapshotId == null) {
            throw InvalidInputException.of(field, "Choose a snapshot");
        }
        SnapshotEntity snapshot =
                snapshots.findById(snapshotId).orElseThrow(() -> new ResourceNotFoundException("Snapshot"));
        try {
            jobs.get(workspaceId, snapshot.getJobId());
        } catch (ResourceNotFoundException otherWorkspace) {
            throw new ResourceNotFoundException("Snapshot");
        }
        if (snapshot.getStatus() != SnapshotStatus.COMPLETED || snapshot.getLocation() == null) {
            throw InvalidInputException.of(
                    field, "Snapshot " + snapshotId + " is " + snapshot.getStatus() + "; choose a COMPLETED one");
        }
        return snapshot;
    }
}
