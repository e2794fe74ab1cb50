package dev.stateset.console.policy.internal;

import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.cron.BlackoutWindows;
import dev.stateset.console.cron.CronDialect;
import dev.stateset.console.cron.CronSchedule;
import dev.stateset.console.cron.InvalidCronException;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobService;
import dev.stateset.console.policy.DueTimes;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.SchedulerProperties;
import dev.stateset.console.stateset.SnapshotBatches;
import dev.stateset.console.stateset.TriggerIds;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
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
    /**
     * Claims up to a batch of due policies for one tick in one statement: marks them with the tick's token until the
     * claim expires. The conditions are repeated outside the sub-select, so a row changed meanwhile is never claimed.
     * {@code %s} is the sub-select's locking: {@code for update skip locked} on PostgreSQL, none on H2 (why: DD009).
     */
    private static final String CLAIM = "update snapshot_policy set claim_token = ?, claimed_until = ? "
            + "where creation_enabled = true and next_due_at <= ? and (claimed_until is null or claimed_until < ?) "
            + "and id in (select id from snapshot_policy where creation_enabled = true and next_due_at <= ? "
            + "and (claimed_until is null or claimed_until < ?) order by next_due_at limit ?%s)";

    private final PolicyRepository policies;
    private final JobService jobs;
    private final SnapshotBatches snapshots;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration grace;
    private final JdbcTemplate jdbc;
    /** {@link #CLAIM} for this database. */
    private final String claimSql;
    /** Claimers besides the ticking thread (PostgreSQL only); null on H2, which claims on one thread (DD009). */
    private final java.util.concurrent.ExecutorService claimers;

    private final int claimerCount;

    private final dev.stateset.console.workspace.WorkspaceService workspaces;

    SnapshotScheduler(
            PolicyRepository policies,
            JobService jobs,
            SnapshotBatches snapshots,
            TransactionTemplate transactions,
            AuditLog audit,
            Clock clock,
            SchedulerProperties settings,
            JdbcTemplate jdbc,
            dev.stateset.console.workspace.WorkspaceService workspaces) {
        this.workspaces = workspaces;
        this.jdbc = jdbc;
        boolean postgres = "PostgreSQL"
                .equals(jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName()));
        this.claimSql = CLAIM.formatted(postgres ? " for update skip locked" : "");
        this.claimerCount = postgres ? settings.claimers() : 1;
        this.claimers = claimerCount > 1
                ? java.util.concurrent.Executors.newFixedThreadPool(claimerCount - 1, r -> {
                    Thread t = new Thread(r, "snapshot-claimer");
                    t.setDaemon(true);
                    return t;
                })
                : null;
        this.policies = policies;
        this.jobs = jobs;
        this.snapshots = snapshots;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
        this.grace = settings.gracePeriod();
    }

    @Scheduled(
            fixedDelayString = "${stateset.scheduler.tick:500ms}",
            initialDelayString = "${stateset.scheduler.tick:500ms}")
    void scheduledTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.error("Scheduler tick failed", e);
        }
    }

    /**
     * Handles every due time that has come; returns how many this instance claimed. Per batch of up to {@value #BATCH}
     * due policies: one claim UPDATE, one read of the claimed rows, one read of their jobs; then one transaction of
     * batched statements for the whole batch (move the policies on, create the snapshots, record the events).
     */
    public int tick() {
        Instant now = clock.instant();
        Claimed first = SystemIdentity.call(() -> claimBatch(now));
        if (first.marked() == 0) {
            return 0; // the idle tick: one statement
        }
        // A full batch means more may be due. On PostgreSQL several claimers then take disjoint batches (the claim
        // skips
        // rows another claim has locked) and the server writes them on every core; the caller is one of them.
        List<java.util.concurrent.Future<Integer>> others = new ArrayList<>();
        if (claimers != null && first.marked() == BATCH) {
            for (int i = 1; i < claimerCount; i++) {
                others.add(claimers.submit(() -> claimAll(now)));
            }
        }
        int claimed = first.handled() + claimAll(now);
        for (java.util.concurrent.Future<Integer> other : others) {
            try {
                claimed += other.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return claimed;
    }

    /** How many due policies one claim marked, and how many of them this claimer then handled. */
    private record Claimed(int marked, int handled) {}

    /** Claims and handles batches of the due times that have come by {@code now} until none is left to this claimer. */
    private int claimAll(Instant now) {
        return SystemIdentity.call(() -> {
            int claimed = 0;
            // A claim can move a policy to a due time that has come as well (catching up after a restart): loop.
            for (int round = 0; round < 100; round++) {
                Claimed batch = claimBatch(now);
                if (batch.marked() == 0) {
                    break;
                }
                claimed += batch.handled();
            }
            return claimed;
        });
    }

    /** One claim UPDATE of up to a batch of due policies, then the batch handled. */
    private Claimed claimBatch(Instant now) {
        String token = UUID.randomUUID().toString();
        Timestamp at = Timestamp.from(now);
        Integer marked = transactions.execute(
                tx -> jdbc.update(claimSql, token, Timestamp.from(now.plus(CLAIM_TTL)), at, at, at, at, BATCH));
        if (marked == null || marked == 0) {
            return new Claimed(0, 0);
        }
        List<PolicyEntity> batch = policies.claimedBy(token);
        Map<Long, JobDetails> jobsById =
                jobs.findAllForSystem(batch.stream().map(PolicyEntity::getJobId).toList());
        return new Claimed(marked, handleBatch(batch, jobsById, token, now));
    }

    @PreDestroy
    void stopClaimers() {
        if (claimers != null) {
            claimers.shutdownNow();
        }
    }

    private BlackoutWindows windowsOfWorkspace(long workspaceId) {
        return BlackoutWindows.saved(workspaces.settings(workspaceId).blackoutWindows(), "workspace " + workspaceId);
    }

    private static BlackoutWindows windowsOf(PolicyEntity policy) {
        return BlackoutWindows.saved(policy.getBlackoutWindows(), "job " + policy.getJobId());
    }

    /** What to do with one claimed due time, decided before anything is written. */
    private record Decision(
            PolicyEntity policy, JobDetails job, Instant dueAt, Instant next, String outcome, String detail) {}

    /**
     * One transaction for a claimed batch: moves every policy on (batched conditional UPDATE; a row no longer ours is
     * dropped), creates the TRIGGERED ones' snapshots, records the outcomes — a handful of batched statements for up to
     * {@value #BATCH} due times. The snapshots start once it commits.
     */
    private int handleBatch(List<PolicyEntity> batch, Map<Long, JobDetails> jobsById, String token, Instant now) {
        List<Decision> decisions = new ArrayList<>();
        // Claims dropped without firing: job gone or schedule unreadable, or (below) the policy changed meanwhile.
        List<Long> released = new ArrayList<>();
        // Many policies share an expression (every job "0 * * * *"): parse each distinct one once per batch.
        Map<String, Optional<CronSchedule>> parsed = new HashMap<>();
        Map<List<Object>, Optional<Instant>> nextDue = new HashMap<>();
        // One read of a workspace's blackout windows per batch, however many of its jobs are due.
        Map<Long, BlackoutWindows> workspaceWindows = new HashMap<>();
        for (PolicyEntity policy : batch) {
            JobDetails job = jobsById.get(policy.getJobId());
            Optional<CronSchedule> cron =
                    parsed.computeIfAbsent(policy.getCronExpression(), expression -> parse(policy));
            if (job == null || cron.isEmpty()) {
                released.add(policy.getId());
                continue;
            }
            Instant dueAt = policy.getNextDueAt();
            Duration offset = DueTimes.offset(job.id(), policy.getSpreadMinutes());
            boolean missed = Duration.between(dueAt, now).compareTo(grace) > 0;
            BlackoutWindows windows = workspaceWindows
                    .computeIfAbsent(job.workspace().id(), this::windowsOfWorkspace)
                    .and(windowsOf(policy));
            // Jobs due together mostly share expression, zone and due time: compute each distinct next due time once.
            Instant next = nextDue.computeIfAbsent(
                            List.of(
                                    policy.getCronExpression(),
                                    job.workspace().zone(),
                                    dueAt,
                                    offset,
                                    missed,
                                    windows.text()),
                            key -> Optional.ofNullable((missed
                                            ? DueTimes.next(
                                                    cron.get(),
                                                    job.workspace().zone(),
                                                    now.minus(grace),
                                                    null,
                                                    offset,
                                                    windows)
                                            : DueTimes.next(
                                                    cron.get(), job.workspace().zone(), dueAt, dueAt, offset, windows))
                                    .orElse(null)))
                    .orElse(null);
            // A due time computed before a window was declared: it moves to the window's end, once.
            Optional<Instant> windowEnd = missed
                    ? Optional.empty()
                    : windows.endOfWindowAt(dueAt, job.workspace().zone());
            if (windowEnd.isPresent()) {
                decisions.add(new Decision(
                        policy,
                        job,
                        dueAt,
                        windowEnd.get(),
                        "SKIPPED",
                        "Not triggered: inside a blackout window; due again at its end, " + windowEnd.get()));
            } else if (missed) {
                decisions.add(new Decision(
                        policy,
                        job,
                        dueAt,
                        next,
                        "MISSED",
                        "Not triggered: due " + Duration.between(dueAt, now).toMinutes()
                                + " min ago, beyond the grace period of " + grace.toMinutes()
                                + " min (the console was not running?)"));
            } else if (!job.status().isRunning()) {
                decisions.add(
                        new Decision(policy, job, dueAt, next, "SKIPPED", "Not triggered: the job is " + job.status()));
            } else {
                decisions.add(new Decision(policy, job, dueAt, next, "TRIGGERED", null));
            }
        }
        Integer handled = transactions.execute(tx -> {
            int[] finished = jdbc.batchUpdate(
                    "update snapshot_policy set next_due_at = ?, last_due_at = ?, claim_token = null, "
                            + "claimed_until = null, version = version + 1 where id = ? and claim_token = ? and next_due_at = ? and creation_enabled = true",
                    decisions.stream()
                            .map(d -> new Object[] {
                                d.next() == null ? null : Timestamp.from(d.next()),
                                Timestamp.from(d.dueAt()),
                                d.policy().getId(),
                                token,
                                Timestamp.from(d.dueAt())
                            })
                            .toList());
            List<Decision> owned = new ArrayList<>();
            for (int i = 0; i < decisions.size(); i++) {
                // JDBC may report SUCCESS_NO_INFO (-2) for a batched row it did update.
                if (finished[i] == 1 || finished[i] == java.sql.Statement.SUCCESS_NO_INFO) {
                    owned.add(decisions.get(i));
                } else {
                    released.add(decisions.get(i).policy().getId());
                }
            }
            if (!released.isEmpty()) {
                jdbc.batchUpdate(
                        "update snapshot_policy set claim_token = null, claimed_until = null where id = ? and claim_token = ?",
                        released.stream().map(id -> new Object[] {id, token}).toList());
            }
            List<Decision> triggered =
                    owned.stream().filter(d -> d.outcome().equals("TRIGGERED")).toList();
            List<Long> snapshotIds = snapshots.createScheduled(triggered.stream()
                    .map(d -> new SnapshotBatches.ScheduledSnapshot(
                            d.job(),
                            d.dueAt(),
                            d.policy().getFormat(),
                            TriggerIds.derived("policy:" + d.policy().getId() + ":due:"
                                    + d.dueAt().toEpochMilli())))
                    .toList());
            Map<Long, Long> snapshotByPolicy = new HashMap<>();
            for (int i = 0; i < triggered.size(); i++) {
                snapshotByPolicy.put(triggered.get(i).policy().getId(), snapshotIds.get(i));
            }
            Timestamp recorded = Timestamp.from(now);
            jdbc.batchUpdate(
                    "insert into schedule_event (policy_id, job_id, due_at, outcome, detail, snapshot_id, recorded_at) "
                            + "values (?, ?, ?, ?, ?, ?, ?)",
                    owned.stream()
                            .map(d -> {
                                Long snapshotId =
                                        snapshotByPolicy.get(d.policy().getId());
                                String detail = d.detail() != null ? d.detail() : "Snapshot " + snapshotId;
                                return new Object[] {
                                    d.policy().getId(),
                                    d.job().id(),
                                    Timestamp.from(d.dueAt()),
                                    d.outcome(),
                                    detail,
                                    snapshotId,
                                    recorded
                                };
                            })
                            .toList());
            audit.recordAll(owned.stream()
                    .filter(d -> !d.outcome().equals("TRIGGERED"))
                    .map(d -> new AuditLog.Entry(
                            d.job().workspace().id(),
                            "schedule." + d.outcome().toLowerCase(),
                            "job",
                            d.job().id(),
                            "due=" + d.dueAt() + ": " + d.detail()))
                    .toList());
            return owned.size();
        });
        return handled == null ? 0 : handled;
    }

    private static Optional<CronSchedule> parse(PolicyEntity policy) {
        try {
            return Optional.of(CronDialect.parse(policy.getCronExpression()));
        } catch (InvalidCronException e) {
            log.warn(
                    "Policy {} has an invalid schedule '{}': {}",
                    policy.getId(),
                    policy.getCronExpression(),
                    e.getMessage());
            return Optional.empty();
        }
    }
}
