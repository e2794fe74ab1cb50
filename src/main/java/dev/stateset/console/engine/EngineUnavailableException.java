package dev.stateset.console.engine;

/** The Flink cluster could not be reached, or did not answer in time. */
public class EngineUnavailableException extends RuntimeException {

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
