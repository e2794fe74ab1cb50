package dev.stateset.console.stateset.internal;

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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records every system checkpoint of the jobs that run, as Flink reports them: one {@code /checkpoints} call per running
 * job every {@code stateset.engine.checkpoint-sync-interval}, shared by every page, and a write (plus a pushed change)
 * only when something is new. Pages read the records, never Flink: a thousand open History pages cost Flink nothing.
 */
@Component
class CheckpointRecorder {

    private static final Logger log = LoggerFactory.getLogger(CheckpointRecorder.class);

    private final JobService jobs;
    private final JobEngines engines;
    private final CheckpointRecords records;
    private final TransactionTemplate transactions;
    private final StateChanges changes;
    private final Clock clock;
    private final Duration keep;
    /** What this replica last recorded per job: its run, checkpoint id → status, and Flink's counts. */
    private final Map<Long, Seen> seen = new ConcurrentHashMap<>();
    /** Jobs running at the last round: a job that stopped is read once more, for how its last checkpoints ended. */
    private Map<Long, JobDetails> runningBefore = Map.of();

    private Instant lastPurge = Instant.EPOCH;

    private record Seen(String run, Map<Long, String> statuses, CheckpointStatistics.Counts counts) {}

    @Autowired
    CheckpointRecorder(
            JobService jobs,
            JobEngines engines,
            CheckpointRecords records,
            TransactionTemplate transactions,
            StateChanges changes,
            Clock clock,
            CheckpointProperties settings) {
        this(jobs, engines, records, transactions, changes, clock, settings.keepHistory());
    }

    CheckpointRecorder(
            JobService jobs,
            JobEngines engines,
            CheckpointRecords records,
            TransactionTemplate transactions,
            StateChanges changes,
            Clock clock,
            Duration keep) {
        this.jobs = jobs;
        this.engines = engines;
        this.records = records;
        this.transactions = transactions;
        this.changes = changes;
        this.clock = clock;
        this.keep = keep;
    }

    @Scheduled(
            fixedDelayString = "${stateset.engine.checkpoint-sync-interval:2s}",
            initialDelayString = "${stateset.engine.checkpoint-sync-interval:2s}")
    void recordAll() {
        Map<Long, JobDetails> running = new LinkedHashMap<>();
        SystemIdentity.call(jobs::activeRunsForSystem).forEach(job -> running.put(job.id(), job));
        Map<Long, JobDetails> round = new LinkedHashMap<>(running);
        runningBefore.forEach(round::putIfAbsent);
        for (JobDetails job : round.values()) {
            try {
                record(job);
            } catch (EngineUnavailableException | EngineRejectedException e) {
                log.debug(
                        "Checkpoints of job {} not read: {}",
                        job.id(),
                        e.getMessage()); // the status sync reports outages
            } catch (RuntimeException e) {
                seen.remove(
                        job.id()); // read what is recorded afresh next time (e.g. another replica recorded it first)
                log.warn("Could not record the checkpoints of job {}: {}", job.id(), e.toString());
            }
        }
        seen.keySet().retainAll(running.keySet());
        runningBefore = running;
        purgeNowAndThen();
    }

    /** Reads the job's checkpoints from Flink and records what changed; returns whether anything did. */
    boolean record(JobDetails job) {
        String run = job.engineJobId();
        if (run == null) {
            return false;
        }
        CheckpointStatistics stats = engines.of(job).checkpointStatistics(run);
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
