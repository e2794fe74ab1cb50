package dev.stateset.console.engine;

/**
 * Outcome of a savepoint operation. Flink reports failures as "COMPLETED with a failure cause"; this record
 * does not: a failure is {@link State#FAILED} with the cause.
 */
public record SavepointStatus(State state, String location, String failureCause) {

    public enum State {
        IN_PROGRESS,
        COMPLETED,
        FAILED,
        /** Flink does not know the request (its cluster restarted, or the request expired): storage has the answer. */
        UNKNOWN
    }

    public static SavepointStatus inProgress() {
        return new SavepointStatus(State.IN_PROGRESS, null, null);
    }

    public static SavepointStatus completed(String location) {
        return new SavepointStatus(State.COMPLETED, location, null);
    }

    public static SavepointStatus unknown(String why) {
        return new SavepointStatus(State.UNKNOWN, null, why);
    }

    public static SavepointStatus failed(String cause) {
        return new SavepointStatus(State.FAILED, null, cause);
    }
}
