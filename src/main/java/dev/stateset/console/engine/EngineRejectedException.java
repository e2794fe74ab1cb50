package dev.stateset.console.engine;

import dev.stateset.console.base.DependencyFailureException;

/** The Flink cluster answered, but refused or failed the request; the message is Flink's reason. */
public class EngineRejectedException extends DependencyFailureException {

    private final int httpStatus;

    public EngineRejectedException(int httpStatus, String message) {
        super(Kind.REFUSED, "Refused by Flink", message, null);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
