package dev.stateset.console.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * State parameters applied at the next start: the state backend ({@code state.backend.type}), {@code
 * state.backend.incremental}, {@code table.exec.state.ttl} (zero means state never expires), the local temporary
 * directory ({@code io.tmp.dirs}; blank = Flink's default), and other Flink options as key/value pairs, as the
 * reference console's "Other Configurations".
 *
 * @param flinkOptions other Flink configuration for the job, by key (sorted)
 */
public record StateParameters(
        boolean incrementalCheckpoints,
        Duration stateTtl,
        String localTempDir,
        StateBackend backend,
        Map<String, String> flinkOptions) {

    public StateParameters {
        backend = backend == null ? StateBackend.HASHMAP : backend;
        flinkOptions =
                flinkOptions == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(flinkOptions));
    }

    /** On the heap backend, without other options. */
    public StateParameters(boolean incrementalCheckpoints, Duration stateTtl, String localTempDir) {
        this(incrementalCheckpoints, stateTtl, localTempDir, StateBackend.HASHMAP, Map.of());
    }

    public static StateParameters defaults() {
        return new StateParameters(false, Duration.ZERO, "");
    }

    /**
     * What the page says next to the state settings: settings that have no effect as they stand, option keys Flink's
     * core does not know (Flink applies them if a module it runs with knows them), deprecated keys.
     */
    public List<String> notes() {
        List<String> notes = noEffect();
        flinkOptions
                .keySet()
                .forEach(
                        key -> dev.stateset.console.engine.inspect.FlinkOptions.find(key)
                                .ifPresentOrElse(
                                        known -> {
                                            if (known.replacedBy() != null) {
                                                notes.add(key + " is deprecated: Flink reads it as "
                                                        + known.replacedBy());
                                            }
                                        },
                                        () -> notes.add(
                                                key
                                                        + " is not an option of Flink's core (as of 2.1): Flink applies it only"
                                                        + " if a module the job runs with knows it (e.g. RocksDB's tuning, the Table API)")));
        return notes;
    }

    /** Settings that will have no effect as they stand. */
    private List<String> noEffect() {
        List<String> notes = new ArrayList<>();
        if (incrementalCheckpoints && !backend.checkpointsIncrementally()) {
            notes.add("Incremental checkpoints have no effect with the HashMap backend: it always takes full"
                    + " checkpoints (choose RocksDB or ForSt)");
        }
        if (flinkOptions.keySet().stream().anyMatch(k -> k.startsWith("state.backend.rocksdb."))
                && backend != StateBackend.ROCKSDB) {
            notes.add("state.backend.rocksdb.* options have no effect with the " + backend + " backend");
        }
        if (flinkOptions.keySet().stream().anyMatch(k -> k.startsWith("state.backend.forst."))
                && backend != StateBackend.FORST) {
            notes.add("state.backend.forst.* options have no effect with the " + backend + " backend");
        }
        return notes;
    }
}
