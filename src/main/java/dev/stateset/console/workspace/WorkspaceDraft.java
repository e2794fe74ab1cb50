package dev.stateset.console.workspace;

/**
 * What an admin types to create or edit a workspace.
 *
 * @param engineRestUrl REST URL of a Flink session cluster (e.g. {@code http://flink-jm:8081}); only for REMOTE
 */
public record WorkspaceDraft(String name, String description, String timeZone, EngineKind engineKind, String engineRestUrl) {

    /** A workspace on the embedded Flink cluster. */
    public WorkspaceDraft(String name, String description, String timeZone) {
        this(name, description, timeZone, EngineKind.EMBEDDED, null);
    }
}
