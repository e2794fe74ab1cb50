package dev.stateset.console.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.stateset.SnapshotService;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.stateset.StateSetService;
import dev.stateset.console.storage.SnapshotStorage;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.LocalS3;
import dev.stateset.console.workspace.WorkspaceService;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The console on S3-compatible storage: the embedded Flink cluster writes savepoints to s3:// (flink-s3-fs-hadoop),
 * the console sizes and deletes them through AWS SDK v2, and reports objects no record owns.
 */
@SpringBootTest
@ActiveProfiles("test")
class SnapshotsOnS3IT {

    static final LocalS3 SERVER = start();

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        try (S3Client client = SERVER.client()) {
            client.createBucket(b -> b.bucket("flink-state"));
        }
        registry.add("stateset.storage.type", () -> "s3");
        registry.add("stateset.storage.s3.bucket", () -> "flink-state");
        registry.add("stateset.storage.s3.prefix", () -> "console");
        registry.add("stateset.storage.s3.endpoint", () -> SERVER.endpoint().toString());
        registry.add("stateset.storage.s3.access-key", () -> LocalS3.ACCESS_KEY);
        registry.add("stateset.storage.s3.secret-key", () -> LocalS3.SECRET_KEY);
        registry.add(
                "stateset.engine.embedded.flink.s3.endpoint",
                () -> SERVER.endpoint().toString());
        registry.add("stateset.engine.embedded.flink.s3.path.style.access", () -> "true");
        registry.add("stateset.engine.embedded.flink.s3.access-key", () -> LocalS3.ACCESS_KEY);
        registry.add("stateset.engine.embedded.flink.s3.secret-key", () -> LocalS3.SECRET_KEY);
        registry.add("stateset.engine.embedded.flink.s3.endpoint.region", () -> "us-east-1");
    }

    @Autowired
    SnapshotService snapshots;

    @Autowired
    StateSetService stateSets;

    @Autowired
    SnapshotStorage storage;

    @Autowired
    JobService jobs;

    @Autowired
    WorkspaceService workspaces;

    @AfterAll
    static void stop() throws Exception {
        SERVER.close();
    }

    @Test
    void a_snapshot_is_written_to_s3_sized_and_deleted_there_and_strays_are_reported() {
        Demo demo = Demo.find(workspaces, jobs);
        Await.until(
                Duration.ofSeconds(60),
                "keyed-counter RUNNING",
                () -> SystemIdentity.call(() -> {
                    jobs.refreshFromEngine(demo.workspaceId());
                    return jobs.get(demo.workspaceId(), demo.keyedCounterJobId())
                                    .status()
                            == JobStatus.RUNNING;
                }));
        JobSnapshot created = SystemIdentity.call(() ->
                snapshots.create(demo.workspaceId(), demo.keyedCounterJobId(), SnapshotFormat.CANONICAL, "on s3"));
        JobSnapshot done = Await.until(
                Duration.ofSeconds(60),
                "snapshot on S3",
                () -> find(demo, created.id()),
                s -> s.status() != SnapshotStatus.IN_PROGRESS);
        assertThat(done.status()).as("cause: %s", done.failureCause()).isEqualTo(SnapshotStatus.COMPLETED);
        assertThat(done.location())
                .startsWith("s3://flink-state/console/snapshots/ws-" + demo.workspaceId() + "/job-"
                        + demo.keyedCounterJobId() + "/");
        assertThat(done.sizeBytes()).isPositive().isEqualTo(storage.sizeOf(done.location()));

        try (S3Client client = SERVER.client()) {
            client.putObject(
                    b -> b.bucket("flink-state")
                            .key("console/snapshots/ws-" + demo.workspaceId() + "/job-999/savepoint-stray/_metadata"),
                    RequestBody.fromString("stray"));
        }
        assertThat(SystemIdentity.call(() -> stateSets.orphanedSnapshotLocations(demo.workspaceId())))
                .containsExactly(
                        "s3://flink-state/console/snapshots/ws-" + demo.workspaceId() + "/job-999/savepoint-stray");

        SystemIdentity.run(() -> snapshots.delete(demo.workspaceId(), demo.keyedCounterJobId(), done.id()));
        assertThat(storage.exists(done.location()))
                .as("objects of the deleted snapshot")
                .isFalse();
        assertThat(find(demo, done.id()).status()).isEqualTo(SnapshotStatus.DELETED);
    }

    private JobSnapshot find(Demo demo, long id) {
        return SystemIdentity.call(() ->
                stateSets
                        .snapshots(demo.workspaceId(), demo.keyedCounterJobId(), Set.of(), PageRequest.of(0, 100))
                        .stream()
                        .filter(s -> s.id() == id)
                        .findFirst()
                        .orElseThrow());
    }

    private static LocalS3 start() {
        try {
            return LocalS3.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
