package dev.stateset.console.base;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Background work keyed by what it waits on (a Flink cluster, a workspace): a few daemon threads of its own, and at
 * most one task per key queued or running. A key whose last task still waits is skipped, so a hung cluster holds one
 * thread at most and its work never piles up (docs/decisions/DD014-a-fleet-of-clusters.md).
 */
public final class OneTaskPerKey<K> {

    private final Set<K> busy = ConcurrentHashMap.newKeySet();
    private final ThreadPoolTaskExecutor threads = new ThreadPoolTaskExecutor();

    /** @param queueCapacity tasks waiting for a thread at most; one more is skipped like a busy key */
    public OneTaskPerKey(String threadNamePrefix, int threadCount, int queueCapacity) {
        threads.setCorePoolSize(threadCount);
        threads.setMaxPoolSize(threadCount);
        threads.setQueueCapacity(queueCapacity);
        threads.setAllowCoreThreadTimeOut(true);
        threads.setDaemon(true);
        threads.setThreadNamePrefix(threadNamePrefix);
        threads.initialize();
    }

    /** Runs the task in the background unless the key's last one is still queued or running; false when skipped. */
    public boolean runUnlessBusy(K key, Runnable task) {
        if (!busy.add(key)) {
            return false;
        }
        try {
            threads.execute(() -> {
                try {
                    task.run();
                } finally {
                    busy.remove(key);
                }
            });
            return true;
        } catch (RejectedExecutionException full) { // the queue is full, or the console shuts down: next time
            busy.remove(key);
            return false;
        }
    }

    public void shutdown() {
        threads.shutdown();
    }
}
