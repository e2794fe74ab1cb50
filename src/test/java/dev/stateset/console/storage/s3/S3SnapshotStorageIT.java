package dev.stateset.console.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stateset.console.storage.StorageException;
import dev.stateset.console.support.LocalS3;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 adapter against a real S3-compatible server on loopback (s3proxy). */
class S3SnapshotStorageIT {

    static LocalS3 server;
    static S3Client s3;
    static final String BUCKET = "snapshots";

    @BeforeAll
    static void startServer() throws Exception {
        server = LocalS3.start();
        s3 = server.client();
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void stopServer() throws Exception {
        s3.close();
        server.close();
    }

    @Test
    void sizes_and_deletes_more_than_a_thousand_objects_in_batches_and_spares_the_sibling_prefix() {
        S3SnapshotStorage storage = new S3SnapshotStorage(s3, BUCKET, "console");
        String job = storage.snapshotDirectory(1, 7);
        assertThat(job).isEqualTo("s3://snapshots/console/snapshots/ws-1/job-7");
        String snapshot = job + "/savepoint-ab";
        long expectedBytes = 0;
        for (int i = 0; i < 1234; i++) {
            String body = "x".repeat(1 + i % 17);
            put("console/snapshots/ws-1/job-7/savepoint-ab/op-" + i, body);
            expectedBytes += body.length();
        }
        put("console/snapshots/ws-1/job-7/savepoint-abc/_metadata", "sibling");
        put("console/snapshots/ws-1/job-7/savepoint-abc/data", "sibling data");

        assertThat(storage.sizeOf(snapshot)).isEqualTo(expectedBytes);
        assertThat(storage.exists(snapshot)).isTrue();
        assertThat(storage.snapshotLocations(1)).containsExactlyInAnyOrder(snapshot, job + "/savepoint-abc");

        long before = storage.requestCount();
        storage.delete(snapshot);
        long requests = storage.requestCount() - before;
        // 2 list pages + 2 DeleteObjects batches (1,000 + 234) = 4 requests for 1,234 objects.
        assertThat(requests).as("S3 requests for deleting 1,234 objects").isEqualTo(4);
        assertThat(storage.exists(snapshot)).isFalse();
        assertThat(keys("console/snapshots/ws-1/job-7/savepoint-ab/")).isEmpty();
        assertThat(keys("console/snapshots/ws-1/job-7/savepoint-abc/"))
                .as("sibling prefix")
                .hasSize(2);
        storage.delete(snapshot);
        assertThat(storage.sizeOf(job + "/savepoint-abc")).isEqualTo("sibling".length() + "sibling data".length());
    }

    @Test
    void deletes_many_snapshots_with_batched_requests_across_them_and_reports_the_ones_it_may_not_touch() {
        S3SnapshotStorage storage = new S3SnapshotStorage(s3, BUCKET, "console");
        List<String> doomed = new java.util.ArrayList<>();
        for (int snapshot = 0; snapshot < 12; snapshot++) {
            for (int i = 0; i < 150; i++) {
                put("console/snapshots/ws-2/job-9/savepoint-" + snapshot + "/part-" + i, "x");
            }
            if (snapshot < 10) {
                doomed.add("s3://" + BUCKET + "/console/snapshots/ws-2/job-9/savepoint-" + snapshot);
            }
        }
        String outside = "s3://" + BUCKET + "/elsewhere/savepoint-x";
        long before = storage.requestCount();
        long deletesBefore = storage.deleteRequestCount();
        List<String> locations = new java.util.ArrayList<>(doomed);
        locations.add(outside);
        var failed = storage.deleteAll(locations);
        // One listing per doomed snapshot (never the kept ones' keys) and 1,500 keys in 2 DeleteObjects, not 10.
        assertThat(storage.requestCount() - before).isEqualTo(12);
        assertThat(storage.deleteRequestCount()).isEqualTo(deletesBefore + 2);
        assertThat(failed).containsOnlyKeys(outside);
        assertThat(keys("console/snapshots/ws-2/job-9/"))
                .hasSize(300)
                .allSatisfy(k -> assertThat(k).matches("console/snapshots/ws-2/job-9/savepoint-1[01]/part-\\d+"));
    }

    @Test
    void refuses_locations_outside_its_bucket_and_root() {
        S3SnapshotStorage storage = new S3SnapshotStorage(s3, BUCKET, "console");
        put("elsewhere/precious/data", "not ours");
        assertThatThrownBy(() -> storage.delete("s3://snapshots/elsewhere/precious"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("outside the snapshot root");
        assertThatThrownBy(() -> storage.delete("s3://other-bucket/console/snapshots/ws-1"))
                .hasMessageContaining("outside the snapshot bucket");
        assertThatThrownBy(() -> storage.delete("s3://snapshots/console/../elsewhere/precious"))
                .hasMessageContaining("relative path segment");
        assertThatThrownBy(() -> storage.delete("s3://snapshots/console")).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> storage.delete("file:/tmp/x")).hasMessageContaining("only s3://");
        assertThat(storage.owns("s3://snapshots/console/snapshots/ws-1/job-1/savepoint-x"))
                .isTrue();
        assertThat(storage.owns("s3://snapshots/consoleX/snapshots")).isFalse();
        assertThat(keys("elsewhere/")).hasSize(1);
    }

    @Test
    void an_unreachable_server_is_a_storage_error_naming_the_location() throws Exception {
        LocalS3 other = LocalS3.start();
        S3Client client = other.client();
        client.createBucket(b -> b.bucket(BUCKET));
        S3SnapshotStorage storage = new S3SnapshotStorage(client, BUCKET, "");
        other.close();
        assertThatThrownBy(() -> storage.sizeOf("s3://snapshots/snapshots/ws-1/job-1/savepoint-x"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("s3://snapshots/snapshots/ws-1/job-1/savepoint-x");
        client.close();
    }

    private static void put(String key, String body) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(body));
    }

    private static List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(o -> o.key())
                .toList();
    }
}
