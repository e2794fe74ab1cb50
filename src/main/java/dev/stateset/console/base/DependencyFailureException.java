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

    private final Kind kind;
    private final String title;

    /** @param title a short title naming what failed, e.g. "Flink unreachable" */
    protected DependencyFailureException(Kind kind, String title, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.title = title;
    }

    public Kind kind() {
        return kind;
    }

    public String title() {
        return title;
    }
}
