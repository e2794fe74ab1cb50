package dev.stateset.console.storage.local;

import dev.stateset.console.storage.SnapshotStorage;
import dev.stateset.console.storage.SnapshotStorage.StoredCheckpoint;
import dev.stateset.console.storage.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Snapshot storage on the local disk (the zero-configuration default), below one root directory. */
public class LocalSnapshotStorage implements SnapshotStorage {

    private final Path root;

    public LocalSnapshotStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new StorageException(
                    "Cannot create the snapshot storage root " + this.root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String snapshotDirectory(long workspaceId, long jobId) {
        return uri(root.resolve("snapshots").resolve("ws-" + workspaceId).resolve("job-" + jobId));
    }

    @Override
    public String snapshotDirectory(long workspaceId, long jobId, long snapshotId) {
        return uri(root.resolve("snapshots")
                .resolve("ws-" + workspaceId)
                .resolve("job-" + jobId)
                .resolve(SNAPSHOT_DIRECTORY_PREFIX + snapshotId));
    }

    @Override
    public java.util.Optional<String> completedSavepoint(String directory) {
        Path dir = resolve(directory);
        if (!Files.isDirectory(dir)) {
            return java.util.Optional.empty();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> Files.isRegularFile(p.resolve("_metadata")))
                    .map(p -> uri(p).replaceAll("/$", ""))
                    .sorted()
                    .findFirst();
        } catch (IOException | UncheckedIOException e) {
            throw new StorageException("Cannot read " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String checkpointDirectory(long workspaceId, long jobId) {
        return uri(root.resolve("checkpoints").resolve("ws-" + workspaceId).resolve("job-" + jobId));
    }

    @Override
    public boolean owns(String location) {
        try {
            resolve(location);
            return true;
        } catch (StorageException e) {
            return false;
        }
    }

    @Override
    public long sizeOf(String location) {
        Path path = resolve(location);
        if (!Files.exists(path)) {
            throw new StorageException("Nothing stored at " + location);
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(LocalSnapshotStorage::size)
                    .sum();
        } catch (IOException | UncheckedIOException e) {
            throw new StorageException("Cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void checkAccess() {
        if (!Files.isDirectory(root) || !Files.isWritable(root)) {
            throw new StorageException("The snapshot directory " + root + " is missing or not writable");
        }
    }

    @Override
    public boolean exists(String location) {
        return Files.exists(resolve(location));
    }

    @Override
    public void delete(String location) {
        Path path = resolve(location);
        if (path.equals(root)) {
            throw new StorageException("Refusing to delete the whole storage root " + root);
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException e) {
            // already gone: deleting is idempotent
        } catch (IOException | UncheckedIOException e) {
            throw new StorageException("Cannot delete " + location + ": " + e.getMessage(), e);
        }
        // A savepoint lives in its snapshot's own directory: leave no empty snapshot-N directory behind.
        Path parent = path.getParent();
        if (parent != null
                && parent.getFileName().toString().startsWith(SNAPSHOT_DIRECTORY_PREFIX)
                && parent.startsWith(root)) {
            try {
                Files.deleteIfExists(parent);
            } catch (java.nio.file.DirectoryNotEmptyException stillUsed) {
                // something else is stored there too: keep it
            } catch (IOException e) {
                throw new StorageException("Cannot delete " + uri(parent) + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public java.util.Optional<StoredCheckpoint> latestCheckpoint(long workspaceId, long jobId) {
        Path jobDir = root.resolve("checkpoints").resolve("ws-" + workspaceId).resolve("job-" + jobId);
        if (!Files.isDirectory(jobDir)) {
            return java.util.Optional.empty();
        }
        try (Stream<Path> files = Files.walk(jobDir, 3)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata")
                            && p.getParent().getFileName().toString().startsWith("chk-"))
                    .map(p -> new StoredCheckpoint(
                            p.getParent().toUri().toString().replaceAll("/$", ""), modified(p)))
                    .max(Comparator.comparing(StoredCheckpoint::completedAt));
        } catch (IOException | UncheckedIOException e) {
            throw new StorageException("Cannot read checkpoints under " + jobDir + ": " + e.getMessage(), e);
        }
    }

    private static java.time.Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> snapshotLocations(long workspaceId) {
        Path workspaceDir = root.resolve("snapshots").resolve("ws-" + workspaceId);
        if (!Files.isDirectory(workspaceDir)) {
            return List.of();
        }
        try (Stream<Path> jobs = Files.list(workspaceDir)) {
            List<String> locations = new java.util.ArrayList<>();
            for (Path job : jobs.filter(Files::isDirectory).toList()) {
                try (Stream<Path> snapshots = Files.list(job)) {
                    snapshots.filter(Files::isDirectory).forEach(s -> locations.add(uri(s)));
                }
            }
            return locations;
        } catch (IOException e) {
            throw new StorageException("Cannot list " + workspaceDir + ": " + e.getMessage(), e);
        }
    }

    /** The local path of a location, refusing anything that is not a file URI below the root. */
    Path resolve(String location) {
        URI uri;
        try {
            uri = URI.create(location);
        } catch (IllegalArgumentException e) {
            throw new StorageException("Not a valid location: " + location);
        }
        if (!"file".equals(uri.getScheme())) {
            throw new StorageException("Local storage holds only file: locations, not " + location);
        }
        Path path = Path.of(uri).toAbsolutePath().normalize();
        if (!path.startsWith(root)) {
            throw new StorageException("Location " + location + " is outside the snapshot storage root " + root);
        }
        return path;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String uri(Path path) {
        return path.toUri().toString();
    }
}
