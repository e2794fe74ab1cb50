package dev.stateset.console.stateset.internal;

import dev.stateset.console.alert.JobWebhook;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.stateset.SnapshotTrigger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The snapshot-failure alert of a job: active while at least N scheduled snapshots failed within the last M minutes.
 * When a failure makes the count reach N, the workspace's webhook (if any) gets one JSON POST ({@link JobWebhook}).
 */
@Component
public class SnapshotAlerts {

    private final SnapshotRepository snapshots;
    private final JobWebhook webhook;
    private final Clock clock;
    private final int threshold;
    private final Duration window;

    SnapshotAlerts(SnapshotRepository snapshots, JobWebhook webhook, Clock clock, AlertProperties settings) {
        this.snapshots = snapshots;
        this.webhook = webhook;
        this.clock = clock;
        this.threshold = settings.failures();
        this.window = settings.window();
    }

    /** The alert text for the job's Overview, when active. */
    public Optional<String> activeAlert(long jobId) {
        long failures = recentFailures(jobId);
        return failures >= threshold
                ? Optional.of(failures + " scheduled snapshots failed in the last " + window.toMinutes()
                        + " minutes; see the History tab for the causes")
                : Optional.empty();
    }

    /** Called after a scheduled snapshot failed for good: the failure that makes the count reach N posts once. */
    void onScheduledFailure(JobDetails job, String cause) {
        long failures = recentFailures(job.id());
        if (failures != threshold) {
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("failures", failures);
        fields.put("windowMinutes", window.toMinutes());
        fields.put("lastCause", cause);
        webhook.post(job.workspace(), job.id(), job.name(), "snapshot.failures", fields);
    }

    private long recentFailures(long jobId) {
        Instant since = clock.instant().minus(window);
        return snapshots.countByJobIdAndTriggerAndStatusAndCompletedAtAfter(
                jobId, SnapshotTrigger.SCHEDULED, SnapshotStatus.FAILED, since);
    }
}
