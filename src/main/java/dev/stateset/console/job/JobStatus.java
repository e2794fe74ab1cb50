package dev.stateset.console.job;

/** A job's status as the console last saw it (Flink's own states, plus the console's STOPPED/UNKNOWN). */
public enum JobStatus {
    CREATED,
    STARTING,
    RUNNING,
    STOPPING,
    STOPPED,
    FAILED,
    CANCELED,
    FINISHED,
    UNKNOWN;

    public boolean isRunning() {
        return this == RUNNING;
    }
}
