package dev.stateset.console.stateset.internal;

import dev.stateset.console.engine.EngineProperties;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The snapshot worker's threads: Spring's executors, started and shut down with this bean. Steps wait on Flink's REST
 * API and the database, not the CPU, so a few threads keep many snapshots moving; triggers have threads of their own,
 * so that a new snapshot never queues behind the polls of the snapshots in flight. They are not beans themselves: a
 * {@code TaskScheduler} bean would take over every {@code @Scheduled} method of the console (Spring Boot's own
 * scheduler backs off when one exists).
 */
@Component
class SnapshotThreads implements DisposableBean {

    private final ThreadPoolTaskExecutor triggers = new ThreadPoolTaskExecutor();
    private final ThreadPoolTaskScheduler steps = new ThreadPoolTaskScheduler();
    private final Queue<Runnable> heldSteps = new ConcurrentLinkedQueue<>();

    SnapshotThreads(EngineProperties settings) {
        int triggerThreads = Math.max(1, settings.snapshotWorkers() / 2);
        triggers.setCorePoolSize(triggerThreads);
        triggers.setMaxPoolSize(triggerThreads);
        triggers.setDaemon(true);
        triggers.setThreadNamePrefix("snapshot-trigger-");
        triggers.initialize();
        steps.setPoolSize(Math.max(1, settings.snapshotWorkers() - triggerThreads));
        steps.setDaemon(true);
        steps.setThreadNamePrefix("snapshot-step-");
        steps.initialize();
    }

    /** Runs a trigger (new or adopted snapshots) as soon as a trigger thread is free. */
    void trigger(Runnable work) {
        triggers.execute(() -> {
            try {
                work.run();
            } finally {
                releaseHeldSteps();
            }
        });
    }

    /**
     * Runs a later step after the delay, in real time whatever the console's clock says (tests move that clock). Triggers
     * go first: a step that comes due while triggers wait in line is held until the line is empty, so that thousands of
     * snapshots due together reach Flink before the console polls and records the first of them (scheduler benchmark).
     */
    void later(Duration delay, Runnable step) {
        steps.getScheduledExecutor()
                .schedule(
                        () -> {
                            if (!triggersWaiting()) {
                                step.run();
                                return;
                            }
                            heldSteps.add(step);
                            // The last trigger may have finished between the test and the add: look again.
                            if (!triggersWaiting()) {
                                releaseHeldSteps();
                            }
                        },
                        delay.toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    private boolean triggersWaiting() {
        return !triggers.getThreadPoolExecutor().getQueue().isEmpty();
    }

    private void releaseHeldSteps() {
        if (triggersWaiting()) {
            return;
        }
        for (Runnable step = heldSteps.poll(); step != null; step = heldSteps.poll()) {
            steps.getScheduledExecutor().execute(step);
        }
    }

    /** Runs the work every {@code period}, first after one period. */
    void every(Duration period, Runnable work) {
        steps.getScheduledExecutor()
                .scheduleWithFixedDelay(work, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        triggers.shutdown();
        steps.shutdown();
    }
}
