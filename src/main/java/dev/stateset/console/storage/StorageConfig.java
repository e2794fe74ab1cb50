package dev.stateset.console.storage;

import dev.stateset.console.storage.local.LocalSnapshotStorage;
import dev.stateset.console.storage.s3.S3SnapshotStorage;
import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Local disk by default; S3-compatible object storage when {@code stateset.storage.type=s3}. */
@Configuration(proxyBeanMethods = false)
class StorageConfig {

    @Bean
    SnapshotStorage snapshotStorage(StorageProperties properties) {
        return switch (properties.type()) {
            case "local" -> new LocalSnapshotStorage(properties.local().root());
            case "s3" -> s3Storage(properties.s3());
            default ->
                throw new IllegalStateException(
                        "stateset.storage.type must be 'local' or 's3', not '" + properties.type() + "'");
        };
    }

    private static SnapshotStorage s3Storage(StorageProperties.S3 s3) {
        if (s3.bucket() == null || s3.bucket().isBlank()) {
            throw new IllegalStateException("stateset.storage.s3.bucket is required when stateset.storage.type=s3");
        }
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(s3.region()))
                .forcePathStyle(s3.pathStyle())
                .credentialsProvider(credentials(s3));
        if (!s3.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(s3.endpoint()));
        }
        if (s3.checksumWhenRequired()) {
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return new S3SnapshotStorage(builder.build(), s3.bucket(), s3.prefix());
    }

    private static AwsCredentialsProvider credentials(StorageProperties.S3 s3) {
        return s3.accessKey().isBlank()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()));
    }
}
