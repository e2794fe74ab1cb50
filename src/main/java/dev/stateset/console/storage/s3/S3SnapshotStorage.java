package dev.stateset.console.storage.s3;

import dev.stateset.console.storage.SnapshotStorage;
import dev.stateset.console.storage.SnapshotStorage.StoredCheckpoint;
import dev.stateset.console.storage.StorageException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Snapshot storage on S3-compatible object storage (AWS S3, Alibaba OSS, MinIO) through AWS SDK v2. A snapshot is
 * everything under its location's key followed by "/", so {@code …/savepoint-ab} never reaches
 * {@code …/savepoint-abc}. Sizes come from paged ListObjectsV2; deletes are batched DeleteObjects of up to 1,000 keys.
 */
public class S3SnapshotStorage implements SnapshotStorage {

    static final int DELETE_BATCH = 1000;
    /**
     * DeleteObjects requests of one cleanup in flight at once, while the listing finds the next keys. S3 takes 3,500
     * deletes a second per prefix and answers SlowDown beyond that, which the SDK retries with backoff.
     */
    static final int DELETES_IN_FLIGHT = 4;

    private final S3Client s3;
    private final String bucket;
    private final String root;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong deleteRequests = new AtomicLong();
    /** Threads of the DeleteObjects requests in flight; they end when idle. */
    private final java.util.concurrent.ThreadPoolExecutor deleters = new java.util.concurrent.ThreadPoolExecutor(
            DELETES_IN_FLIGHT,
            DELETES_IN_FLIGHT,
            30,
            java.util.concurrent.TimeUnit.SECONDS,
            new java.util.concurrent.LinkedBlockingQueue<>(),
            r -> {
                Thread t = new Thread(r, "s3-delete");
                t.setDaemon(true);
                return t;
            });

    {
        deleters.allowCoreThreadTimeOut(true);
    }

    /**
     * @param root key prefix under which the console keeps everything (no leading or trailing '/'; may be empty)
     */
    public S3SnapshotStorage(S3Client s3, String bucket, String root) {
        this.s3 = s3;
        this.bucket = bucket;
        this.root = trimSlashes(root);
    }

    @Override
    public String snapshotDirectory(long workspaceId, long jobId) {
        return location(key("snapshots/ws-" + workspaceId + "/job-" + jobId));
    }

