package dev.stateset.console.engine.flinkrest;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns Flink's serialized exceptions and stack traces into a message a person can act on. */
final class FlinkErrors {

    private static final int MAX_LENGTH = 1000;

    private FlinkErrors() {}

    /** A {@code failure-cause} object ({@code class}, {@code stack-trace}, …): its innermost cause. */
    static String describe(JsonNode failureCause) {
        String trace = failureCause.path("stack-trace").asText("");
        if (trace.isBlank()) {
            return failureCause.path("class").asText("unknown failure");
        }
        return rootCause(trace);
    }

    /** The innermost "Caused by:" of a stack trace, or its first line when there is none. */
    static String rootCause(String trace) {
        String cause = null;
        for (String line : trace.split("\\R")) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length());
            }
        }
        return limit(cause != null ? cause : trace.lines().findFirst().orElse(trace));
    }

    /** The first line of a (possibly multi-line) message. */
    static String firstLines(String text) {
        if (text == null) {
            return "";
        }
        return text.contains("\n") ? rootCause(text) : limit(text);
    }

    private static String limit(String text) {
        String stripped = text.strip();
        return stripped.length() <= MAX_LENGTH ? stripped : stripped.substring(0, MAX_LENGTH) + "…";
    }
}
