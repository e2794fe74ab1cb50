package dev.stateset.console.engine;

import java.time.Instant;

/**
 * A job as the cluster reports it.
 *
 * @param state Flink's job status name (RUNNING, FAILED, FINISHED, …)
 * @param allTasksRunning true when every task is RUNNING or FINISHED (Flink says RUNNING for the job before its tasks
 *     are; a task that finished — a bounded source, or a stop with a snapshot under way — is no start)
 */
public record EngineJob(String id, String name, String state, Instant startTime, boolean allTasksRunning) {

    public boolean isTerminal() {
        return isTerminal(state);
    }

    /** Whether Flink's job status name is one a job does not leave (FAILED, CANCELED, FINISHED, SUSPENDED). */
    public static boolean isTerminal(String state) {
        return switch (state) {
            case "FAILED", "CANCELED", "FINISHED", "SUSPENDED" -> true;
            default -> false;
        };
    }
}
