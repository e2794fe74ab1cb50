package dev.stateset.console.storage;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code /actuator/health/storage}: the snapshot storage answers and may be written (local directory or S3 bucket). */
@Component
class StorageHealthIndicator implements HealthIndicator {

    private final SnapshotStorage storage;

    StorageHealthIndicator(SnapshotStorage storage) {
        this.storage = storage;
    }

    @Override
    public Health health() {
        try {
            storage.checkAccess();
            return Health.up().build();
        } catch (StorageException e) {
            return Health.down().withDetail("problem", e.getMessage()).build();
        }
    }
}
