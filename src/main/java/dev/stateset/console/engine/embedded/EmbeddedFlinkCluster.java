package dev.stateset.console.engine.embedded;

import dev.stateset.console.engine.EngineProperties;
import dev.stateset.console.engine.FlinkFileSystemSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The zero-configuration Flink: an in-process MiniCluster whose REST endpoint (and Flink's own web UI) listens on
 * 127.0.0.1. The console talks to it only through that REST endpoint, exactly as to a remote session cluster.
 * Started before the web server accepts requests and stopped after it, cancelling jobs first because closing a
 * MiniCluster with running jobs can hang.
 */
@Component
@ConditionalOnProperty(
        prefix = "stateset.engine.embedded",
        name = "enabled",
        havingValue = "true",
        matchIfMissing = true)
public class EmbeddedFlinkCluster implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedFlinkCluster.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);

    private final EngineProperties.Embedded properties;
    private volatile MiniCluster cluster;
    private final FlinkFileSystemSettings fileSystems;
    private volatile URI restUrl;

    public EmbeddedFlinkCluster(EngineProperties properties, FlinkFileSystemSettings fileSystems) {
        this.properties = properties.embedded();
        this.fileSystems = fileSystems;
    }

    @Override
    public void start() {
        try {
            Path workDir = properties.workDir().toAbsolutePath().normalize();
            Files.createDirectories(workDir.resolve("uploads"));
            Files.createDirectories(workDir.resolve("checkpoints"));
            Configuration config = new Configuration();
            config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            config.set(RestOptions.ADDRESS, "127.0.0.1");
            config.set(RestOptions.BIND_PORT, String.valueOf(properties.restPort()));
            // Every other port of the cluster on loopback too: the BLOB server binds jobmanager.bind-host (0.0.0.0
            // unless set), the TaskManager's RPC and data exchange taskmanager.bind-host.
            config.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
            config.set(JobManagerOptions.ADDRESS, "127.0.0.1");
            config.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
            config.set(TaskManagerOptions.HOST, "127.0.0.1");
            config.set(RestOptions.ASYNC_OPERATION_STORE_DURATION, properties.asyncStoreDuration());
            config.set(WebOptions.UPLOAD_DIR, workDir.resolve("uploads").toString());
            config.set(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    workDir.resolve("checkpoints").toUri().toString());
            config.set(TaskManagerOptions.NUM_TASK_SLOTS, properties.taskSlots());
            // The file-system settings (S3 endpoint and keys, embedded.flink.*): Flink's file systems were already
            // initialised with them by FlinkFileSystemSettings; the cluster gets them for its own configuration.
            fileSystems.settings().forEach(config::setString);
            MiniClusterConfiguration miniConfig = new MiniClusterConfiguration.Builder()
                    .setConfiguration(config)
                    .setNumTaskManagers(1)
                    .setNumSlotsPerTaskManager(properties.taskSlots())
                    .build();
            MiniCluster mini = new MiniCluster(miniConfig);
            long started = System.nanoTime();
            mini.start();
            cluster = mini;
            restUrl = URI.create(mini.getRestAddress().get(30, TimeUnit.SECONDS).toString());
            log.info(
                    "Embedded Flink cluster up in {} ms; REST API and web UI at {}",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    restUrl);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Could not start the embedded Flink cluster on 127.0.0.1:" + properties.restPort()
                            + " (is the port taken? set stateset.engine.embedded.rest-port): " + e.getMessage(),
                    e);
        }
    }

    @Override
    public void stop() {
        MiniCluster mini = cluster;
        if (mini == null) {
            return;
        }
        try {
            for (JobStatusMessage job : mini.listJobs().get(10, TimeUnit.SECONDS)) {
                if (!job.getJobState().isGloballyTerminalState()) {
                    cancelQuietly(mini, job.getJobId());
                }
            }
            mini.closeAsync().get(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            log.info("Embedded Flink cluster stopped");
        } catch (Exception e) {
            log.warn(
                    "Embedded Flink cluster did not stop cleanly within {} s: {}",
                    CLOSE_TIMEOUT.toSeconds(),
                    e.toString());
        } finally {
            cluster = null;
        }
    }

    private static void cancelQuietly(MiniCluster mini, JobID id) {
        try {
            mini.cancelJob(id).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("Cancel of {} on shutdown failed: {}", id, e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return cluster != null;
    }

    /** Early: the cluster is up before anything that talks to it starts, and goes down after them. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    /** The REST endpoint, once started. */
    public URI restUrl() {
        if (restUrl == null) {
            throw new IllegalStateException("The embedded Flink cluster is not running");
        }
        return restUrl;
    }
}
