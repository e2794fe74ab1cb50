package dev.stateset.console.policy.internal;

import static dev.stateset.console.stateset.SnapshotStatus.COMPLETED;
import static dev.stateset.console.stateset.SnapshotStatus.DELETE_FAILED;
import static dev.stateset.console.stateset.SnapshotStatus.IN_PROGRESS;
import static dev.stateset.console.stateset.SnapshotTrigger.MANUAL;
import static dev.stateset.console.stateset.SnapshotTrigger.SCHEDULED;
import static dev.stateset.console.stateset.SnapshotTrigger.STOP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.policy.internal.RetentionSelector.Candidate;
import dev.stateset.console.policy.internal.RetentionSelector.Deletion;
import dev.stateset.console.policy.internal.RetentionSelector.Rule;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.stateset.SnapshotTrigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Table tests of the retention rules. Snapshot n completed n hours before NOW. */
class RetentionSelectorTest {

    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    static Candidate snap(long id, SnapshotTrigger trigger, SnapshotStatus status, int hoursAgo) {
        return new Candidate(id, trigger, status, NOW.minus(Duration.ofHours(hoursAgo)));
    }

    static List<Candidate> scheduled(int count) {
        List<Candidate> list = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            list.add(snap(i, SCHEDULED, COMPLETED, i));
        }
        return list;
    }

    @Test
    void keep_n_deletes_everything_beyond_the_newest_n() {
        assertThat(RetentionSelector.select(scheduled(5), new Rule(2, Optional.empty()), NOW, Set.of()))
                .containsExactly(
                        new Deletion(3, "retention: count"),
                        new Deletion(4, "retention: count"),
                        new Deletion(5, "retention: count"));
    }

    @Test
    void max_age_deletes_older_ones_even_within_n() {
        assertThat(RetentionSelector.select(
                        scheduled(5), new Rule(10, Optional.of(Duration.ofHours(3))), NOW, Set.of()))
                .containsExactly(new Deletion(4, "retention: age"), new Deletion(5, "retention: age"));
    }

    @Test
    void either_condition_suffices_and_count_is_named_first() {
        assertThat(RetentionSelector.select(
                        scheduled(6),
                        new Rule(4, Optional.of(Duration.ofHours(2).plusMinutes(30))),
                        NOW,
                        Set.of()))
                .containsExactly(
                        new Deletion(3, "retention: age"),
                        new Deletion(4, "retention: age"),
                        new Deletion(5, "retention: count"),
                        new Deletion(6, "retention: count"));
    }

    @Test
    void manual_stop_and_in_progress_snapshots_are_never_candidates() {
        List<Candidate> mixed = new ArrayList<>(scheduled(2));
        mixed.add(snap(10, MANUAL, COMPLETED, 50));
        mixed.add(snap(11, STOP, COMPLETED, 60));
        mixed.add(new Candidate(12, SCHEDULED, IN_PROGRESS, null));
        assertThat(RetentionSelector.select(mixed, new Rule(1, Optional.of(Duration.ofHours(1))), NOW, Set.of()))
                .extracting(Deletion::id)
                .containsExactly(2L);
    }

    @Test
    void the_newest_completed_snapshot_is_kept_even_when_too_old() {
        // One scheduled snapshot, older than the maximum age, and nothing newer: it stays.
        assertThat(RetentionSelector.select(
                        List.of(snap(1, SCHEDULED, COMPLETED, 100)),
                        new Rule(1, Optional.of(Duration.ofHours(1))),
                        NOW,
                        Set.of()))
                .isEmpty();
        // A newer manual snapshot exists: then the old scheduled one may go.
        assertThat(RetentionSelector.select(
                        List.of(snap(1, SCHEDULED, COMPLETED, 100), snap(2, MANUAL, COMPLETED, 1)),
                        new Rule(1, Optional.of(Duration.ofHours(1))),
                        NOW,
                        Set.of()))
                .extracting(Deletion::id)
                .containsExactly(1L);
    }

    @Test
    void the_restore_source_of_the_current_run_is_protected() {
        assertThat(RetentionSelector.select(scheduled(4), new Rule(1, Optional.empty()), NOW, Set.of(3L)))
                .extracting(Deletion::id)
                .containsExactly(2L, 4L);
    }

    @Test
    void failed_deletes_are_selected_again_for_a_retry() {
        List<Candidate> list = List.of(snap(1, SCHEDULED, COMPLETED, 1), snap(2, SCHEDULED, DELETE_FAILED, 2));
        assertThat(RetentionSelector.select(list, new Rule(1, Optional.empty()), NOW, Set.of()))
                .containsExactly(new Deletion(2, "retention: count"));
    }
}
