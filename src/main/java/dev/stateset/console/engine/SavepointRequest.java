package dev.stateset.console.engine;

import java.util.regex.Pattern;

/**
 * @param targetDirectory where Flink writes the savepoint (a {@code file:} or {@code s3:} URI); Flink creates a
 *                        {@code savepoint-…} directory below it
 * @param triggerId       32 lower-case hex characters chosen by the caller, the idempotency key
 */
public record SavepointRequest(String targetDirectory, SavepointFormatType format, String triggerId) {

    private static final Pattern TRIGGER_ID = Pattern.compile("[0-9a-f]{32}");

    public SavepointRequest {
        if (triggerId == null || !TRIGGER_ID.matcher(triggerId).matches()) {
            throw new IllegalArgumentException("triggerId must be 32 lower-case hex characters: " + triggerId);
        }
        if (targetDirectory == null || targetDirectory.isBlank()) {
            throw new IllegalArgumentException("targetDirectory is required");
        }
    }
}
