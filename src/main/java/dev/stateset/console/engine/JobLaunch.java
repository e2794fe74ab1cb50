package dev.stateset.console.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to start a job on a session cluster.
 *
 * @param jar           the job jar on the console's disk; uploaded to the cluster
 * @param configuration Flink configuration for this job (checkpointing, state backend, …)
 * @param restore       the savepoint or checkpoint to start from, or null to start without state
 */
public record JobLaunch(Path jar, String entryClass, List<String> programArgs, int parallelism,
        Map<String, String> configuration, Restore restore) {

    public JobLaunch {
        programArgs = List.copyOf(programArgs);
        configuration = Map.copyOf(configuration);
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
