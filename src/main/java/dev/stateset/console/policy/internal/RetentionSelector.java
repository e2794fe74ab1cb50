package dev.stateset.console.policy.internal;

import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.stateset.SnapshotTrigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which snapshots an automatic cleanup deletes: a pure function, so every rule has a table test.
 *
 * <ul>
 *   <li>Candidates are snapshots the schedule made (COMPLETED, or DELETE_FAILED to retry). Manual, stop and external
 *       snapshots are never deleted automatically; IN_PROGRESS and DELETING ones never.</li>
 *   <li>A candidate goes when it is beyond the newest {@code keep} scheduled snapshots, or older than the maximum
 *       retention period (either suffices).</li>
 *   <li>Never deleted, whatever the rule: the newest COMPLETED snapshot of the job, and protected ones (the snapshot
 *       the current run was restored from).</li>
 * </ul>
 */
public final class RetentionSelector {

    public static final String BY_COUNT = "retention: count";
    public static final String BY_AGE = "retention: age";

    private RetentionSelector() {}

    public record Candidate(long id, SnapshotTrigger trigger, SnapshotStatus status, Instant completedAt) {}

    public record Rule(int keep, Optional<Duration> maxAge) {}

    public record Deletion(long id, String reason) {}

    public static List<Deletion> select(List<Candidate> snapshots, Rule rule, Instant now, Set<Long> protectedIds) {
        Comparator<Candidate> newestFirst = Comparator.comparing(
                        Candidate::completedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Candidate::id, Comparator.reverseOrder());
        Long newestCompleted = snapshots.stream()
                .filter(s -> s.status() == SnapshotStatus.COMPLETED && s.completedAt() != null)
                .sorted(newestFirst)
                .map(Candidate::id)
                .findFirst()
                .orElse(null);
        List<Candidate> scheduled = snapshots.stream()
                .filter(s -> s.trigger() == SnapshotTrigger.SCHEDULED)
                .filter(s -> s.status() == SnapshotStatus.COMPLETED || s.status() == SnapshotStatus.DELETE_FAILED)
                .filter(s -> s.completedAt() != null)
                .sorted(newestFirst)
                .toList();
        Instant oldestAllowed = rule.maxAge().map(now::minus).orElse(null);
        List<Deletion> deletions = new ArrayList<>();
        for (int rank = 0; rank < scheduled.size(); rank++) {
            Candidate s = scheduled.get(rank);
            if (protectedIds.contains(s.id()) || Long.valueOf(s.id()).equals(newestCompleted)) {
                continue;
            }
            if (rank >= rule.keep()) {
                deletions.add(new Deletion(s.id(), BY_COUNT));
            } else if (oldestAllowed != null && s.completedAt().isBefore(oldestAllowed)) {
                deletions.add(new Deletion(s.id(), BY_AGE));
            }
        }
        return deletions;
    }
}
