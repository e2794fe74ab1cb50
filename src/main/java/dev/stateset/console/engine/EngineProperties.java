package dev.stateset.console.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stateset.engine.*}: how the console reaches Flink.
 *
 * @param connectTimeout   TCP connect timeout of REST calls
 * @param requestTimeout   timeout of one REST call
 * @param savepointTimeout how long a savepoint may take before the console marks it FAILED (separate from the
 *                         checkpoint timeout)
 * @param embedded         the in-process cluster used by workspaces bound to no remote cluster
 * @param maxConcurrentCalls calls to one cluster at a time; one more fails at once ("busy") instead of holding a thread
 * @param failuresToOpen   calls that did not get an answer (of the last ten or more) after which the console stops
 *                         calling the cluster for {@code openCircuitFor}, failing fast, then tries one call again
 * @param savepointFirstPoll    the first question about a savepoint's status, after its trigger; the wait then doubles
 * @param savepointPollInterval the longest wait between two questions about a savepoint's status
 * @param snapshotLease    how long a replica's claim on a snapshot in flight lasts without renewal (renewed every third)
 * @param snapshotWorkers  threads that trigger and follow snapshots (they wait on Flink and the database, not the CPU)
 */
@ConfigurationProperties(prefix = "stateset.engine")
public record EngineProperties(
        @DefaultValue("3s") Duration connectTimeout,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("10m") Duration savepointTimeout,
        @DefaultValue Embedded embedded,
        @DefaultValue("16") int maxConcurrentCalls,
        @DefaultValue("5") int failuresToOpen,
        @DefaultValue("15s") Duration openCircuitFor,
        @DefaultValue("10ms") Duration savepointFirstPoll,
        @DefaultValue("300ms") Duration savepointPollInterval,
        @DefaultValue("30s") Duration snapshotLease,
        @DefaultValue("4") int snapshotWorkers) {

    /**
     * @param enabled            start the in-process cluster
     * @param restPort           port of its REST endpoint and web UI on 127.0.0.1 (0 = any free port)
     * @param taskSlots          slots of its one TaskManager: how many job parallel instances fit
     * @param workDir            where it keeps uploaded jars and checkpoints
     * @param asyncStoreDuration how long Flink keeps results of async operations (savepoints) for polling
     * @param flink              further Flink configuration of the embedded cluster, e.g. {@code s3.endpoint},
     *                           {@code s3.access-key}, {@code s3.path.style.access} so it can write to S3/OSS/MinIO
     */
    public record Embedded(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("8081") int restPort,
            @DefaultValue("8") int taskSlots,
            @DefaultValue("./data/flink") Path workDir,
            @DefaultValue("5m") Duration asyncStoreDuration,
            Map<String, String> flink) {

        public Embedded {
            flink = flink == null ? Map.of() : Map.copyOf(flink);
        }
    }
}
