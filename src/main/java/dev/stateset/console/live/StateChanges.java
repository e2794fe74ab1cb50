package dev.stateset.console.live;

import dev.stateset.console.live.internal.ChangeFeed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one broadcaster of changes. Services publish what they changed; pages subscribe to what they show and re-read it,
 * so an open page follows a change within a second without asking Flink or the database on a timer of its own.
 *
 * <p>A change made in a transaction reaches this replica's subscribers after the commit (never a change that was rolled
 * back), and is written to the {@code state_change} feed in the same transaction, from which every other replica picks
 * it up within {@code stateset.live.feed-interval}: a snapshot completed by replica A shows on a page served by replica
 * B. docs/decisions/DD006-live-pages-by-push.md
 */
@Component
public class StateChanges implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StateChanges.class);
    /** How far back each read of the feed looks: a transaction that commits later than this after its insert is missed. */
    static final Duration FEED_WINDOW = Duration.ofSeconds(10);
    /** Feed rows older than this are deleted (by whichever replica gets there). */
    static final Duration FEED_RETENTION = Duration.ofMinutes(2);

    private final ChangeFeed feed;
    private final Clock clock;
    private final String origin = UUID.randomUUID().toString();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    /** Subscribers are called on one thread of their own: a publisher never runs page code or waits on a browser. */
    private final ThreadPoolTaskExecutor delivery = singleThread("live-updates-");
    /** How long closing waits for a listener still running (its page's refresh reads the database). */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    /** Set when the context closes: changes still queued are not delivered to listeners. */
    private volatile boolean closed;

    /**
     * The last changes delivered on this replica, numbered: a page that read its data before it subscribed catches up
     * on what it missed in between ({@link #subscribeSince}).
     */
    private final java.util.ArrayDeque<Numbered> recent = new java.util.ArrayDeque<>();

    private long lastNumber;

    private final Map<Long, Instant> seenFromOthers = new HashMap<>();
    private final Duration purgeEvery;
    private Instant lastPurge = Instant.EPOCH;

    StateChanges(ChangeFeed feed, Clock clock, LiveProperties settings) {
        this.feed = feed;
        this.clock = clock;
        this.purgeEvery = settings.feedPurgeInterval();
    }

    /** A subscription; {@link #cancel()} ends it. */
    public interface Subscription {
        void cancel();
    }

    private record Subscriber(Predicate<StateChange> which, Consumer<StateChange> listener) {}

    private record Numbered(long number, StateChange change) {}

    /** How many delivered changes are remembered for {@link #subscribeSince}. */
    static final int REMEMBERED = 4_096;

    /** Announces a change of a job ({@code jobId}) or of a whole workspace ({@code jobId} null). */
    public void publish(long workspaceId, Long jobId, StateChange.Kind kind) {
        publishAll(List.of(new StateChange(workspaceId, jobId, kind)));
    }

    /**
     * Announces many changes with one batched write, e.g. the scheduler's snapshots of a thousand jobs due at one minute.
     * In a transaction they reach subscribers after the commit, and not at all after a rollback.
     */
    public void publishAll(java.util.Collection<StateChange> changes) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            Set<StateChange> distinct = new LinkedHashSet<>(changes);
            write(distinct);
            distinct.forEach(this::deliver);
            return;
        }
        @SuppressWarnings("unchecked")
        Set<StateChange> pending = (Set<StateChange>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            Set<StateChange> inTransaction = new LinkedHashSet<>();
            TransactionSynchronizationManager.bindResource(this, inTransaction);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(StateChanges.this);
                    if (status == STATUS_COMMITTED) {
                        inTransaction.forEach(StateChanges.this::deliver);
                    }
                }
            });
            pending = inTransaction;
        }
        List<StateChange> fresh = new java.util.ArrayList<>();
        for (StateChange change : changes) {
            if (pending.add(change)) {
                fresh.add(change);
            }
        }
        // Once per change and transaction, inside it: other replicas see the change exactly when it is committed.
        write(fresh);
    }

    /**
     * Calls {@code listener} (on the broadcaster's thread) for every change {@code which} accepts, until the returned
     * subscription is cancelled. Listeners must be quick: hand the work on, as {@code ui.access} does.
     */
    public Subscription subscribe(Predicate<StateChange> which, Consumer<StateChange> listener) {
        Subscriber subscriber = new Subscriber(which, listener);
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** Where delivery stands now: pass it to {@link #subscribeSince} to hear every change delivered after this. */
    public long position() {
        synchronized (recent) {
            return lastNumber;
        }
    }

    /**
     * Like {@link #subscribe}, and first replays (on the caller's thread) the changes {@code which} accepts that were
     * delivered after {@code position}. A page reads its data, then subscribes when it is attached: a change delivered
     * in between would otherwise never reach it. If some of those changes are no longer remembered, {@code onGap} runs
     * instead, once.
     */
    public Subscription subscribeSince(
            long position, Predicate<StateChange> which, Consumer<StateChange> listener, Runnable onGap) {
        Subscriber subscriber = new Subscriber(which, listener);
        List<StateChange> missed = new java.util.ArrayList<>();
        boolean gap;
        // Under the lock deliveries number their changes with: each change is either replayed here or delivered live.
        synchronized (recent) {
            subscribers.add(subscriber);
            gap = lastNumber > position
                    && (recent.isEmpty() || recent.peekFirst().number() > position + 1);
            if (!gap) {
                for (Numbered n : recent) {
                    if (n.number() > position && which.test(n.change())) {
                        missed.add(n.change());
                    }
                }
            }
        }
        if (gap) {
            onGap.run();
        } else {
            missed.forEach(listener);
        }
        return () -> subscribers.remove(subscriber);
    }

    int subscriberCount() {
        return subscribers.size();
    }

    private void write(java.util.Collection<StateChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        feed.append(changes, origin, clock.instant());
    }

    /** One Spring executor thread, owned by this bean (an {@code Executor} bean would make Spring Boot's own back off). */
    private static ThreadPoolTaskExecutor singleThread(String name) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setDaemon(true);
        executor.setThreadNamePrefix(name);
        executor.initialize();
        return executor;
    }

    /**
     * Stops delivering and waits for a listener still running, as soon as the context starts closing: refreshes of open
     * pages read the database, and the UI benchmark's shutdown logged one failing on a closed entity manager.
     */
    @org.springframework.context.event.EventListener(org.springframework.context.event.ContextClosedEvent.class)
    public void contextClosing() throws InterruptedException {
        destroy();
    }

    @Override
    public void destroy() throws InterruptedException {
        closed = true;
        delivery.getThreadPoolExecutor().shutdown();
        if (!delivery.getThreadPoolExecutor().awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("A live-update listener was still running {} after shutdown began", CLOSE_WAIT);
        }
    }

    private void deliver(StateChange change) {
        if (closed) {
            return; // the context is closing: no page is left to tell
        }
        delivery.execute(() -> {
            synchronized (recent) {
                recent.addLast(new Numbered(++lastNumber, change));
                if (recent.size() > REMEMBERED) {
                    recent.removeFirst();
                }
            }
            for (Subscriber s : subscribers) {
                if (closed) {
                    return;
                }
                try {
                    if (s.which().test(change)) {
                        s.listener().accept(change);
                    }
                } catch (RuntimeException e) {
                    log.warn("A live-update listener failed on {}: {}", change, e.toString());
                }
            }
        });
    }

    /** Picks up what other replicas published; each of their changes is delivered once. */
    @Scheduled(
            fixedDelayString = "${stateset.live.feed-interval:250ms}",
            initialDelayString = "${stateset.live.feed-interval:250ms}")
    synchronized void followOtherReplicas() {
        Instant now = clock.instant();
        try {
            for (ChangeFeed.Entry entry : feed.writtenByOthersSince(now.minus(FEED_WINDOW), origin)) {
                if (seenFromOthers.putIfAbsent(entry.id(), now) == null) {
                    deliver(entry.change());
                }
            }
            seenFromOthers.values().removeIf(seen -> seen.isBefore(now.minus(FEED_WINDOW.multipliedBy(2))));
            if (lastPurge.isBefore(now.minus(purgeEvery))) {
                lastPurge = now;
                feed.deleteOlderThan(now.minus(FEED_RETENTION));
            }
        } catch (RuntimeException e) {
            log.warn("Could not read the change feed of other replicas: {}", e.toString());
        }
    }
}
