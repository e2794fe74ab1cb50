package dev.stateset.console.engine;

/** The Flink cluster answered, but refused or failed the request; the message is Flink's reason. */
public class EngineRejectedException extends RuntimeException {

    private final int httpStatus;

    public EngineRejectedException(int httpStatus, String message) {
        super(message);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
