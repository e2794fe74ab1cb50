package dev.stateset.console.support;

import dev.stateset.console.storage.SnapshotStorage;
import dev.stateset.console.storage.StorageException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The real storage, except that deletes (and the access check) fail while a test says the storage is down, listings
 * fail while a test says listing is refused, and sizing a finished savepoint waits while a test holds it (so a snapshot
 * stays IN_PROGRESS, deterministically, until the test has looked).
 */
public final class FaultInjectingStorage implements SnapshotStorage {

    /** Puts this storage in front of the real one; every test context imports it. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {
        @Bean
        @Primary
        FaultInjectingStorage faultInjectingStorage(@Qualifier("snapshotStorage") SnapshotStorage real) {
            return new FaultInjectingStorage(real);
        }
    }

    private final SnapshotStorage delegate;
    private volatile boolean deletesFail;
    private volatile boolean listingsFail;
    private volatile java.util.concurrent.CountDownLatch sizingHeld;
    private final java.util.Set<Long> blockedSnapshotJobs = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public FaultInjectingStorage(SnapshotStorage delegate) {
        this.delegate = delegate;
    }

    public void failDeletes(boolean fail) {
        deletesFail = fail;
    }

    public void failListings(boolean fail) {
        listingsFail = fail;
    }

    /** Snapshots that finish on Flink wait before their size is read, and so stay IN_PROGRESS, until {@link #releaseSizing()}. */
    public void holdSizing() {
        sizingHeld = new java.util.concurrent.CountDownLatch(1);
    }

    public void releaseSizing() {
        java.util.concurrent.CountDownLatch held = sizingHeld;
        sizingHeld = null;
        if (held != null) {
            held.countDown();
        }
    }

    /**
     * New snapshots of the job get a directory Flink cannot write: its parent is a regular file, so Flink's savepoint
     * fails for real (a "not a directory" / "file exists" error), the way a mistyped or read-only path fails.
     */
    public void blockSnapshots(long jobId, boolean blocked) {
        if (blocked) {
            blockedSnapshotJobs.add(jobId);
        } else {
            blockedSnapshotJobs.remove(jobId);
        }
    }

    @Override
    public String snapshotDirectory(long workspaceId, long jobId, long snapshotId) {
        if (blockedSnapshotJobs.contains(jobId)) {
            try {
                java.nio.file.Path file = java.nio.file.Path.of("target", "test-data", "blocked-snapshots-" + jobId)
                        .toAbsolutePath();
                java.nio.file.Files.createDirectories(file.getParent());
                if (!java.nio.file.Files.exists(file)) {
                    java.nio.file.Files.writeString(file, "a file where a directory should be");
                }
                return file.toUri() + "/snapshot-" + snapshotId;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return delegate.snapshotDirectory(workspaceId, jobId, snapshotId);
    }

    @Override
    public java.util.Optional<String> completedSavepoint(String directory) {
        return delegate.completedSavepoint(directory);
    }

    @Override
    public String snapshotDirectory(long workspaceId, long jobId) {
        return delegate.snapshotDirectory(workspaceId, jobId);
    }

    @Override
    public String checkpointDirectory(long workspaceId, long jobId) {
        return delegate.checkpointDirectory(workspaceId, jobId);
    }

    @Override
    public boolean owns(String location) {
        return delegate.owns(location);
    }

    @Override
    public long sizeOf(String location) {
        java.util.concurrent.CountDownLatch held = sizingHeld;
        if (held != null) {
            try {
                if (!held.await(2, java.util.concurrent.TimeUnit.MINUTES)) {
                    throw new StorageException("Sizing was held by a test that never released it");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("Interrupted while sizing was held");
            }
        }
        return delegate.sizeOf(location);
    }

    @Override
    public void checkAccess() {
        if (deletesFail) {
            throw new StorageException("Injected storage outage");
        }
        delegate.checkAccess();
    }

    @Override
    public boolean exists(String location) {
        return delegate.exists(location);
    }

    @Override
    public java.util.Optional<StoredCheckpoint> latestCheckpoint(long workspaceId, long jobId) {
        return delegate.latestCheckpoint(workspaceId, jobId);
    }

    @Override
    public java.util.List<String> snapshotLocations(long workspaceId) {
        if (listingsFail) {
            throw new dev.stateset.console.storage.StorageException(
                    "Access Denied (Service: S3, Status Code: 403) while listing snapshots");
        }
        return delegate.snapshotLocations(workspaceId);
    }

    @Override
    public void delete(String location) {
        if (deletesFail) {
            throw new StorageException("Injected storage outage while deleting " + location);
        }
        delegate.delete(location);
    }
}
