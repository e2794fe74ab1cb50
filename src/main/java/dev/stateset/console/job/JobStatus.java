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

    /** Running, or on its way up or down: the job cannot be started now (its start would be refused). */
    public boolean isActive() {
        return this == RUNNING || this == STARTING || this == STOPPING;
    }
}
