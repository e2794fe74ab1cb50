package dev.stateset.console.stateset.internal;

import dev.stateset.console.base.OneTaskPerKey;
import dev.stateset.console.engine.CheckpointStatistics;
import dev.stateset.console.engine.EngineRejectedException;
import dev.stateset.console.engine.EngineUnavailableException;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobEngines;
import dev.stateset.console.job.JobService;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.security.SystemIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records every system checkpoint of the jobs that run, as Flink reports them ({@code /jobs/{id}/checkpoints}), shared
 * by every page, with a write (plus a pushed change) only when something is new. Pages read the records, never Flink:
 * a thousand open History pages cost Flink nothing.
 *
 * <p>A job is read when its next checkpoint is due by its own rhythm (the last two triggers in Flink's history), not on
 * every tick: 10,000 jobs read every 2 s would be 5,000 calls a second for checkpoints that come minutes apart. While a
 * checkpoint is in progress, or one is overdue, it is read on the tick (backing off while nothing comes). Each cluster's
 * reads run on their own, one cluster after another on a few threads, so a slow or hung cluster delays only its own
 * jobs. docs/decisions/DD014-a-fleet-of-clusters.md
 */
@Component
public class CheckpointRecorder implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CheckpointRecorder.class);
    /** After the expected completion, read this much later: Flink needs a moment to list it. */
    static final Duration SLACK = Duration.ofMillis(500);
    /** The longest a RUNNING job goes unread, whatever its rhythm says. */
    static final Duration LONGEST_GAP = Duration.ofMinutes(10);
    /** How often the list of running jobs is re-read when no job changed meanwhile. */
    static final Duration JOB_LIST_AGE = Duration.ofMinutes(1);
    /** How soon after a job changed it is re-read at the earliest: a fleet's status changes come in bursts. */
    static final Duration JOB_LIST_AFTER_CHANGE = Duration.ofSeconds(5);

    private final JobService jobs;
    private final JobEngines engines;
    private final CheckpointRecords records;
    private final TransactionTemplate transactions;
    private final StateChanges changes;
    private final Clock clock;
    private final Duration keep;
    private final Duration tick;
    /** What this replica last recorded per job: its run, checkpoint id → status, and Flink's counts. */
    private final Map<Long, Seen> seen = new ConcurrentHashMap<>();
    /** When each job is read next. */
    private final Map<Long, Cadence> cadence = new ConcurrentHashMap<>();
    /**
     * Checkpoints taken on request that are not recorded yet, and until when they are looked for on every tick: Flink's
     * REST caches checkpoint statistics for a few seconds, so the first read after the trigger may not list it.
     */
    private final Map<Long, Awaited> awaited = new ConcurrentHashMap<>();
    /** Jobs that stopped since they were last listed: each is read once more, for how its last checkpoints ended. */
    private final Map<Long, JobDetails> stopped = new ConcurrentHashMap<>();
    /** One round of reads per cluster at a time: a cluster whose last round still goes on is not given another. */
    private final OneTaskPerKey<String> readers;

    private final StateChanges.Subscription jobChanges;
    private volatile boolean jobsChanged = true;
    private Map<Long, JobDetails> running = Map.of();
    private Instant runningListedAt = Instant.EPOCH;
    private Instant lastPurge = Instant.EPOCH;

    private record Seen(String run, Map<Long, String> statuses, CheckpointStatistics.Counts counts) {}

    private record Awaited(long checkpointId, Instant until) {}

    /** The next read of a job, and how many reads in a row found nothing although a checkpoint was due. */
    record Cadence(Instant next, int misses) {}

    @Autowired
    CheckpointRecorder(
            JobService jobs,
            JobEngines engines,
            CheckpointRecords records,
            TransactionTemplate transactions,
            StateChanges changes,
            Clock clock,
            CheckpointProperties settings,
            @Value("${stateset.engine.checkpoint-sync-interval:2s}") Duration tick,
            @Value("${stateset.engine.checkpoint-read-threads:4}") int threads) {
        this(jobs, engines, records, transactions, changes, clock, settings.keepHistory(), tick, threads);
    }

    CheckpointRecorder(
            JobService jobs,
            JobEngines engines,
            CheckpointRecords records,
            TransactionTemplate transactions,
            StateChanges changes,
            Clock clock,
            Duration keep,
            Duration tick,
            int threads) {
        this.jobs = jobs;
        this.engines = engines;
        this.records = records;
        this.transactions = transactions;
        this.changes = changes;
        this.clock = clock;
        this.keep = keep;
        this.tick = tick;
        this.readers = new OneTaskPerKey<>("checkpoint-reads-", threads, Integer.MAX_VALUE);
        // A job started, stopped or restarted (here or on another replica): list the running jobs afresh.
        this.jobChanges = changes.subscribe(c -> c.kind() == StateChange.Kind.JOB, c -> jobsChanged = true);
    }

    @Override
    public void destroy() {
        jobChanges.cancel();
        readers.shutdown();
    }

    @Scheduled(
            fixedDelayString = "${stateset.engine.checkpoint-sync-interval:2s}",
            initialDelayString = "${stateset.engine.checkpoint-sync-interval:2s}")
    void recordAll() {
        Instant now = clock.instant();
        Map<Long, JobDetails> listed = runningJobs(now);
        Map<String, List<JobDetails>> due = new LinkedHashMap<>();
        for (JobDetails job : listed.values()) {
            Cadence when = cadence.get(job.id());
            if (when == null || !when.next().isAfter(now)) {
                due.computeIfAbsent(cluster(job), k -> new ArrayList<>()).add(job);
            }
        }
        stopped.values()
                .forEach(job -> due.computeIfAbsent(cluster(job), k -> new ArrayList<>())
                        .add(job));
        due.forEach((cluster, itsJobs) -> readers.runUnlessBusy(cluster, () -> itsJobs.forEach(this::readAndPlan)));
        purgeNowAndThen();
    }

    /** The running jobs, re-listed when a job changed or the list is old; jobs gone from it are read once more. */
    private Map<Long, JobDetails> runningJobs(Instant now) {
        Duration age = Duration.between(runningListedAt, now);
        if (age.compareTo(jobsChanged ? JOB_LIST_AFTER_CHANGE : JOB_LIST_AGE) < 0) {
            return running;
        }
        jobsChanged = false;
        Map<Long, JobDetails> listed = new LinkedHashMap<>();
        SystemIdentity.call(jobs::activeRunsForSystem).forEach(job -> listed.put(job.id(), job));
        running.forEach((id, job) -> {
            if (!listed.containsKey(id)) {
                stopped.put(id, job);
                cadence.remove(id);
                awaited.remove(id);
            }
        });
        listed.keySet().forEach(stopped::remove);
        seen.keySet().removeIf(id -> !listed.containsKey(id) && !stopped.containsKey(id));
        running = listed;
        runningListedAt = now;
        return listed;
    }

    /** Calls to one cluster go one after another: its bulkhead is shared with pages and snapshots. */
    private static String cluster(JobDetails job) {
        return job.engineRestUrl() != null
                ? job.engineRestUrl()
                : job.workspace().engineKind() + " " + job.workspace().engineRestUrl();
    }

    /** Reads and records the job's checkpoints, then plans its next read (a stopped job has none). */
    private void readAndPlan(JobDetails job) {
        Cadence before = cadence.get(job.id());
        boolean stoppedJob = stopped.remove(job.id()) != null;
        String run = job.engineJobId();
        if (run == null) {
            return;
        }
        Cadence next;
        try {
            CheckpointStatistics stats = engines.of(job).checkpointStatistics(run);
            boolean recordedSomething = record(job, stats);
            next = stillAwaited(job.id(), run)
                    ? new Cadence(clock.instant().plus(tick), 0)
                    : next(stats, job.checkpoints().interval(), recordedSomething, before, clock.instant(), tick);
        } catch (EngineUnavailableException | EngineRejectedException e) {
            // the status sync reports outages
            log.debug("Checkpoints of job {} not read: {}", job.id(), e.getMessage());
            next = backOff(before, clock.instant(), tick, LONGEST_GAP);
        } catch (RuntimeException e) {
            seen.remove(job.id()); // read what is recorded afresh next time (e.g. another replica recorded it first)
            log.warn("Could not record the checkpoints of job {}: {}", job.id(), e.toString());
            next = backOff(before, clock.instant(), tick, LONGEST_GAP);
        }
        if (!stoppedJob) {
            cadence.put(job.id(), next);
        }
    }

    /**
     * When to read a job next, from what Flink just said. In progress: on the next tick. A rhythm known (its last two
     * triggers, else the configured interval after the last trigger): just after the next checkpoint should have ended.
     * Overdue, or no checkpoint yet: on the tick, backing off to the interval while nothing comes.
     */
    static Cadence next(
            CheckpointStatistics stats,
            Duration configuredInterval,
            boolean somethingNew,
            Cadence before,
            Instant now,
            Duration tick) {
        if (stats.counts().inProgress() > 0
                || stats.history().stream().anyMatch(c -> c.endTime() == null && !c.savepoint())) {
            return new Cadence(now.plus(tick), 0);
        }
        List<CheckpointStatistics.Checkpoint> latestFirst = stats.history().stream()
                .filter(c -> !c.savepoint() && c.triggerTime() != null)
                .sorted(java.util.Comparator.comparing(CheckpointStatistics.Checkpoint::triggerTime)
                        .reversed())
                .toList();
        Duration every = latestFirst.size() >= 2
                ? Duration.between(
                        latestFirst.get(1).triggerTime(), latestFirst.get(0).triggerTime())
                : configuredInterval;
        if (every == null) {
            every = LONGEST_GAP; // no rhythm: read now and then only
        } else if (every.compareTo(tick) < 0) {
            every = tick;
        }
        Duration longest = every.compareTo(LONGEST_GAP) < 0 ? every : LONGEST_GAP;
        if (latestFirst.isEmpty()) {
            return backOff(somethingNew ? null : before, now, tick, longest);
        }
        CheckpointStatistics.Checkpoint latest = latestFirst.get(0);
        Duration took = latest.duration() == null ? Duration.ZERO : latest.duration();
        Instant expected = latest.triggerTime().plus(every).plus(took).plus(SLACK);
        if (expected.isAfter(now)) {
            Instant latestAllowed = now.plus(LONGEST_GAP);
            return new Cadence(expected.isBefore(latestAllowed) ? expected : latestAllowed, 0);
        }
        return backOff(somethingNew ? null : before, now, tick, longest);
    }

    /** Tick, 2 ticks, 4 ticks … up to {@code longest}: a checkpoint that is late is looked for less and less often. */
    static Cadence backOff(Cadence before, Instant now, Duration tick, Duration longest) {
        int misses = before == null ? 0 : Math.min(before.misses() + 1, 20);
        Duration wait = tick.multipliedBy(1L << Math.min(misses, 10));
        return new Cadence(now.plus(wait.compareTo(longest) < 0 ? wait : longest), misses);
    }

    /** Reads the job's checkpoints from Flink and records what changed; returns whether anything did. */
    boolean record(JobDetails job) {
        String run = job.engineJobId();
        if (run == null) {
            return false;
        }
        return record(job, engines.of(job).checkpointStatistics(run));
    }

    private boolean record(JobDetails job, CheckpointStatistics stats) {
        String run = job.engineJobId();
        // Flink lists only the run's latest checkpoints: older ids never come back, so nothing older is looked up or
        // kept.
        long oldest = stats.history().stream()
                .mapToLong(CheckpointStatistics.Checkpoint::id)
                .min()
                .orElse(Long.MAX_VALUE);
        Seen known = seen.get(job.id());
        if (known == null || !known.run().equals(run)) {
            known = new Seen(run, new HashMap<>(records.statuses(job.id(), run, oldest)), null);
        }
        known.statuses().keySet().removeIf(id -> id < oldest);
        List<CheckpointStatistics.Checkpoint> fresh = new ArrayList<>();
        for (CheckpointStatistics.Checkpoint c : stats.history()) {
            if (!c.savepoint() && !c.status().equals(known.statuses().get(c.id()))) {
                fresh.add(c);
            }
        }
        boolean totalsChanged = !stats.counts().equals(known.counts());
        if (fresh.isEmpty() && !totalsChanged) {
            return false;
        }
        Instant now = clock.instant();
        transactions.executeWithoutResult(tx -> {
            fresh.forEach(c -> records.save(job.id(), run, c));
            if (totalsChanged) {
                records.saveTotals(job.id(), run, stats.counts(), stats.summary(), now);
            }
            changes.publish(job.workspace().id(), job.id(), StateChange.Kind.CHECKPOINT);
        });
        Map<Long, String> statuses = known.statuses();
        fresh.forEach(c -> statuses.put(c.id(), c.status()));
        seen.put(job.id(), new Seen(run, statuses, stats.counts()));
        return true;
    }

    /**
     * Checkpoint {@code checkpointId} was taken on request: read the job on every tick, rather than at its rhythm's
     * time, until it is recorded (for a minute at most).
     */
    public void readSoon(long jobId, long checkpointId) {
        awaited.put(jobId, new Awaited(checkpointId, clock.instant().plus(Duration.ofMinutes(1))));
        cadence.remove(jobId);
    }

    /** Whether a checkpoint taken on request is still missing from what this replica recorded of the run. */
    private boolean stillAwaited(long jobId, String run) {
        Awaited wanted = awaited.get(jobId);
        if (wanted == null) {
            return false;
        }
        Seen known = seen.get(jobId);
        boolean recorded =
                known != null && known.run().equals(run) && known.statuses().containsKey(wanted.checkpointId());
        if (recorded || clock.instant().isAfter(wanted.until())) {
            awaited.remove(jobId, wanted);
            return false;
        }
        return true;
    }

    private void purgeNowAndThen() {
        Instant now = clock.instant();
        if (Duration.between(lastPurge, now).compareTo(Duration.ofHours(1)) < 0) {
            return;
        }
        lastPurge = now;
        try {
            int purged = records.purgeBefore(now.minus(keep));
            if (purged > 0) {
                log.info("Deleted {} checkpoint records older than {}", purged, keep);
            }
        } catch (DataAccessException e) {
            log.warn("Could not purge old checkpoint records: {}", e.toString());
        }
    }
}
