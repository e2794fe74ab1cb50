package dev.stateset.console.engine.flinkrest;

import dev.stateset.console.engine.EngineUnavailableException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One cluster's share of the console: at most {@code maxConcurrentCalls} calls to it at a time (a bulkhead; one more
 * fails at once instead of queueing a thread), and a circuit breaker that stops calling a cluster whose calls keep
 * timing out or failing to connect, failing fast until it tries again. Only "Flink did not answer" counts as a failure;
 * an HTTP error is an answer. So a hung cluster holds at most a few threads, never the request pool, the database pool
 * or another cluster's calls (docs/decisions/DD004-one-hung-cluster-fails-small.md).
 */
public final class ClusterGuard {

    /** Settings shared by every cluster's guard. */
    public record Settings(int maxConcurrentCalls, int failuresToOpen, Duration openFor) {

        public static Settings defaults() {
            return new Settings(16, 5, Duration.ofSeconds(15));
        }
    }

    private final URI cluster;
    private final int maxConcurrentCalls;
    private final Bulkhead bulkhead;
    private final CircuitBreaker breaker;

    /** Calls to this cluster at the same time at most; more are refused at once. */
    int maxConcurrentCalls() {
        return maxConcurrentCalls;
    }

    public ClusterGuard(URI cluster, Settings settings) {
        this.cluster = cluster;
        this.maxConcurrentCalls = settings.maxConcurrentCalls();
        this.bulkhead = Bulkhead.of(
                "flink " + cluster,
                BulkheadConfig.custom()
                        .maxConcurrentCalls(settings.maxConcurrentCalls())
                        .maxWaitDuration(Duration.ZERO)
                        .build());
        int window = Math.max(settings.failuresToOpen() * 2, 10);
        this.breaker = CircuitBreaker.of(
                "flink " + cluster,
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(window)
                        .minimumNumberOfCalls(settings.failuresToOpen())
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(settings.openFor())
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .automaticTransitionFromOpenToHalfOpenEnabled(false)
                        .build());
    }

    /** A call's permission; the caller reports how it went and then closes it. */
    public final class Permit implements AutoCloseable {
        private final long started = System.nanoTime();
        private boolean reported;

        /** Flink answered (any HTTP status). */
        public void answered() {
            reported = true;
            breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }

        /** Flink did not answer: timeout, refused or broken connection. */
        public void unanswered(Throwable why) {
            reported = true;
            breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, why);
        }

        @Override
        public void close() {
            if (!reported) {
                breaker.releasePermission(); // interrupted or failed before sending: says nothing about the cluster
            }
            bulkhead.onComplete();
        }
    }

    /**
     * Permission for one call, or at once an {@link EngineUnavailableException} saying why not: the cluster has not
     * been answering, or as many calls as it may have are already waiting for it.
     */
    public Permit enter() {
        if (!breaker.tryAcquirePermission()) {
            throw new EngineUnavailableException(
                    "Flink at " + cluster + " is unreachable or not answering (its recent calls could not "
                            + "connect or timed out); the console tries it again shortly",
                    null);
        }
        if (!bulkhead.tryAcquirePermission()) {
            breaker.releasePermission();
            throw new EngineUnavailableException(
                    "Flink at " + cluster + " is busy: "
                            + bulkhead.getBulkheadConfig().getMaxConcurrentCalls()
                            + " calls to it are already waiting for an answer; try again shortly",
                    null);
        }
        return new Permit();
    }
}
