package dev.stateset.console;

import dev.stateset.console.engine.EngineProperties;
import dev.stateset.console.engine.FlinkFileSystemSettings;
import dev.stateset.console.storage.StorageProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Hands the storage's keys to Flink's file systems: the one place that knows both the engine and the storage. */
@Configuration(proxyBeanMethods = false)
class FlinkFileSystemWiring {

    @Bean
    FlinkFileSystemSettings flinkFileSystemSettings(StorageProperties storage, EngineProperties engine) {
        return new FlinkFileSystemSettings(storage.flinkFileSystemKeys(), engine);
    }
}
