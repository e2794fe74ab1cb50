package dev.stateset.console.cron;

/**
 * A cron expression the dialect refuses.
 *
 * @see #field() the offending field ({@code minute|hour|day|month|week}) or {@code expression} for the whole
 */
public class InvalidCronException extends RuntimeException {

    public static final String WHOLE_EXPRESSION = "expression";

    private final String field;

    public InvalidCronException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
