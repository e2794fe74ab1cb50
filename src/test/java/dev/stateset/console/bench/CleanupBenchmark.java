package dev.stateset.console.bench;

import static dev.stateset.console.bench.Report.f;

import dev.stateset.console.policy.internal.RetentionSelector;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.stateset.SnapshotTrigger;
import dev.stateset.console.storage.s3.S3SnapshotStorage;
import dev.stateset.console.support.LocalS3;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Cleanup against a real S3-compatible server on loopback (s3proxy): 1,000 snapshots of 100 objects each, keep the
 * newest 10. What to delete is decided by the cleanup's RetentionSelector; the files go through the S3 adapter's
 * batched delete, exactly as a cleanup run calls it.
 */
final class CleanupBenchmark {

    static final int SNAPSHOTS = 1_000;
    static final int OBJECTS = 100;
    static final int KEEP = 10;

    static Report run() throws Exception {
        Report report = new Report("Cleanup: 100,000 objects in 1,000 snapshots on S3 (s3proxy, loopback), keep 10");
        try (LocalS3 server = LocalS3.start();
                S3Client s3 = server.client()) {
            s3.createBucket(b -> b.bucket("bench"));
            S3SnapshotStorage storage = new S3SnapshotStorage(s3, "bench", "console");
            String directory = storage.snapshotDirectory(1, 1);
            String prefix = directory.substring(("s3://bench/").length());
            long uploadStart = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<?>> uploads = new ArrayList<>();
            for (int snapshot = 0; snapshot < SNAPSHOTS; snapshot++) {
                int n = snapshot;
                uploads.add(pool.submit(() -> {
                    for (int i = 0; i < OBJECTS; i++) {
                        String name = i == 0 ? "_metadata" : "op-" + i;
                        s3.putObject(
                                b -> b.bucket("bench")
                                        .key(prefix + "/savepoint-" + String.format("%04d", n) + "/" + name),
                                RequestBody.fromString("state " + n + "/" + i));
                    }
                }));
            }
            for (Future<?> upload : uploads) {
                upload.get();
            }
            pool.shutdown();
            double uploadSeconds = (System.nanoTime() - uploadStart) / 1e9;

            Instant now = Instant.parse("2026-11-29T12:00:00Z");
            List<RetentionSelector.Candidate> candidates = new ArrayList<>();
            for (int snapshot = 0; snapshot < SNAPSHOTS; snapshot++) {
                candidates.add(new RetentionSelector.Candidate(
                        snapshot,
                        SnapshotTrigger.SCHEDULED,
                        SnapshotStatus.COMPLETED,
                        now.minus(Duration.ofMinutes(10L * (SNAPSHOTS - snapshot)))));
            }
            List<RetentionSelector.Deletion> deletions = RetentionSelector.select(
                    candidates, new RetentionSelector.Rule(KEEP, Optional.empty()), now, Set.of());
            List<String> locations = deletions.stream()
                    .map(d -> directory + "/savepoint-" + String.format("%04d", d.id()))
                    .toList();

            // Reference: what s3proxy needs only to list the keys the cleanup has to find (no deletes).
            long listStart = System.nanoTime();
            long listed = 0;
            int pages = 0;
            for (var page : s3.listObjectsV2Paginator(b -> b.bucket("bench").prefix(prefix + "/"))) {
                listed += page.keyCount();
                pages++;
            }
            double listSeconds = (System.nanoTime() - listStart) / 1e9;
            // And listing one snapshot's own prefix (100 keys), as a cleanup of a single snapshot does.
            long oneStart = System.nanoTime();
            for (int n = 0; n < 20; n++) {
                String one = prefix + "/savepoint-" + String.format("%04d", n * 37) + "/";
                s3.listObjectsV2(b -> b.bucket("bench").prefix(one));
            }
            double oneSnapshotMillis = (System.nanoTime() - oneStart) / 1e6 / 20;

            long requests0 = storage.requestCount();
            long deletes0 = storage.deleteRequestCount();
            long start = System.nanoTime();
            Map<String, String> failed = storage.deleteAll(locations);
            double seconds = (System.nanoTime() - start) / 1e9;
            long requests = storage.requestCount() - requests0;
            long deleteRequests = storage.deleteRequestCount() - deletes0;
            long deletedObjects = (long) locations.size() * OBJECTS;
            long left = 0;
            for (var page : s3.listObjectsV2Paginator(b -> b.bucket("bench").prefix(prefix + "/"))) {
                left += page.keyCount();
            }
            double perThousand = requests * 1000.0 / deletedObjects;
            double deletesPerThousand = deleteRequests * 1000.0 / deletedObjects;
            report.figure(
                            "snapshots selected for deletion (keep 10)",
                            f("%,d", locations.size()),
                            "990",
                            locations.size() == SNAPSHOTS - KEEP)
                    .figure(
                            "objects deleted / objects left",
                            f("%,d / %,d", deletedObjects, left),
                            "99,000 / 1,000",
                            left == (long) KEEP * OBJECTS && failed.isEmpty())
                    .figure("objects deleted per second", f("%,.0f", deletedObjects / seconds), "", null)
                    .figure(
                            "DeleteObjects requests per 1,000 objects deleted",
                            f("%.2f", deletesPerThousand),
                            "≤ 1.1",
                            deletesPerThousand <= 1.1)
                    .figure(
                            "all S3 requests per 1,000 objects (with the listings that find the keys)",
                            f("%.2f", perThousand),
                            "",
                            null)
                    .figure("wall time of the delete", f("%.1f s", seconds), "≤ 30 s", seconds <= 30)
                    .figure(
                            "reference: s3proxy only listing the job directory",
                            f("%.1f s (%,d keys, %d pages)", listSeconds, listed, pages),
                            "",
                            null)
                    .figure(
                            "reference: s3proxy listing one snapshot's prefix (100 keys)",
                            f("%.0f ms", oneSnapshotMillis),
                            "",
                            null)
                    .note(f(
                            "Upload of the 100,000 objects (16 threads, not measured as cleanup): %.1f s. Requests counted by the adapter.",
                            uploadSeconds));
        }
        return report;
    }
}
