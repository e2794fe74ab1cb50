package dev.stateset.console.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for something the console does in the background (Flink jobs, snapshots), failing with a message. */
public final class Await {

    private Await() {}

    public static <T> T until(Duration timeout, String what, Supplier<T> probe, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what);
            }
        }
        throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what + "; last seen: " + last);
    }

    public static void until(Duration timeout, String what, Supplier<Boolean> condition) {
        until(timeout, what, condition, Boolean.TRUE::equals);
    }
}
