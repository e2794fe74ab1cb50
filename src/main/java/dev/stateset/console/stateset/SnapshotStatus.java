package dev.stateset.console.stateset;

/** Lifecycle of a job snapshot. DELETED rows stay as tombstones (who deleted it, when, why). */
public enum SnapshotStatus {
    IN_PROGRESS,
    COMPLETED,
    FAILED,
    /** Claimed by a cleanup that is deleting its files; becomes DELETED or DELETE_FAILED. */
    DELETING,
    DELETED,
    DELETE_FAILED
}
