package dev.stateset.console.engine;

/** What a cluster's Flink version (as {@link FlinkEngine#version()} reports it) can do. */
public final class FlinkVersions {

    private FlinkVersions() {}

    /** Whether {@code version} (e.g. {@code 1.20.5}, {@code 2.3-SNAPSHOT}) is at least major.minor. */
    public static boolean atLeast(String version, int major, int minor) {
        String[] parts = version.split("[.-]");
        try {
            int theirMajor = Integer.parseInt(parts[0]);
            int theirMinor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return theirMajor > major || (theirMajor == major && theirMinor >= minor);
        } catch (NumberFormatException unreadable) {
            return false;
        }
    }

    /** On-demand checkpoints through REST ({@code POST /jobs/:id/checkpoints}) came with Flink 1.19. */
    public static boolean triggersCheckpoints(String version) {
        return atLeast(version, 1, 19);
    }
}
