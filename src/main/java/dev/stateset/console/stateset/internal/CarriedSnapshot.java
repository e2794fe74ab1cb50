package dev.stateset.console.stateset.internal;

import dev.stateset.console.job.JobDetails;
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.stateset.SnapshotTrigger;
import java.time.Instant;

/** What this replica knows about a snapshot it carries, so that polling needs no database work; one step at a time. */
final class CarriedSnapshot {
    final long id;
    final JobDetails job;
    final SnapshotTrigger trigger;
    final SnapshotFormat format;
    final boolean drain;
    final Instant createdAt;
    /** The Flink run the snapshot was requested of (null in rows from before it was recorded). */
    final String requestedRun;

    String triggerId;
    int attempts;
    Instant attemptStartedAt;
    /** The Flink job the savepoint was triggered on; null until triggered. */
    String engineJobId;

    int polls;
    /** When Flink accepted the trigger (System.nanoTime): the first poll is timed from then, not from our bookkeeping. */
    long triggeredNanos;

    CarriedSnapshot(
            long id,
            JobDetails job,
            SnapshotTrigger trigger,
            SnapshotFormat format,
            boolean drain,
            Instant createdAt,
            String requestedRun,
            String triggerId,
            int attempts,
            Instant attemptStartedAt,
            String engineJobId) {
        this.id = id;
        this.job = job;
        this.trigger = trigger;
        this.format = format;
        this.drain = drain;
        this.createdAt = createdAt;
        this.requestedRun = requestedRun;
        this.triggerId = triggerId;
        this.attempts = attempts;
        this.attemptStartedAt = attemptStartedAt;
        this.engineJobId = engineJobId;
    }

    /** A snapshot its creator just inserted, leased to this replica, not yet triggered. */
    static CarriedSnapshot created(NewSnapshot s) {
        return new CarriedSnapshot(
                s.id(),
                s.job(),
                s.trigger(),
                s.format(),
                s.drain(),
                s.createdAt(),
                s.job().engineJobId(),
                s.triggerId(),
                0,
                s.createdAt(),
                null);
    }

    /** A snapshot taken over from its row, where its last carrier left it. */
    static CarriedSnapshot resumed(SnapshotEntity row, JobDetails job) {
        return new CarriedSnapshot(
                row.getId(),
                job,
                row.getTrigger(),
                row.getFormat(),
                row.isStopDrain(),
                row.getCreatedAt(),
                row.getRequestedRun(),
                row.getTriggerId(),
                row.getAttempts(),
                row.getAttemptStartedAt() == null ? row.getCreatedAt() : row.getAttemptStartedAt(),
                row.getEngineJobId());
    }
}
