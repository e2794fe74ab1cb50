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

    /** Running, or on its way up or down: a run is under way (it cannot be started, its checkpoints may still come). */
    public static final java.util.Set<JobStatus> ACTIVE = java.util.EnumSet.of(STARTING, RUNNING, STOPPING);

    public boolean isActive() {
        return ACTIVE.contains(this);
    }
}
