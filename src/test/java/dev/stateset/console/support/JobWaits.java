package dev.stateset.console.support;

import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.stateset.SnapshotService;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.stateset.StateSetService;
import java.time.Duration;
import java.util.Set;

/** Waiting for what Flink does to a job, as the console records it: a status, a snapshot that finished. */
public final class JobWaits {

    private JobWaits() {}

    /** Waits until the job's status is one of {@code statuses}. */
    public static void status(JobService jobs, Duration timeout, long job, JobStatus... statuses) {
        Set<JobStatus> wanted = Set.of(statuses);
        Await.until(
                timeout,
                "job status in " + wanted,
                () -> SystemIdentity.call(() -> jobs.findForSystem(job).status()),
                wanted::contains);
    }

    /** Waits until the snapshot is no longer IN_PROGRESS and returns it. */
    public static JobSnapshot snapshotDone(StateSetService stateSets, Duration timeout, long ws, long job, long id) {
        return Await.until(
                timeout,
                "snapshot " + id,
                () -> SystemIdentity.call(() -> stateSets.snapshot(ws, job, id)),
                s -> s.status() != SnapshotStatus.IN_PROGRESS);
    }

    /** Takes a canonical job snapshot through the console and waits until it COMPLETED (failing the test otherwise). */
    public static JobSnapshot completedSnapshot(
            SnapshotService snapshots, StateSetService stateSets, Duration timeout, long ws, long job) {
        JobSnapshot created = SystemIdentity.call(() -> snapshots.create(ws, job, SnapshotFormat.CANONICAL, ""));
        JobSnapshot done = snapshotDone(stateSets, timeout, ws, job, created.id());
        if (done.status() != SnapshotStatus.COMPLETED) {
            throw new AssertionError("Snapshot " + done.id() + " ended " + done.status() + ": " + done.failureCause());
        }
        return done;
    }

    /**
     * Stops the job with a canonical job snapshot and waits until the snapshot COMPLETED (failing the test otherwise) and
     * the job ended. The stop snapshot holds exactly what the job's sinks reported last: no record is processed after.
     */
    public static JobSnapshot stoppedWithSnapshot(
            dev.stateset.console.stateset.JobLifecycleService lifecycle,
            StateSetService stateSets,
            JobService jobs,
            Duration timeout,
            long ws,
            long job) {
        JobSnapshot stop = SystemIdentity.call(() -> lifecycle.stop(ws, job, true, false, SnapshotFormat.CANONICAL))
                .orElseThrow();
        JobSnapshot done = snapshotDone(stateSets, timeout, ws, job, stop.id());
        if (done.status() != SnapshotStatus.COMPLETED) {
            throw new AssertionError(
                    "Stop snapshot " + done.id() + " ended " + done.status() + ": " + done.failureCause());
        }
        Await.until(timeout, "the job ended", () -> {
            JobStatus status = SystemIdentity.call(() -> jobs.findForSystem(job).status());
            return status != JobStatus.RUNNING && status != JobStatus.STOPPING;
        });
        return done;
    }

    /**
     * A team's own canonical savepoint of a running Flink job, taken straight through Flink (not the console) into
     * {@code directory}; returns its location once Flink says it COMPLETED.
     */
    public static String savepointThroughFlink(
            dev.stateset.console.engine.FlinkEngine flink,
            String engineJobId,
            java.nio.file.Path directory,
            Duration timeout) {
        String triggerId = dev.stateset.console.stateset.TriggerIds.random();
        flink.triggerSavepoint(
                engineJobId,
                new dev.stateset.console.engine.SavepointRequest(
                        directory.toAbsolutePath().toUri().toString(),
                        dev.stateset.console.engine.SavepointFormatType.CANONICAL,
                        triggerId));
        dev.stateset.console.engine.SavepointStatus made = Await.until(
                timeout,
                "the savepoint taken through Flink",
                () -> flink.savepointStatus(engineJobId, triggerId),
                s -> s.state() != dev.stateset.console.engine.SavepointStatus.State.IN_PROGRESS);
        if (made.state() != dev.stateset.console.engine.SavepointStatus.State.COMPLETED) {
            throw new AssertionError("The savepoint through Flink ended " + made.state() + ": " + made.failureCause());
        }
        return made.location();
    }
}
