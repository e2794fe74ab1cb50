package dev.stateset.console.policy.internal;

import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.cron.CronDialect;
import dev.stateset.console.cron.CronSchedule;
import dev.stateset.console.cron.InvalidCronException;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobService;
import dev.stateset.console.policy.DueTimes;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.SnapshotService;
import dev.stateset.console.stateset.TriggerIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fires scheduled job snapshots. Each tick claims a batch of the policies whose persisted next due time has come with
 * one UPDATE that marks them with the tick's token; then each due time is finished with a conditional UPDATE
 * ({@code … where claim_token = :token and next_due_at = :due}): on one database, whichever replica marks a row first
 * owns that due time, the others update nothing. Claim, outcome record and snapshot row are
 * one transaction, and the snapshot's trigger id is derived from (policy, due time), so a due time yields at most
 * one savepoint. A due time older than the grace period (the console was down) is recorded as MISSED and never
 * replayed; the schedule resumes from now, so one due time within the grace period still fires once.
 */
@Component
public class SnapshotScheduler {

    private static final Logger log = LoggerFactory.getLogger(SnapshotScheduler.class);
    static final int BATCH = 500;
    /** How long a tick's claim keeps other replicas off its batch; a replica that dies frees it after this. */
    private static final Duration CLAIM_TTL = Duration.ofMinutes(2);

    private final PolicyRepository policies;
    private final ScheduleEventRepository events;
    private final JobService jobs;
    private final SnapshotService snapshots;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration grace;

    SnapshotScheduler(PolicyRepository policies, ScheduleEventRepository events, JobService jobs, SnapshotService snapshots,
            TransactionTemplate transactions, AuditLog audit, Clock clock,
            @Value("${stateset.scheduler.grace-period:10m}") Duration grace) {
        this.policies = policies;
        this.events = events;
        this.jobs = jobs;
        this.snapshots = snapshots;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
        this.grace = grace;
    }

    @Scheduled(fixedDelayString = "${stateset.scheduler.tick:5s}", initialDelayString = "${stateset.scheduler.tick:5s}")
    void scheduledTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.error("Scheduler tick failed", e);
        }
    }

    /**
     * Handles every due time that has come; returns how many this instance claimed. Per batch of up to {@value #BATCH}
     * due policies: one claim UPDATE, one read of the claimed rows, one read of their jobs; then per due time its
     * own small transaction (move the policy on, record the event, create the snapshot).
     */
    public int tick() {
        return SystemIdentity.call(() -> {
            Instant now = clock.instant();
            int claimed = 0;
            // A claim can move a policy to a due time that has come as well (catching up after a restart): loop.
            for (int round = 0; round < 100; round++) {
                String token = UUID.randomUUID().toString();
                Integer marked = transactions.execute(tx -> policies.claimDue(token, now, now.plus(CLAIM_TTL), BATCH));
                if (marked == null || marked == 0) {
                    break;
                }
                List<PolicyEntity> batch = policies.claimedBy(token);
                Map<Long, JobDetails> jobsById = jobs.findAllForSystem(batch.stream().map(PolicyEntity::getJobId).toList());
                for (PolicyEntity policy : batch) {
                    if (handle(policy, jobsById.get(policy.getJobId()), token, now)) {
                        claimed++;
                    }
                }
            }
            return claimed;
        });
    }

    private boolean handle(PolicyEntity policy, JobDetails job, String token, Instant now) {
        Instant dueAt = policy.getNextDueAt();
        CronSchedule cron;
        try {
            cron = CronDialect.parse(policy.getCronExpression());
        } catch (InvalidCronException e) {
            log.warn("Policy {} has an invalid schedule '{}': {}", policy.getId(), policy.getCronExpression(), e.getMessage());
            transactions.execute(tx -> policies.releaseClaim(policy.getId(), token));
            return false;
        }
        if (job == null) {
            transactions.execute(tx -> policies.releaseClaim(policy.getId(), token));
            return false;
        }
        Duration offset = DueTimes.offset(job.id(), policy.getSpreadMinutes());
        boolean missed = Duration.between(dueAt, now).compareTo(grace) > 0;
        Instant next = (missed ? DueTimes.next(cron, job.workspace().zone(), now.minus(grace), null, offset)
                : DueTimes.next(cron, job.workspace().zone(), dueAt, dueAt, offset)).orElse(null);
        Boolean handled = transactions.execute(tx -> {
            if (policies.finishClaim(policy.getId(), token, dueAt, next) != 1) {
                policies.releaseClaim(policy.getId(), token);
                return false;
            }
            String outcome;
            String detail;
            Long snapshotId = null;
            if (missed) {
                outcome = "MISSED";
                detail = "Not triggered: due " + Duration.between(dueAt, now).toMinutes() + " min ago, beyond the grace period of "
                        + grace.toMinutes() + " min (the console was not running?)";
            } else if (!job.status().isRunning()) {
                outcome = "SKIPPED";
                detail = "Not triggered: the job is " + job.status();
            } else {
                Optional<JobSnapshot> created = snapshots.createScheduled(job, dueAt, policy.getFormat(),
                        TriggerIds.derived("policy:" + policy.getId() + ":due:" + dueAt.toEpochMilli()));
                outcome = "TRIGGERED";
                detail = created.isPresent() ? "Snapshot " + created.get().id() : "Already triggered";
                snapshotId = created.map(JobSnapshot::id).orElse(null);
            }
            events.save(new ScheduleEventEntity(policy.getId(), job.id(), dueAt, outcome, detail, snapshotId, now));
            if (!outcome.equals("TRIGGERED")) {
                audit.record(job.workspace().id(), "schedule." + outcome.toLowerCase(), "job", job.id(), "due=" + dueAt + ": " + detail);
            }
            return true;
        });
        return Boolean.TRUE.equals(handled);
    }
}
