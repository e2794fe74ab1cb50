package dev.stateset.console.support;

import dev.stateset.console.storage.SnapshotStorage;
import dev.stateset.console.storage.StorageException;

/**
 * The real storage, except that deletes (and the access check) fail while a test says the storage is down, and
 * listings fail while a test says listing is refused.
 */
public final class FaultInjectingStorage implements SnapshotStorage {

    private final SnapshotStorage delegate;
    private volatile boolean deletesFail;
    private volatile boolean listingsFail;

    public FaultInjectingStorage(SnapshotStorage delegate) {
        this.delegate = delegate;
    }

    public void failDeletes(boolean fail) {
        deletesFail = fail;
    }

    public void failListings(boolean fail) {
        listingsFail = fail;
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
            throw new dev.stateset.console.storage.StorageException("Access Denied (Service: S3, Status Code: 403) while listing snapshots");
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
