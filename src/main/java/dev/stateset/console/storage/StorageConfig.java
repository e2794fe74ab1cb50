package dev.stateset.console.storage;

import dev.stateset.console.storage.local.LocalSnapshotStorage;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Local disk by default; the S3-compatible adapter joins in a later stage behind the same port. */
@Configuration(proxyBeanMethods = false)
class StorageConfig {

    @Bean
    SnapshotStorage snapshotStorage(@Value("${stateset.storage.local.root:./data/storage}") Path root) {
        return new LocalSnapshotStorage(root);
    }
}
