package dev.stateset.console.stateset;

/** Flink savepoint format: CANONICAL is portable across state backends, NATIVE is faster to take and restore. */
public enum SnapshotFormat {
    CANONICAL,
    NATIVE
}
