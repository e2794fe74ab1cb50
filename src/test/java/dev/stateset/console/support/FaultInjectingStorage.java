package dev.stateset.console.support;

import dev.stateset.console.storage.SnapshotStorage;
import dev.stateset.console.storage.StorageException;

/** The real storage, except that deletes (and the access check) fail while a test says the storage is down. */
public final class FaultInjectingStorage implements SnapshotStorage {

    private final SnapshotStorage delegate;
    private volatile boolean deletesFail;

    public FaultInjectingStorage(SnapshotStorage delegate) {
        this.delegate = delegate;
    }

    public void failDeletes(boolean fail) {
        deletesFail = fail;
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
