package dev.stateset.console.engine.inspect;

import dev.stateset.console.engine.FlinkFileSystemSettings;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.client.deployment.executors.PipelineExecutorUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The bounded local environment the state browser's reads run on: a private in-process Flink cluster (one
 * TaskManager, one slot, everything on loopback), separate from the cluster jobs run on. It starts on the first read
 * and stops after {@code stateset.state-browser.idle} without one (longer than a read's timeout, so never under a
 * read).
 *
 * <p>Why not {@code StreamExecutionEnvironment.createLocalEnvironment}: its cluster shuts down the moment the job
 * ends, and the collecting iterator then loses the rows it had not fetched yet ("Failed to get job status so we
 * assume that the job has terminated. Some data might be lost.") — a lookup that finds its one key at the end of the
 * scan came back empty. Here the cluster outlives each job.
 */
@Component
class LocalReadCluster {

    private static final Logger log = LoggerFactory.getLogger(LocalReadCluster.class);
    private static final String TARGET = "stateset-state-browser";

    private final Duration idle;
    private final Map<String, String> fileSystemKeys;
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "state-browser-reaper");
        thread.setDaemon(true);
        return thread;
    });
    private MiniCluster cluster;
    private long lastUse;

    @Autowired
    LocalReadCluster(@Value("${stateset.state-browser.idle:5m}") Duration idle, FlinkFileSystemSettings fileSystems) {
        this(idle, fileSystems.settings());
    }

    /** @param fileSystemKeys Flink's file-system keys (S3 endpoint, credentials…) the cluster's tasks read with */
    LocalReadCluster(Duration idle, Map<String, String> fileSystemKeys) {
        this.idle = idle;
        this.fileSystemKeys = Map.copyOf(fileSystemKeys);
        long every = Math.max(1, idle.toSeconds() / 2);
        reaper.scheduleWithFixedDelay(this::stopWhenIdle, every, every, TimeUnit.SECONDS);
    }

    /** An environment whose jobs run on this cluster, in batch mode, with the given configuration (jars…). */
    synchronized StreamExecutionEnvironment environment(Configuration jobConfig, ClassLoader classLoader)
            throws Exception {
        MiniCluster running = started();
        lastUse = System.nanoTime();
        Configuration config = new Configuration(jobConfig);
        config.set(DeploymentOptions.TARGET, TARGET);
        config.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        PipelineExecutor executor = (pipeline, configuration, loader) -> {
            JobGraph graph = PipelineExecutorUtils.getJobGraph(pipeline, configuration, loader);
            return running.submitJob(graph).thenApply(result -> (JobClient) new MiniClusterJobClient(
                    result.getJobID(), running, loader, MiniClusterJobClient.JobFinalizationBehavior.NOTHING));
        };
        PipelineExecutorFactory factory = new PipelineExecutorFactory() {
            @Override
            public String getName() {
                return TARGET;
            }

            @Override
            public boolean isCompatibleWith(Configuration configuration) {
                return TARGET.equals(configuration.get(DeploymentOptions.TARGET));
            }

            @Override
            public PipelineExecutor getExecutor(Configuration configuration) {
                return executor;
            }
        };
        PipelineExecutorServiceLoader executors = new PipelineExecutorServiceLoader() {
            @Override
            public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
                return factory;
            }

            @Override
            public Stream<String> getExecutorNames() {
                return Stream.of(TARGET);
            }
        };
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(executors, config, classLoader);
        env.setParallelism(1);
        return env;
    }

    private MiniCluster started() throws Exception {
        if (cluster != null && cluster.isRunning()) {
            return cluster;
        }
        Configuration config = new Configuration();
        config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        config.set(RestOptions.ADDRESS, "127.0.0.1");
        config.set(RestOptions.BIND_PORT, "0");
        config.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
        config.set(JobManagerOptions.ADDRESS, "127.0.0.1");
        config.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
        config.set(TaskManagerOptions.HOST, "127.0.0.1");
        // The heap backend restores state on the JVM heap; managed and network memory stay small.
        config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(16));
        config.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.ofMebiBytes(16));
        config.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.ofMebiBytes(16));
        fileSystemKeys.forEach(config::setString);
        MiniCluster mini = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(config)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(1)
                .build());
        long started = System.nanoTime();
        mini.start();
        cluster = mini;
        log.info("State browser's local cluster up in {} ms", (System.nanoTime() - started) / 1_000_000);
        return mini;
    }

    private synchronized void stopWhenIdle() {
        if (cluster != null && System.nanoTime() - lastUse > idle.toNanos()) {
            close();
        }
    }

    @PreDestroy
    synchronized void shutdown() {
        reaper.shutdownNow();
        close();
    }

    private void close() {
        MiniCluster mini = cluster;
        cluster = null;
        if (mini == null) {
            return;
        }
        try {
            mini.closeAsync().get(20, TimeUnit.SECONDS);
            log.info("State browser's local cluster stopped");
        } catch (Exception e) {
            log.warn("State browser's local cluster did not stop cleanly: {}", e.toString());
        }
    }
}
