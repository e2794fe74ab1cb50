package dev.stateset.console.storage;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stateset.storage.*}: where snapshots and checkpoints are kept.
 *
 * @param type  {@code local} (default) or {@code s3}
 * @param registrableLocations where snapshots made elsewhere may be registered from, as location prefixes (e.g. {@code
 *     s3://team-savepoints/}, {@code file:/mnt/flink/savepoints/}); the console's own storage always is. An admin's
 *     choice: registering reads the location's {@code _metadata}, and deleting the snapshot disposes it.
 */
@ConfigurationProperties(prefix = "stateset.storage")
public record StorageProperties(
        @DefaultValue("local") String type,
        @DefaultValue Local local,
        @DefaultValue S3 s3,
        @DefaultValue List<String> registrableLocations) {

    /** The keys Flink's own file systems need to reach this storage (none for local disk). */
    public Map<String, String> flinkFileSystemKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        if ("s3".equals(type)) {
            if (!s3.endpoint().isBlank()) {
                keys.put("s3.endpoint", s3.endpoint());
            }
            keys.put("s3.path.style.access", String.valueOf(s3.pathStyle()));
            if (!s3.accessKey().isBlank()) {
                keys.put("s3.access-key", s3.accessKey());
                keys.put("s3.secret-key", s3.secretKey());
            }
        }
        return keys;
    }

    public record Local(@DefaultValue("./data/storage") Path root) {}

    /**
     * @param endpoint             endpoint URL for S3-compatible services (MinIO, OSS); empty for AWS S3
     * @param pathStyle            path-style requests (MinIO and most S3-compatible servers need them)
     * @param accessKey            empty to use the AWS default credentials chain
     * @param checksumWhenRequired send and check payload checksums only when the operation requires them: the usual cure
     *                             for S3-compatible services that reject the SDK's newer checksum headers
     */
    public record S3(
            String bucket,
            @DefaultValue("") String prefix,
            @DefaultValue("") String endpoint,
            @DefaultValue("us-east-1") String region,
            @DefaultValue("true") boolean pathStyle,
            @DefaultValue("") String accessKey,
            @DefaultValue("") String secretKey,
            @DefaultValue("false") boolean checksumWhenRequired) {}
}
