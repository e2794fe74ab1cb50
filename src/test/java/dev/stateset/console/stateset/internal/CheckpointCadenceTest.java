package dev.stateset.console.stateset.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.engine.CheckpointStatistics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the recorder reads a job next: by the job's own checkpoint rhythm, on the tick only while something is due. */
class CheckpointCadenceTest {

    static final Duration TICK = Duration.ofSeconds(2);
    static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");

    /** Checkpoints triggered {@code every} apart, the latest at {@code T0}, each taking 300 ms. */
    private static CheckpointStatistics rhythm(Duration every, int count, boolean latestInProgress) {
        List<CheckpointStatistics.Checkpoint> history = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant trigger = T0.minus(every.multipliedBy(i));
            boolean inProgress = latestInProgress && i == 0;
            history.add(new CheckpointStatistics.Checkpoint(
                    count - i,
                    inProgress ? "IN_PROGRESS" : "COMPLETED",
                    false,
                    trigger,
                    inProgress ? null : trigger.plusMillis(300),
                    inProgress ? null : Duration.ofMillis(300),
                    1,
                    1,
                    null,
                    null));
        }
        return new CheckpointStatistics(
                new CheckpointStatistics.Counts(count, latestInProgress ? 1 : 0, count, 0, 0),
                Optional.empty(),
                Optional.empty(),
                history);
    }

    @Test
    void a_job_is_read_just_after_its_next_checkpoint_should_have_ended() {
        CheckpointRecorder.Cadence next = CheckpointRecorder.next(
                rhythm(Duration.ofMinutes(3), 5, false), Duration.ofMinutes(1), true, null, T0.plusSeconds(1), TICK);
        assertThat(next.next())
                .as("the observed rhythm (3 min) wins over the configured interval (1 min)")
                .isEqualTo(T0.plus(Duration.ofMinutes(3)).plusMillis(300).plus(CheckpointRecorder.SLACK));
        assertThat(next.misses()).isZero();
    }

    @Test
    void a_checkpoint_in_progress_is_read_again_on_the_tick() {
        CheckpointRecorder.Cadence next = CheckpointRecorder.next(
                rhythm(Duration.ofMinutes(3), 5, true), Duration.ofMinutes(1), false, null, T0.plusSeconds(1), TICK);
        assertThat(next.next()).isEqualTo(T0.plusSeconds(1).plus(TICK));
    }

    @Test
    void an_overdue_checkpoint_is_looked_for_less_and_less_often_up_to_the_interval() {
        CheckpointStatistics stats = rhythm(Duration.ofMinutes(1), 5, false);
        Instant now = T0.plus(Duration.ofMinutes(2)); // the next one was due a minute ago
        CheckpointRecorder.Cadence c = CheckpointRecorder.next(stats, null, false, null, now, TICK);
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            waits.add(Duration.between(now, c.next()));
            c = CheckpointRecorder.next(stats, null, false, c, now, TICK);
        }
        assertThat(waits)
                .containsExactly(
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(16),
                        Duration.ofSeconds(32),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(1));
        assertThat(CheckpointRecorder.next(stats, null, true, c, now, TICK).misses())
                .as("something new found: back to the tick")
                .isZero();
    }

    @Test
    void a_job_without_checkpoints_yet_backs_off_to_its_configured_interval() {
        CheckpointStatistics none = rhythm(Duration.ofMinutes(1), 0, false);
        CheckpointRecorder.Cadence c = null;
        for (int i = 0; i < 10; i++) {
            c = CheckpointRecorder.next(none, Duration.ofSeconds(30), false, c, T0, TICK);
        }
        assertThat(c.next()).isEqualTo(T0.plusSeconds(30));
        assertThat(CheckpointRecorder.next(none, null, false, c, T0, TICK).next())
                .as("nor a configured interval: the longest gap")
                .isEqualTo(T0.plus(CheckpointRecorder.LONGEST_GAP));
    }

    @Test
    void a_rhythm_far_away_is_still_read_within_the_longest_gap() {
        CheckpointRecorder.Cadence next = CheckpointRecorder.next(
                rhythm(Duration.ofHours(2), 3, false), null, true, null, T0.plusSeconds(1), TICK);
        assertThat(next.next()).isEqualTo(T0.plusSeconds(1).plus(CheckpointRecorder.LONGEST_GAP));
    }
}
