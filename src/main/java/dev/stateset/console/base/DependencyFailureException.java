package dev.stateset.console.base;

/**
 * Something the console depends on (a Flink cluster, snapshot storage) failed or refused a request. Features raise
 * their own subclasses; the API answers each by its {@link #kind()} and {@link #title()} without knowing the feature.
 */
public abstract class DependencyFailureException extends RuntimeException {

    public enum Kind {
        /** Out of reach or failing: try again later (HTTP 503). */
        UNAVAILABLE,
        /** It answered and refused: the request conflicts with its state (HTTP 409). */
        REFUSED
    }

    protected DependencyFailureException(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract Kind kind();

    /** A short title naming what failed, e.g. "Flink unreachable". */
    public abstract String title();
}
