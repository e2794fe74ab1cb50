package dev.stateset.console.stateset.internal;

import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobEngines;
import dev.stateset.console.storage.SnapshotStorage;
import dev.stateset.console.storage.StorageException;
import java.util.Collection;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Deletes a snapshot's files: in the console's storage there, a savepoint outside it (registered from elsewhere) through Flink. */
@Component
public class SnapshotFiles {

    private final SnapshotStorage storage;
    private final JobEngines engines;

    SnapshotFiles(SnapshotStorage storage, JobEngines engines) {
        this.storage = storage;
        this.engines = engines;
    }

    /** Whether the files are in the console's storage (and so can go in one batched {@link #deleteOwned} call). */
    public boolean owned(String location) {
        return storage.owns(location);
    }

    /**
     * @throws StorageException or an engine exception when the files could not be deleted, or remain afterwards
     */
    public void delete(JobDetails job, String location) {
        if (storage.owns(location)) {
            storage.delete(location);
            if (storage.exists(location)) {
                throw new StorageException("Files remain at " + location + " after the delete");
            }
        } else {
            engines.of(job).disposeSavepoint(location);
        }
    }

    /** Deletes owned locations in one batched call; returns location → why, for those that could not be deleted. */
    public Map<String, String> deleteOwned(Collection<String> locations) {
        return storage.deleteAll(locations);
    }
}
