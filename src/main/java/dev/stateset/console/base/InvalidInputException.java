package dev.stateset.console.base;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Input refused by a service, with one message per offending field so that forms and the REST API
 * can name each message's field. Services validate everything before they write anything.
 */
public class InvalidInputException extends RuntimeException {

    private final Map<String, String> fieldErrors;

    public InvalidInputException(Map<String, String> fieldErrors) {
        super(describe(fieldErrors));
        this.fieldErrors = Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors));
    }

    /** For a refusal whose own message says it better than the "field: message" list. */
    protected InvalidInputException(String message, Map<String, String> fieldErrors) {
        super(message);
        this.fieldErrors = Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors));
    }

    public static InvalidInputException of(String field, String message) {
        return new InvalidInputException(Map.of(field, message));
    }

    /** Field name → message, in the order the fields were checked. */
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }

    /** A short title for the refusal, e.g. the API's problem title. */
    public String title() {
        return "Invalid input";
    }

    private static String describe(Map<String, String> errors) {
        StringBuilder text = new StringBuilder();
        errors.forEach((field, message) -> {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(field).append(": ").append(message);
        });
        return text.toString();
    }
}
