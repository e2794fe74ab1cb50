package dev.stateset.console.stateset;

/** Lifecycle of a job snapshot. DELETED rows stay as tombstones (who deleted it, when, why). */
public enum SnapshotStatus {
    IN_PROGRESS,
    COMPLETED,
    FAILED,
    DELETED,
    DELETE_FAILED
}
