package dev.stateset.console.engine;

import java.time.Duration;

/**
 * The checkpoint configuration a running job reports.
 *
 * @param retainedOnCancel whether externalized checkpoints survive a cancel (needed to restart from latest state)
 */
public record CheckpointConfiguration(
        String mode,
        Duration interval,
        Duration timeout,
        Duration minPause,
        int maxConcurrent,
        String stateBackend,
        String checkpointStorage,
        boolean retainedOnCancel) {}
