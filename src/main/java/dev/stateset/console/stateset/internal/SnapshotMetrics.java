package dev.stateset.console.stateset.internal;

import dev.stateset.console.stateset.SnapshotTrigger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The console's own meters (Prometheus names in brackets): snapshots triggered on Flink, completed and failed, per
 * trigger kind ({@code stateset_snapshots_*_total}); how late a scheduled snapshot was created after its due time
 * ({@code stateset_schedule_trigger_lag_seconds}); snapshots deleted by cleanup, and deletes that failed
 * ({@code stateset_cleanup_deletions_total}). Flink REST latency is measured in the adapter.
 */
@Component
public class SnapshotMetrics {

    private final MeterRegistry registry;
    private final Timer triggerLag;

    SnapshotMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.triggerLag = Timer.builder("stateset.schedule.trigger.lag")
                .description("Time from a schedule's due time to its snapshot being created")
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram(false)
                .register(registry);
        for (SnapshotTrigger trigger : SnapshotTrigger.values()) {
            // Registered up front, so a dashboard shows 0 rather than "no data" before the first snapshot.
            counter("stateset.snapshots.triggered", trigger);
            counter("stateset.snapshots.completed", trigger);
            counter("stateset.snapshots.failed", trigger);
        }
        deletions("deleted");
        deletions("failed");
        adoptions();
    }

    public void triggered(SnapshotTrigger trigger) {
        counter("stateset.snapshots.triggered", trigger).increment();
    }

    public void completed(SnapshotTrigger trigger) {
        counter("stateset.snapshots.completed", trigger).increment();
    }

    public void failed(SnapshotTrigger trigger) {
        counter("stateset.snapshots.failed", trigger).increment();
    }

    /** A snapshot this replica took over because no live replica held its lease (stopped, died, or: clocks disagreed). */
    public void adopted() {
        adoptions().increment();
    }

    private Counter adoptions() {
        return Counter.builder("stateset.snapshots.adopted")
                .description("Snapshots in flight taken over from a replica whose lease lapsed")
                .register(registry);
    }

    public void scheduledCreated(Duration lagAfterDue) {
        triggerLag.record(lagAfterDue.isNegative() ? Duration.ZERO : lagAfterDue);
    }

    public void cleanupDeletion(boolean deleted) {
        deletions(deleted ? "deleted" : "failed").increment();
    }

    private Counter counter(String name, SnapshotTrigger trigger) {
        return Counter.builder(name).tag("trigger", trigger.name()).register(registry);
    }

    private Counter deletions(String outcome) {
        return Counter.builder("stateset.cleanup.deletions")
                .tag("outcome", outcome)
                .description("Snapshots deleted by automatic cleanup")
                .register(registry);
    }
}
