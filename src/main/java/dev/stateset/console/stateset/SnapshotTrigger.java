package dev.stateset.console.stateset;

/** What made a snapshot: a user, the schedule, a stop-with-snapshot, or a path registered from outside the console. */
public enum SnapshotTrigger {
    MANUAL,
    SCHEDULED,
    STOP,
    EXTERNAL
}
