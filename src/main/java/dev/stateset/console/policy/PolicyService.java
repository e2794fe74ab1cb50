package dev.stateset.console.policy;

import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.base.FieldErrors;
import dev.stateset.console.cron.BlackoutWindows;
import dev.stateset.console.cron.CronDialect;
import dev.stateset.console.cron.CronSchedule;
import dev.stateset.console.cron.InvalidCronException;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobService;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.policy.internal.PolicyEntity;
import dev.stateset.console.policy.internal.PolicyRepository;
import dev.stateset.console.security.CurrentUser;
import dev.stateset.console.workspace.WorkspaceRole;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Snapshot policies: scheduled creation (cron) and automatic cleanup (keep N, maximum age) per job. */
@Service
@Transactional
public class PolicyService {

    public static final int MAX_KEEP = 1000;
    public static final int MAX_SPREAD = 60;
    public static final Duration MAX_RETENTION = Duration.ofDays(3650);
    /** The largest retention value a form offers: {@link #MAX_RETENTION} in the smaller unit, hours. */
    public static final int MAX_RETENTION_HOURS = (int) MAX_RETENTION.toHours();

    private final PolicyRepository policies;
    private final JobService jobs;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final Clock clock;
    private final StateChanges changes;
    private final dev.stateset.console.workspace.WorkspaceService workspaces;

    PolicyService(
            PolicyRepository policies,
            JobService jobs,
            CurrentUser currentUser,
            AuditLog audit,
            Clock clock,
            StateChanges changes,
            dev.stateset.console.workspace.WorkspaceService workspaces) {
        this.workspaces = workspaces;
        this.changes = changes;
        this.policies = policies;
        this.jobs = jobs;
        this.currentUser = currentUser;
        this.audit = audit;
        this.clock = clock;
    }

    /** The job's policy (the defaults, all off, when none was saved yet). */
    @Transactional(readOnly = true)
    public SnapshotPolicy get(long workspaceId, long jobId) {
        JobDetails job = jobs.get(workspaceId, jobId);
        return policies.findByJobId(job.id())
                .map(PolicyService::toRecord)
                .orElse(new SnapshotPolicy(job.id(), PolicyDraft.defaults(), null, Duration.ZERO, null, null));
    }

    /** When each of the workspace's scheduled jobs next takes a snapshot; jobs without a schedule are absent. */
    @Transactional(readOnly = true)
    public java.util.Map<Long, Instant> nextDueTimes(long workspaceId) {
        java.util.Map<Long, Instant> due = new java.util.HashMap<>();
        for (List<Long> chunk : dev.stateset.console.base.Chunks.of(jobs.jobIds(workspaceId), 500)) {
            for (Object[] row : policies.nextDueAmong(chunk)) {
                if (row[1] != null) {
                    due.put((Long) row[0], (Instant) row[1]);
                }
            }
        }
        return due;
    }

    /**
     * Validates and saves a policy (every problem reported per field, nothing saved while any remains) and computes
     * its next due time in the workspace's time zone.
     */
    public SnapshotPolicy save(long workspaceId, long jobId, PolicyDraft draft) {
        JobDetails job = jobs.get(workspaceId, jobId);
        job.workspace().requireRole(WorkspaceRole.EDITOR, "Changing policies");
        CronSchedule cron = validate(draft);
        BlackoutWindows jobWindows = BlackoutWindows.parse(draft.blackoutWindows(), "blackoutWindows");
        BlackoutWindows windows = workspaceWindows(workspaceId).and(jobWindows);
        PolicyEntity policy =
                policies.findByJobId(job.id()).orElseGet(() -> new PolicyEntity(job.id(), clock.instant()));
        policy.setCreationEnabled(draft.creationEnabled());
        policy.setCronExpression(cron == null ? null : cron.expression());
        policy.setFormat(draft.format());
        policy.setSpreadMinutes(draft.spreadMinutes());
        policy.setBlackoutWindows(jobWindows.text());
        policy.setCleanupEnabled(draft.cleanupEnabled());
        policy.setKeepCount(draft.keepCount());
        policy.setMaxRetentionValue(draft.retentionValue());
        policy.setMaxRetentionUnit(draft.retentionValue() == null ? null : draft.retentionUnit());
        Instant now = clock.instant();
        policy.setNextDueAt(
                draft.creationEnabled()
                        ? DueTimes.next(
                                        cron,
                                        job.workspace().zone(),
                                        now,
                                        null,
                                        DueTimes.offset(job.id(), draft.spreadMinutes()),
                                        windows)
                                .orElse(null)
                        : null);
        policy.setUpdatedBy(currentUser.require().username());
        policy.setUpdatedAt(now);
        policies.save(policy);
        audit.record(
                workspaceId, "policy.update", "job", job.id(), describe(draft) + ", nextDue=" + policy.getNextDueAt());
        changes.publish(workspaceId, job.id(), StateChange.Kind.POLICY);
        return toRecord(policy);
    }

