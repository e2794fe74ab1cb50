package dev.stateset.console.cron;

import dev.stateset.console.base.InvalidInputException;
import java.util.Map;

/**
 * A cron expression the dialect refuses: invalid input of one field of the expression.
 *
 * @see #field() the offending field ({@code minute|hour|day|month|week}) or {@code expression} for the whole
 */
public class InvalidCronException extends InvalidInputException {

    public static final String WHOLE_EXPRESSION = "expression";

    private final String field;

    public InvalidCronException(String field, String message) {
        super(message, Map.of(field, message));
        this.field = field;
    }

    public String field() {
        return field;
    }

    @Override
    public String title() {
        return "Invalid cron expression";
    }
}
