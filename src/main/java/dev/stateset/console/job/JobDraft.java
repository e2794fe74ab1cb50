package dev.stateset.console.job;

/**
 * A job's definition as an editor types it.
 *
 * @param artifact   the job jar (path or URL); blank for the console's built-in demo jobs
 * @param entryClass the main class inside the artifact
 */
public record JobDraft(
        String name, String description, String artifact, String entryClass, String programArgs, int parallelism) {}
