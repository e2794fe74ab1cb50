package dev.stateset.console.job;

/**
 * Flink's state backends ({@code state.backend.type}). HashMap keeps state on the heap and takes full checkpoints;
 * RocksDB and ForSt keep it on disk (ForSt also remotely) and can checkpoint incrementally.
 */
public enum StateBackend {
    HASHMAP("hashmap", 1, 0),
    ROCKSDB("rocksdb", 1, 0),
    FORST("forst", 2, 0);

    private final String flinkName;
    private final int sinceMajor;
    private final int sinceMinor;

    StateBackend(String flinkName, int sinceMajor, int sinceMinor) {
        this.flinkName = flinkName;
        this.sinceMajor = sinceMajor;
        this.sinceMinor = sinceMinor;
    }

    /** The value of {@code state.backend.type}. */
    public String flinkName() {
        return flinkName;
    }

    /** Whether this Flink version has the backend (ForSt came with 2.0). */
    public boolean availableIn(String flinkVersion) {
        return dev.stateset.console.engine.FlinkVersions.atLeast(flinkVersion, sinceMajor, sinceMinor);
    }

    /** Incremental checkpoints need a backend that keeps state in files. */
    public boolean checkpointsIncrementally() {
        return this != HASHMAP;
    }
}
