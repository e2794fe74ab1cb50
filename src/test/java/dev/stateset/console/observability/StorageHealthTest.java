package dev.stateset.console.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.support.ControlledClockTest;
import dev.stateset.console.support.FaultInjectingStorage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;

/** The storage health group follows the storage: DOWN while it fails, UP again after. */
@ControlledClockTest
class StorageHealthTest {

    @Autowired
    HealthEndpoint health;

    @Autowired
    FaultInjectingStorage storage;

    @Test
    void storage_outage_shows_in_its_health_group_and_not_in_readiness() {
        assertThat(health.healthForPath("storage").getStatus()).isEqualTo(Status.UP);
        storage.failDeletes(true);
        try {
            assertThat(health.healthForPath("storage").getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
        } finally {
            storage.failDeletes(false);
        }
        assertThat(health.healthForPath("storage").getStatus()).isEqualTo(Status.UP);
    }
}
