package dev.stateset.console.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.support.Await;
import dev.stateset.console.support.RunningConsoleTest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The broadcaster: committed changes reach subscribers (once), rolled-back ones never, and other replicas' via the feed. */
@RunningConsoleTest
class StateChangesTest {

    /** A workspace id no real workspace has, so that the console's own changes never reach these subscribers. */
    private static final long WORKSPACE = 987_654_321L;

    @Autowired
    StateChanges changes;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    @Autowired
    dev.stateset.console.live.internal.ChangeFeed feed;

    final List<StateChange> heard = new CopyOnWriteArrayList<>();
    StateChanges.Subscription subscription;

    @BeforeEach
    void listen() {
        subscription = changes.subscribe(c -> c.workspaceId() == WORKSPACE, heard::add);
    }

    @AfterEach
    void stop() {
        subscription.cancel();
    }

    @Test
    void a_change_reaches_subscribers_after_its_commit_once_and_is_written_to_the_feed() {
        transactions.executeWithoutResult(tx -> {
            changes.publish(WORKSPACE, 1L, StateChange.Kind.SNAPSHOT);
            changes.publish(WORKSPACE, 1L, StateChange.Kind.SNAPSHOT);
            changes.publish(WORKSPACE, 2L, StateChange.Kind.JOB);
            assertThat(heard).as("nothing before the commit").isEmpty();
        });
        Await.until(Duration.ofSeconds(10), "both changes heard", () -> heard.size() == 2);
        assertThat(heard)
                .containsExactly(
                        new StateChange(WORKSPACE, 1L, StateChange.Kind.SNAPSHOT),
                        new StateChange(WORKSPACE, 2L, StateChange.Kind.JOB));
        assertThat(jdbc.queryForObject(
                        "select count(*) from state_change where workspace_id = ? and job_id in (1, 2)",
                        Integer.class,
                        WORKSPACE))
                .as("one feed row per change and transaction")
                .isEqualTo(2);
    }

    @Test
    void closing_waits_for_the_listener_running_and_delivers_nothing_queued_behind_it() throws Exception {
        // A broadcaster of its own on the real feed, so that closing it leaves the context's alone. The context's
        // broadcaster reads its changes from the feed as another replica's: another workspace id keeps them out of
        // this class's subscriber.
        final long elsewhere = WORKSPACE + 1;
        StateChanges own = new StateChanges(feed, clock, new LiveProperties(Duration.ofSeconds(30)));
        java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<Long> delivered = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean listenerReturned = new java.util.concurrent.atomic.AtomicBoolean();
        own.subscribe(c -> c.workspaceId() == elsewhere, c -> {
            delivered.add(c.jobId());
            if (c.jobId() == 10L) {
                running.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                listenerReturned.set(true);
            }
        });
        own.publish(elsewhere, 10L, StateChange.Kind.JOB);
        for (long job = 11; job <= 15; job++) {
            own.publish(elsewhere, job, StateChange.Kind.JOB);
        }
        assertThat(running.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        Thread closing = new Thread(() -> {
            try {
                own.destroy();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        closing.start();
        Await.until(
                Duration.ofSeconds(10),
                "closing waiting for the listener",
                () -> closing.getState() == Thread.State.TIMED_WAITING);
        assertThat(closing.isAlive()).as("closing waits while a listener runs").isTrue();
        release.countDown();
        closing.join(Duration.ofSeconds(10).toMillis());

        assertThat(closing.isAlive()).isFalse();
        assertThat(listenerReturned).isTrue();
        assertThat(delivered)
                .as("the changes queued behind the running one are not delivered once closing began")
                .containsExactly(10L);
        own.publish(elsewhere, 16L, StateChange.Kind.JOB);
        assertThat(delivered).as("nor one published after closing").containsExactly(10L);
    }

    @Test
    void a_rolled_back_change_is_never_heard_nor_left_in_the_feed() {
        transactions.executeWithoutResult(tx -> {
            changes.publish(WORKSPACE, 3L, StateChange.Kind.JOB);
            tx.setRollbackOnly();
        });
        // A later change on the same thread: once it is heard, the rolled-back one would have been heard before it.
        changes.publish(WORKSPACE, 4L, StateChange.Kind.JOB);
        Await.until(Duration.ofSeconds(10), "the later change heard", () -> !heard.isEmpty());
        assertThat(heard).containsExactly(new StateChange(WORKSPACE, 4L, StateChange.Kind.JOB));
        assertThat(jdbc.queryForObject(
                        "select count(*) from state_change where workspace_id = ? and job_id = 3",
                        Integer.class,
                        WORKSPACE))
                .isZero();
    }

    @Test
    void a_change_another_replica_wrote_to_the_feed_is_heard_once() {
        jdbc.update(
                "insert into state_change (workspace_id, job_id, kind, origin, created_at) values (?, ?, 'CHECKPOINT', 'another-replica', ?)",
                WORKSPACE,
                5L,
                Timestamp.from(clock.instant()));
        Await.until(Duration.ofSeconds(10), "the other replica's change heard", () -> !heard.isEmpty());
        changes.followOtherReplicas();
        changes.followOtherReplicas();
        changes.publish(
                WORKSPACE, 6L, StateChange.Kind.JOB); // a marker: delivered after anything the reads above queued
        Await.until(Duration.ofSeconds(10), "the marker heard", () -> heard.size() >= 2);
        assertThat(heard)
                .containsExactly(
                        new StateChange(WORKSPACE, 5L, StateChange.Kind.CHECKPOINT),
                        new StateChange(WORKSPACE, 6L, StateChange.Kind.JOB));
    }

    @Test
    void a_late_subscriber_hears_what_it_missed_since_its_position_or_is_told_of_a_gap() {
        long position = changes.position();
        changes.publish(WORKSPACE, 7L, StateChange.Kind.JOB);
        changes.publish(WORKSPACE, 8L, StateChange.Kind.SNAPSHOT);
        Await.until(Duration.ofSeconds(10), "both delivered", () -> heard.size() == 2);

        List<StateChange> replayed = new CopyOnWriteArrayList<>();
        List<String> gaps = new CopyOnWriteArrayList<>();
        changes.subscribeSince(
                        position,
                        c -> c.workspaceId() == WORKSPACE && c.kind() == StateChange.Kind.SNAPSHOT,
                        replayed::add,
                        () -> gaps.add("gap"))
                .cancel();
        assertThat(replayed).containsExactly(new StateChange(WORKSPACE, 8L, StateChange.Kind.SNAPSHOT));
        assertThat(gaps).isEmpty();

        // More changes than are remembered: the replay cannot be complete, so the subscriber is told instead.
        List<StateChange> many = new java.util.ArrayList<>();
        for (long job = 100; job < 100 + StateChanges.REMEMBERED + 10; job++) {
            many.add(new StateChange(WORKSPACE, job, StateChange.Kind.CHECKPOINT));
        }
        changes.publishAll(many);
        Await.until(Duration.ofSeconds(30), "all delivered", () -> heard.size() == 2 + many.size());
        changes.subscribeSince(position, c -> c.workspaceId() == WORKSPACE, replayed::add, () -> gaps.add("gap"))
                .cancel();
        assertThat(gaps).containsExactly("gap");
        assertThat(replayed).hasSize(1);
    }
}
