package dev.stateset.console.workspace;

/**
 * What an admin types to create or edit a workspace.
 *
 * @param engineRestUrl REST URL of a Flink session cluster (e.g. {@code http://flink-jm:8081}); only for REMOTE
 * @param webhookUrl    optional: receives a JSON POST when a job's scheduled snapshots keep failing
 */
public record WorkspaceDraft(
        String name,
        String description,
        String timeZone,
        EngineKind engineKind,
        String engineRestUrl,
        String webhookUrl) {

    public WorkspaceDraft(
            String name, String description, String timeZone, EngineKind engineKind, String engineRestUrl) {
        this(name, description, timeZone, engineKind, engineRestUrl, null);
    }

    /** A workspace on the embedded Flink cluster. */
    public WorkspaceDraft(String name, String description, String timeZone) {
        this(name, description, timeZone, EngineKind.EMBEDDED, null);
    }
}
