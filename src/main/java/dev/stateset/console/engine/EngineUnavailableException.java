package dev.stateset.console.engine;

import dev.stateset.console.base.DependencyFailureException;

/** The Flink cluster could not be reached, or did not answer in time. */
public class EngineUnavailableException extends DependencyFailureException {

    public EngineUnavailableException(String message, Throwable cause) {
        super(Kind.UNAVAILABLE, "Flink unreachable", message, cause);
    }
}
