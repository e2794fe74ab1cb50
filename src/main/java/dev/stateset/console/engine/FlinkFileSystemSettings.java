package dev.stateset.console.engine;

import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;

/**
 * Flink's file systems inside the console's JVM: the embedded cluster's tasks write through them, and the restore
 * compatibility check reads a snapshot's {@code _metadata} through them even when Flink runs elsewhere. They get the
 * storage's own keys (with S3: endpoint, path style, credentials), so one configuration serves both;
 * {@code stateset.engine.embedded.flink.*} adds or overrides Flink keys. Initialised once, at start-up; the
 * application wires the storage's keys in (the engine does not know the storage).
 */
public class FlinkFileSystemSettings {

    private final Map<String, String> settings;

    public FlinkFileSystemSettings(Map<String, String> storageKeys, EngineProperties engine) {
        Configuration config = new Configuration();
        storageKeys.forEach(config::setString);
        engine.embedded().flink().forEach(config::setString);
        this.settings = config.toMap();
        FileSystem.initialize(config, null);
    }

    /** The Flink keys the file systems were initialised with, for a cluster started in this JVM. */
    public Map<String, String> settings() {
        return settings;
    }
}