    /**
     * The next due times of a draft for this job, for the Configuration tab's preview.
     *
     * @param dueTimes        with its spreading offset, moved out of the workspace's and the draft's blackout windows
     * @param blackoutWindows whether any window (the workspace's or the draft's) applied
     */
    public record DuePreview(List<Instant> dueTimes, boolean blackoutWindows) {}

    /** The next {@code count} due times of a draft for this job (see {@link DuePreview}). */
    @Transactional(readOnly = true)
    public DuePreview previewDueTimes(
            long workspaceId, long jobId, String cronExpression, int spreadMinutes, String blackoutWindows, int count) {
        JobDetails job = jobs.get(workspaceId, jobId);
        CronSchedule cron = CronDialect.parse(cronExpression);
        BlackoutWindows windows =
                workspaceWindows(workspaceId).and(BlackoutWindows.parse(blackoutWindows, "blackoutWindows"));
        Duration offset = DueTimes.offset(job.id(), Math.max(0, Math.min(MAX_SPREAD, spreadMinutes)));
        List<Instant> due = new ArrayList<>();
        Instant cursor = clock.instant();
        Instant last = null;
        while (due.size() < count) {
            var next = DueTimes.next(cron, job.workspace().zone(), cursor, last, offset, windows);
            if (next.isEmpty()) {
                break;
            }
            due.add(next.get());
            last = next.get();
            cursor = next.get();
        }
        return new DuePreview(due, !windows.isEmpty());
    }

    /** The workspace's own windows, which every job's schedule keeps out of (read as the scheduler reads them). */
    private BlackoutWindows workspaceWindows(long workspaceId) {
        return BlackoutWindows.saved(workspaces.settings(workspaceId).blackoutWindows(), "workspace " + workspaceId);
    }

    private static CronSchedule validate(PolicyDraft draft) {
        FieldErrors errors = new FieldErrors();
        CronSchedule cron = null;
        boolean hasCron =
                draft.cronExpression() != null && !draft.cronExpression().isBlank();
        if (draft.creationEnabled() && !hasCron) {
            errors.add("cronExpression", "A schedule is required when scheduled creation is on");
        } else if (hasCron) {
            try {
                cron = CronDialect.parse(draft.cronExpression());
            } catch (InvalidCronException e) {
                errors.add("cronExpression", e.getMessage());
            }
        }
        if (draft.format() == null) {
            errors.add("format", "Choose a snapshot format");
        }
        try {
            BlackoutWindows.parse(draft.blackoutWindows(), "blackoutWindows");
        } catch (dev.stateset.console.base.InvalidInputException e) {
            e.fieldErrors().forEach(errors::add);
        }
        if (draft.spreadMinutes() < 0 || draft.spreadMinutes() > MAX_SPREAD) {
            errors.add("spreadMinutes", "Load spreading must be between 0 and " + MAX_SPREAD + " minutes");
        }
        if (draft.keepCount() < 1 || draft.keepCount() > MAX_KEEP) {
            errors.add("keepCount", "Keep between 1 and " + MAX_KEEP + " snapshots");
        }
        if (draft.retentionValue() != null) {
            if (draft.retentionValue() < 1) {
                errors.add("retentionValue", "The maximum retention period must be at least 1 (or empty for none)");
            } else if (draft.retentionUnit() == null) {
                errors.add("retentionUnit", "Choose hours or days");
            } else if (draft.retentionUnit().of(draft.retentionValue()).compareTo(MAX_RETENTION) > 0) {
                errors.add("retentionValue", "The maximum retention period must be at most 10 years");
            }
        }
        errors.throwIfAny();
        return cron;
    }

    private static String describe(PolicyDraft d) {
        return "creation=" + d.creationEnabled() + ", cron=" + d.cronExpression() + ", format=" + d.format()
                + ", spread="
                + d.spreadMinutes() + "min, cleanup=" + d.cleanupEnabled() + ", keep=" + d.keepCount() + ", maxAge="
                + (d.retentionValue() == null ? "none" : d.retentionValue() + " " + d.retentionUnit())
                + (d.blackoutWindows() == null || d.blackoutWindows().isBlank()
                        ? ""
                        : ", blackout=" + d.blackoutWindows().strip().replace('\n', ';'));
    }

    static SnapshotPolicy toRecord(PolicyEntity p) {
        PolicyDraft settings = new PolicyDraft(
                p.isCreationEnabled(),
                p.getCronExpression() == null ? "" : p.getCronExpression(),
                p.getFormat(),
                p.getSpreadMinutes(),
                p.isCleanupEnabled(),
                p.getKeepCount(),
                p.getMaxRetentionValue(),
                p.getMaxRetentionUnit() == null ? RetentionUnit.DAYS : p.getMaxRetentionUnit(),
                p.getBlackoutWindows());
        return new SnapshotPolicy(
                p.getJobId(),
                settings,
                p.getNextDueAt(),
                DueTimes.offset(p.getJobId(), p.getSpreadMinutes()),
                p.getUpdatedBy(),
                p.getUpdatedAt());
    }
}
