package dev.stateset.console.stateset;

/** Published (after commit) when a snapshot reaches COMPLETED or FAILED; the policy feature reacts to it. */
public record SnapshotFinished(long snapshotId, long jobId, SnapshotTrigger trigger, SnapshotStatus status) {}
