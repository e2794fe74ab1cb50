package dev.stateset.console.job.internal;

import dev.stateset.console.engine.EngineJob;
import dev.stateset.console.job.JobStatus;

/** Flink's job states, as the console shows them. */
public final class JobStatusMapping {

    private JobStatusMapping() {}

    public static JobStatus of(EngineJob job) {
        return switch (job.state()) {
            // Flink says RUNNING before every task is: the console waits for the tasks.
            case "RUNNING" -> job.allTasksRunning() ? JobStatus.RUNNING : JobStatus.STARTING;
            case "INITIALIZING", "CREATED", "RECONCILING", "RESTARTING" -> JobStatus.STARTING;
            case "FAILING", "CANCELLING" -> JobStatus.STOPPING;
            case "FAILED" -> JobStatus.FAILED;
            case "CANCELED" -> JobStatus.CANCELED;
            case "FINISHED" -> JobStatus.FINISHED;
            case "SUSPENDED" -> JobStatus.STOPPED;
            default -> JobStatus.UNKNOWN;
        };
    }
}
