package dev.stateset.console.stateset;

import java.time.Duration;
import java.time.Instant;

/**
 * A job's recovery point: how old the newest state it could be restored from is, against its objective.
 *
 * @param objective          the newest restorable state may be at most this old while the job runs; null when the job
 *                           has no objective
 * @param snapshotOnBreach   whether a breach also triggers a job snapshot
 * @param newestRestorable   the newest completed checkpoint or job snapshot, in words ("checkpoint 42", "snapshot
 *                           #7"); null when there is none
 * @param newestRestorableAt when it completed; null when there is none
 * @param exposedSince       what the age counts from: {@code newestRestorableAt}, or the current run's start when
 *                           nothing is restorable; null when neither is known
 * @param age                how old the recovery point is now; null when {@code exposedSince} is
 * @param running            whether the job runs (state only ages, and the objective only applies, while it does)
 * @param breachedAt         when the guard raised the breach still open; null when none is
 */
public record RecoveryPoint(
        Duration objective,
        boolean snapshotOnBreach,
        String newestRestorable,
        Instant newestRestorableAt,
        Instant exposedSince,
        Duration age,
        boolean running,
        Instant breachedAt) {

    /** Whether the objective is broken now: a running job whose recovery point is older than it allows. */
    public boolean breached() {
        return objective != null && running && age != null && age.compareTo(objective) > 0;
    }
}
