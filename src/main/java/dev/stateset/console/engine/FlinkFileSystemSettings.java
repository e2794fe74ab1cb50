package dev.stateset.console.engine;

import dev.stateset.console.storage.StorageProperties;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.springframework.stereotype.Component;

/**
 * Flink's file systems inside the console's JVM: the embedded cluster's tasks write through them, and the restore
 * compatibility check reads a snapshot's {@code _metadata} through them even when Flink runs elsewhere. With S3
 * storage they get the console's own S3 settings (endpoint, path style, keys), so one configuration serves both;
 * {@code stateset.engine.embedded.flink.*} adds or overrides Flink keys. Initialised once, at start-up.
 */
@Component
public class FlinkFileSystemSettings {

    private final Map<String, String> settings;

    FlinkFileSystemSettings(StorageProperties storage, EngineProperties engine) {
        Configuration config = new Configuration();
        if ("s3".equals(storage.type())) {
            StorageProperties.S3 s3 = storage.s3();
            if (!s3.endpoint().isBlank()) {
                config.setString("s3.endpoint", s3.endpoint());
            }
            config.setString("s3.path.style.access", String.valueOf(s3.pathStyle()));
            if (!s3.accessKey().isBlank()) {
                config.setString("s3.access-key", s3.accessKey());
                config.setString("s3.secret-key", s3.secretKey());
            }
        }
        engine.embedded().flink().forEach(config::setString);
        this.settings = config.toMap();
        FileSystem.initialize(config, null);
    }

    /** The Flink keys the file systems were initialised with, for a cluster started in this JVM. */
    public Map<String, String> settings() {
        return settings;
    }
}