    @Override
    public java.util.Optional<String> completedSavepoint(String directory) {
        String prefix = keyOf(directory) + "/";
        for (ListObjectsV2Response page : pages(prefix, null)) {
            for (S3Object object : page.contents()) {
                String relative = object.key().substring(prefix.length());
                // <savepoint-dir>/_metadata, exactly one level below the snapshot's directory
                if (relative.endsWith("/_metadata")
                        && relative.indexOf('/') == relative.length() - "/_metadata".length()) {
                    return java.util.Optional.of(location(prefix + relative.substring(0, relative.indexOf('/'))));
                }
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public String checkpointDirectory(long workspaceId, long jobId) {
        return location(key("checkpoints/ws-" + workspaceId + "/job-" + jobId));
    }

    @Override
    public boolean owns(String location) {
        try {
            keyOf(location);
            return true;
        } catch (StorageException e) {
            return false;
        }
    }

    @Override
    public long sizeOf(String location) {
        String prefix = keyOf(location) + "/";
        long total = 0;
        long objects = 0;
        for (ListObjectsV2Response page : pages(prefix, null)) {
            for (S3Object object : page.contents()) {
                total += object.size();
                objects++;
            }
        }
        if (objects == 0) {
            throw new StorageException("Nothing stored at " + location);
        }
        return total;
    }

    /** HeadBucket: the endpoint answers, the bucket exists and the credentials may use it. */
    @Override
    public void checkAccess() {
        call(() -> s3.headBucket(b -> b.bucket(bucket)), "s3://" + bucket);
    }

    @Override
    public boolean exists(String location) {
        String prefix = keyOf(location) + "/";
        return call(
                                () -> s3.listObjectsV2(ListObjectsV2Request.builder()
                                        .bucket(bucket)
                                        .prefix(prefix)
                                        .maxKeys(1)
                                        .build()),
                                location)
                        .keyCount()
                > 0;
    }

    @Override
    public void delete(String location) {
        StorageException failure = deleteLocations(List.of(location)).get(location);
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Batched across snapshots: each snapshot is listed on its own prefix, and the keys of all of them go out in
     * DeleteObjects of up to 1,000 keys, so 100 snapshots of 100 objects cost 100 small listings and 10 deletes. Listing
     * the whole job directory instead (fewer requests) reads every key of the snapshots that are kept as well, and a
     * store that walks a directory per page (s3proxy, measured: 50 s for 100,000 keys) makes it the cleanup's whole
     * cost; a snapshot's own prefix lists in milliseconds (cleanup benchmark).
     */
    @Override
    public java.util.Map<String, String> deleteAll(java.util.Collection<String> locations) {
        java.util.Map<String, String> failed = new java.util.LinkedHashMap<>();
        deleteLocations(locations).forEach((location, failure) -> failed.put(location, failure.getMessage()));
        return failed;
    }

    /**
     * The one delete path (a single snapshot is a batch of one): location → why it was not deleted. Up to
     * {@value #DELETES_IN_FLIGHT} DeleteObjects requests run while the listing finds the next keys; the call returns once
     * every one has answered.
     */
    private java.util.Map<String, StorageException> deleteLocations(java.util.Collection<String> locations) {
        java.util.Map<String, StorageException> failed =
                java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(DELETES_IN_FLIGHT);
        List<java.util.concurrent.Future<?>> deletes = new ArrayList<>();
        // Object key → the location it belongs to, for DeleteObjects of up to 1,000 keys across snapshots.
        java.util.Map<String, String> batch = new java.util.LinkedHashMap<>();
        try {
            for (String location : locations) {
                String key;
                try {
                    key = keyOf(location);
                } catch (StorageException e) {
                    failed.put(location, e);
                    continue;
                }
                if (key.equals(root) || key.isEmpty()) {
                    failed.put(location, new StorageException("Refusing to delete the whole storage root " + location));
                    continue;
                }
                try {
                    for (ListObjectsV2Response page : pages(key + "/", null)) {
                        for (S3Object object : page.contents()) {
                            batch.put(object.key(), location);
                            if (batch.size() == DELETE_BATCH) {
                                deletes.add(deleteSoon(batch, failed, inFlight));
                                batch = new java.util.LinkedHashMap<>();
                            }
                        }
                    }
                } catch (StorageException e) {
                    failed.putIfAbsent(location, e);
                }
            }
            if (!batch.isEmpty()) {
                deletes.add(deleteSoon(batch, failed, inFlight));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while deleting " + locations.size() + " snapshot(s)", e);
        } finally {
            for (java.util.concurrent.Future<?> delete : deletes) {
                try {
                    delete.get(); // each task records its own failures
                } catch (java.util.concurrent.ExecutionException e) {
                    // not thrown: deleteSoon's task catches everything it can fail with
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return failed;
    }

    /** Starts one DeleteObjects of the keys once fewer than {@value #DELETES_IN_FLIGHT} are in flight. */
    private java.util.concurrent.Future<?> deleteSoon(
            java.util.Map<String, String> locationByKey,
            java.util.Map<String, StorageException> failed,
            java.util.concurrent.Semaphore inFlight)
            throws InterruptedException {
        inFlight.acquire();
        try {
            return deleters.submit(() -> {
                try {
                    deleteBatch(locationByKey, failed);
                } catch (RuntimeException e) { // a StorageException, or whatever else the SDK throws
                    StorageException failure =
                            e instanceof StorageException se ? se : new StorageException(e.getMessage(), e);
                    locationByKey.values().forEach(location -> failed.putIfAbsent(location, failure));
                } finally {
                    inFlight.release();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            inFlight.release();
            throw e;
        }
    }

    private void deleteBatch(
            java.util.Map<String, String> locationByKey, java.util.Map<String, StorageException> failed) {
        deleteRequests.incrementAndGet();
        List<ObjectIdentifier> keys = locationByKey.keySet().stream()
                .map(key -> ObjectIdentifier.builder().key(key).build())
                .toList();
        java.util.Set<String> snapshots = new java.util.LinkedHashSet<>(locationByKey.values());
        String first = snapshots.iterator().next();
        DeleteObjectsResponse response = call(
                () -> s3.deleteObjects(b -> b.bucket(bucket)
                        .delete(Delete.builder().objects(keys).quiet(true).build())),
                snapshots.size() == 1 ? first : first + " and " + (snapshots.size() - 1) + " other snapshot(s)");
        if (response.hasErrors()) {
            for (var error : response.errors()) {
                String location = locationByKey.get(error.key());
                if (location != null) {
                    failed.putIfAbsent(
                            location,
                            new StorageException("S3 refused to delete " + error.key() + " under " + location + " ("
                                    + error.message() + ")"));
                }
            }
        }
    }

    @Override
    public java.util.Optional<StoredCheckpoint> latestCheckpoint(long workspaceId, long jobId) {
        String prefix = key("checkpoints/ws-" + workspaceId + "/job-" + jobId) + "/";
        StoredCheckpoint latest = null;
        for (ListObjectsV2Response page : pages(prefix, null)) {
            for (S3Object object : page.contents()) {
                String key = object.key();
                if (key.endsWith("/_metadata")
                        && key.substring(0, key.length() - "/_metadata".length())
                                .matches(".*/chk-\\d+")) {
                    StoredCheckpoint candidate = new StoredCheckpoint(
                            location(key.substring(0, key.length() - "/_metadata".length())), object.lastModified());
                    if (latest == null || candidate.completedAt().isAfter(latest.completedAt())) {
                        latest = candidate;
                    }
                }
            }
        }
        return java.util.Optional.ofNullable(latest);
    }

    @Override
    public List<String> snapshotLocations(long workspaceId) {
        String workspacePrefix = key("snapshots/ws-" + workspaceId) + "/";
        List<String> locations = new ArrayList<>();
        for (ListObjectsV2Response jobs : pages(workspacePrefix, "/")) {
            for (CommonPrefix job : jobs.commonPrefixes()) {
                for (ListObjectsV2Response snapshots : pages(job.prefix(), "/")) {
                    for (CommonPrefix snapshot : snapshots.commonPrefixes()) {
                        locations.add(location(trimSlashes(snapshot.prefix())));
                    }
                }
            }
        }
        return locations;
    }

    /** DeleteObjects requests made so far (each removes up to 1,000 keys). */
    public long deleteRequestCount() {
        return deleteRequests.get();
    }

    /** S3 requests made so far (for benchmarks: requests per 1,000 objects deleted). */
    public long requestCount() {
        return requests.get();
    }

    private Iterable<ListObjectsV2Response> pages(String prefix, String delimiter) {
        ListObjectsV2Request.Builder request =
                ListObjectsV2Request.builder().bucket(bucket).prefix(prefix);
        if (delimiter != null) {
            request.delimiter(delimiter);
        }
        List<ListObjectsV2Response> pages = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Request page = request.continuationToken(token).build();
            ListObjectsV2Response response = call(() -> s3.listObjectsV2(page), location(prefix));
            pages.add(response);
            token = Boolean.TRUE.equals(response.isTruncated()) ? response.nextContinuationToken() : null;
        } while (token != null);
        return pages;
    }

    private <T> T call(java.util.function.Supplier<T> request, String location) {
        requests.incrementAndGet();
        try {
            return request.get();
        } catch (SdkException e) {
            throw new StorageException("S3 request for " + location + " failed: " + e.getMessage(), e);
        }
    }

    /** The object key of a location, refusing another bucket, a key outside the root, or relative segments. */
    String keyOf(String location) {
        URI uri;
        try {
            uri = URI.create(location);
        } catch (IllegalArgumentException e) {
            throw new StorageException("Not a valid location: " + location);
        }
        if (!"s3".equals(uri.getScheme()) && !"s3a".equals(uri.getScheme())) {
            throw new StorageException("S3 storage holds only s3:// locations, not " + location);
        }
        if (!bucket.equals(uri.getHost())) {
            throw new StorageException("Location " + location + " is outside the snapshot bucket " + bucket);
        }
        String key = trimSlashes(uri.getPath() == null ? "" : uri.getPath());
        for (String segment : key.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new StorageException("Location " + location + " contains a relative path segment");
            }
        }
        if (!root.isEmpty() && !key.startsWith(root + "/")) {
            throw new StorageException(
                    "Location " + location + " is outside the snapshot root s3://" + bucket + "/" + root);
        }
        return key;
    }

    private String key(String relative) {
        return root.isEmpty() ? relative : root + "/" + relative;
    }

    private String location(String key) {
        return "s3://" + bucket + "/" + key;
    }

    private static String trimSlashes(String value) {
        String v = value == null ? "" : value.strip();
        while (v.startsWith("/")) {
            v = v.substring(1);
        }
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        return v;
    }
}
