package dev.stateset.console.stateset;

import dev.stateset.console.engine.CheckpointStatistics;
import java.util.List;
import java.util.Optional;

/**
 * A job's system checkpoints as Flink reports them for its current run, or why they cannot be shown.
 *
 * @param statistics   empty when unavailable
 * @param unavailable  null when available; otherwise the reason, for the page to show
 * @param engineOutage true when the reason is that Flink could not be reached
 */
public record CheckpointSummary(Optional<CheckpointStatistics> statistics, String unavailable, boolean engineOutage) {

    public static CheckpointSummary of(CheckpointStatistics statistics) {
        return new CheckpointSummary(Optional.of(statistics), null, false);
    }

    public static CheckpointSummary unavailable(String reason, boolean engineOutage) {
        return new CheckpointSummary(Optional.empty(), reason, engineOutage);
    }

    /** System checkpoints only (Flink's history also lists savepoints, which are job snapshots here), newest first. */
    public List<CheckpointStatistics.Checkpoint> checkpoints() {
        return statistics
                .map(s -> s.history().stream().filter(c -> !c.savepoint()).toList())
                .orElse(List.of());
    }
}
