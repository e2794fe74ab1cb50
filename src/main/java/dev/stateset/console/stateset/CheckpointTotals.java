package dev.stateset.console.stateset;

import dev.stateset.console.engine.CheckpointStatistics;
import java.time.Instant;

/**
 * Flink's summary of a job's current run, as the console last read it.
 *
 * @param counts  Flink's counts for the run (Flink counts savepoints among them)
 * @param summary min/avg/max/p95 of duration and size over the run's completed checkpoints
 */
public record CheckpointTotals(
        String run, CheckpointStatistics.Counts counts, CheckpointStatistics.Summary summary, Instant readAt) {}
