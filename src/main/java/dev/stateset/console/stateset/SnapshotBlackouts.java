package dev.stateset.console.stateset;

import dev.stateset.console.job.JobDetails;
import java.time.Instant;
import java.util.Optional;

/**
 * The blackout windows in which no scheduled snapshot of a job starts, as far as this feature needs them: a manual
 * snapshot inside one asks first, and the recovery-point guard's snapshot waits for its end. Implemented by the policy
 * feature, which keeps the windows (and depends on this one).
 */
public interface SnapshotBlackouts {

    /** When the window the job is in at {@code at} ends; empty when {@code at} is outside every window. */
    Optional<Instant> windowEndAt(JobDetails job, Instant at);
}
