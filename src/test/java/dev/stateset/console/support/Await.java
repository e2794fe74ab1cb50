package dev.stateset.console.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waits for something the console does in the background (Flink jobs, snapshots), failing with a message that says
 * what was awaited and what was last seen. Awaitility does the waiting; this keeps the suite's one-line form.
 */
public final class Await {

    private static final Duration POLL = Duration.ofMillis(200);

    private Await() {}

    public static <T> T until(Duration timeout, String what, Supplier<T> probe, Predicate<T> done) {
        AtomicReference<T> last = new AtomicReference<>();
        try {
            // In the calling thread: probes use its security context, and Karibu tests their UI.
            return Awaitility.await(what)
                    .atMost(timeout)
                    .pollInSameThread()
                    .pollDelay(Duration.ZERO)
                    .pollInterval(POLL)
                    .until(
                            () -> {
                                T value = probe.get();
                                last.set(value);
                                return value;
                            },
                            done::test);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "Timed out after " + timeout.toSeconds() + " s waiting for " + what + "; last seen: " + last.get());
        }
    }

    public static void until(Duration timeout, String what, Supplier<Boolean> condition) {
        until(timeout, what, condition, Boolean.TRUE::equals);
    }
}
