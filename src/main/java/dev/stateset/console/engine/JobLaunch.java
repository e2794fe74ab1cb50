package dev.stateset.console.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to start a job on a session cluster.
 *
 * @param jar           the job jar on the console's disk, uploaded to the cluster; null when {@code clusterJarId} names one
 *                      the cluster already has
 * @param configuration Flink configuration for this job (checkpointing, state backend, …)
 * @param restore       the savepoint or checkpoint to start from, or null to start without state
 */
public record JobLaunch(
        Path jar,
        String clusterJarId,
        String entryClass,
        List<String> programArgs,
        int parallelism,
        Map<String, String> configuration,
        Restore restore) {

    public JobLaunch {
        programArgs = List.copyOf(programArgs);
        configuration = Map.copyOf(configuration);
        if ((jar == null) == (clusterJarId == null)) {
            throw new IllegalArgumentException("A launch names either a local jar or a cluster jar id");
        }
    }

    /** A launch of a jar on the console's disk. */
    public JobLaunch(
            Path jar,
            String entryClass,
            List<String> programArgs,
            int parallelism,
            Map<String, String> configuration,
            Restore restore) {
        this(jar, null, entryClass, programArgs, parallelism, configuration, restore);
    }

    /**
     * @param path                  savepoint or retained checkpoint path
     * @param allowNonRestoredState skip state of operators the new job does not have (otherwise the start fails)
     * @param claimMode             CLAIM: Flink takes ownership of the snapshot; NO_CLAIM: it leaves it alone
     */
    public record Restore(String path, boolean allowNonRestoredState, ClaimMode claimMode) {}

    public enum ClaimMode {
        CLAIM,
        NO_CLAIM
    }
}
