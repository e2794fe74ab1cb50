package dev.stateset.console.storage;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stateset.storage.*}: where snapshots and checkpoints are kept.
 *
 * @param type  {@code local} (default) or {@code s3}
 */
@ConfigurationProperties(prefix = "stateset.storage")
public record StorageProperties(@DefaultValue("local") String type, @DefaultValue Local local, @DefaultValue S3 s3) {

    public record Local(@DefaultValue("./data/storage") Path root) {}

    /**
     * @param endpoint             endpoint URL for S3-compatible services (MinIO, OSS); empty for AWS S3
     * @param pathStyle            path-style requests (MinIO and most S3-compatible servers need them)
     * @param accessKey            empty to use the AWS default credentials chain
     * @param checksumWhenRequired send and check payload checksums only when the operation requires them: the usual cure
     *                             for S3-compatible services that reject the SDK's newer checksum headers
     */
    public record S3(String bucket, @DefaultValue("") String prefix, @DefaultValue("") String endpoint,
            @DefaultValue("us-east-1") String region, @DefaultValue("true") boolean pathStyle, @DefaultValue("") String accessKey,
            @DefaultValue("") String secretKey, @DefaultValue("false") boolean checksumWhenRequired) {}
}
