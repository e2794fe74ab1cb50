package dev.stateset.console.job.internal;

import dev.stateset.console.base.OneTaskPerKey;
import dev.stateset.console.engine.EngineJob;
import dev.stateset.console.engine.EngineRejectedException;
import dev.stateset.console.engine.EngineUnavailableException;
import dev.stateset.console.engine.FlinkEngine;
import dev.stateset.console.job.EngineHealth;
import dev.stateset.console.job.JobEngines;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.workspace.WorkspaceDetails;
import dev.stateset.console.workspace.WorkspaceService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps each job's status in step with its Flink cluster: every few seconds one {@code /jobs/overview} call per
 * cluster. A cluster that cannot be reached leaves statuses as they were and is reported through
 * {@link #health(long)}, so pages can show the outage instead of failing. Workspaces are synced side by side on a few
 * threads, a workspace whose last sync is still waiting for its cluster is skipped: a hung cluster delays no other
 * (docs/decisions/DD014-a-fleet-of-clusters.md).
 */
@Component
public class JobStatusSync implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(JobStatusSync.class);

    private final JobRepository jobs;
    private final WorkspaceService workspaces;
    private final JobEngines engines;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Map<Long, EngineHealth> health = new ConcurrentHashMap<>();
    private final StateChanges changes;
    private final RestoreVerification restores;
    /** One sync per workspace at a time: one still waiting for its cluster is skipped. */
    private final OneTaskPerKey<Long> syncs;
    /** How often a workspace's jobs are compared with the database although Flink and the console reported no change. */
    static final Duration FULL_PASS_EVERY = Duration.ofSeconds(30);
    /** What Flink said at each workspace's last full pass. */
    private final Map<Long, Observed> observed = new ConcurrentHashMap<>();
    /** Workspaces where a job changed in the console (here or on another replica) since their last full pass. */
    private final Set<Long> changedInConsole = ConcurrentHashMap.newKeySet();

    private final StateChanges.Subscription consoleChanges;

    private record Observed(
            Map<String, JobStatus> flinkSaid,
            WorkspaceDetails workspace,
            List<String> applicationClusters,
            Instant at) {}

    JobStatusSync(
            JobRepository jobs,
            WorkspaceService workspaces,
            JobEngines engines,
            TransactionTemplate transactions,
            Clock clock,
            StateChanges changes,
            RestoreVerification restores,
            @Value("${stateset.engine.status-sync-threads:4}") int threads) {
        this.syncs = new OneTaskPerKey<>("status-sync-", threads, Integer.MAX_VALUE);
        this.consoleChanges =
                changes.subscribe(c -> c.kind() == StateChange.Kind.JOB, c -> changedInConsole.add(c.workspaceId()));
        this.changes = changes;
        this.restores = restores;
        this.jobs = jobs;
        this.workspaces = workspaces;
        this.engines = engines;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${stateset.engine.status-sync-interval:1500ms}",
            initialDelayString = "${stateset.engine.status-sync-interval:1500ms}")
    public void syncAll() {
        for (Long workspaceId : jobs.workspacesWithEngineRuns()) {
            syncs.runUnlessBusy(workspaceId, () -> {
                try {
                    syncWorkspace(workspaceId, true);
                } catch (RuntimeException e) {
                    log.warn("Status sync of workspace {} failed: {}", workspaceId, e.toString());
                }
            });
        }
    }

    @Override
    public void destroy() {
        consoleChanges.cancel();
        syncs.shutdown();
    }

    /**
     * Reads the workspace's cluster once (and the own cluster of each job bound to one) and updates its jobs; returns
     * the workspace cluster's health. A cluster that cannot be read leaves its jobs' statuses as they were.
     */
    public EngineHealth syncWorkspace(long workspaceId) {
        return syncWorkspace(workspaceId, false);
    }

    /**
     * @param whenChanged compare with what Flink said at the last full pass and touch the database only if a job's status
     *     differs there, a job of the workspace changed in the console since, or the last full pass is
     *     {@link #FULL_PASS_EVERY} old: 50 clusters of 200 steady jobs cost the database nothing
     */
    private EngineHealth syncWorkspace(long workspaceId, boolean whenChanged) {
        Instant started = clock.instant();
        Observed before = whenChanged ? observed.get(workspaceId) : null;
        boolean mayRepeat = before != null
                && !changedInConsole.contains(workspaceId)
                && before.at().plus(FULL_PASS_EVERY).isAfter(started);
        WorkspaceDetails workspace =
                mayRepeat ? before.workspace() : SystemIdentity.call(() -> workspaces.get(workspaceId));
        List<String> applicationClusters =
                mayRepeat ? before.applicationClusters() : jobs.applicationClusters(workspaceId);
        FlinkEngine engine = engines.of(workspace);
        Map<String, EngineJob> running;
        EngineHealth now;
        try {
            running = byId(engine);
            now = new EngineHealth(true, null, clock.instant());
        } catch (EngineUnavailableException | EngineRejectedException e) {
            // Its jobs keep their statuses; jobs on their own clusters are still read below.
            running = null;
            now = new EngineHealth(false, e.getMessage(), clock.instant());
        }
        Map<String, EngineJob> workspaceJobs = running;
        // Jobs on their own (application-mode) clusters: one read per cluster; one that does not answer is skipped.
        Map<String, Map<String, EngineJob>> ownClusters = new HashMap<>();
        for (String url : applicationClusters) {
            try {
                ownClusters.put(url, byId(engines.remote(url)));
            } catch (EngineUnavailableException | EngineRejectedException e) {
                log.debug("Application cluster {} of workspace {} not read: {}", url, workspaceId, e.getMessage());
            }
        }
        Map<String, JobStatus> flinkSays = statuses(workspaceJobs, ownClusters);
        if (mayRepeat && before.flinkSaid().equals(flinkSays)) {
            healthChanged(workspaceId, health.put(workspaceId, now), now);
            return now;
        }
        // Cleared before the rows are read: a change committed after this marks the workspace again.
        changedInConsole.remove(workspaceId);
        List<JobRepository.RunRow> failed = new ArrayList<>();
        List<JobRepository.RunRow> restoredRunning = new ArrayList<>();
        transactions.executeWithoutResult(tx -> {
            for (JobRepository.RunRow job : jobs.runRows(workspaceId)) {
                Map<String, EngineJob> known =
                        job.engineRestUrl() == null ? workspaceJobs : ownClusters.get(job.engineRestUrl());
                if (known == null) {
                    continue;
                }
                EngineJob engineJob = known.get(job.engineJobId());
                // A job the cluster does not know any more (e.g. the embedded cluster restarted) is not running.
                JobStatus status = engineJob == null ? JobStatus.STOPPED : JobStatusMapping.of(engineJob);
                if (status == JobStatus.RUNNING && RestoreVerification.pending(job)) {
                    restoredRunning.add(job);
                }
                if (status != job.status()) {
                    log.info("Job {} ({}) is now {}", job.name(), job.engineJobId(), status);
                    jobs.updateRunStatus(job.id(), job.engineJobId(), status, clock.instant());
                    changes.publish(workspaceId, job.id(), StateChange.Kind.JOB);
                    if (status == JobStatus.FAILED) {
                        failed.add(job);
                    }
                }
            }
        });
        // Flink's reasons are read after the transaction: no database connection waits on the cluster.
        for (JobRepository.RunRow job : failed) {
            FlinkEngine own = clusterOf(job, engine);
            String cause = failureCause(own, job.engineJobId());
            transactions.executeWithoutResult(tx -> {
                jobs.recordRunFailure(job.id(), job.engineJobId(), cause);
                changes.publish(workspaceId, job.id(), StateChange.Kind.JOB);
            });
        }
        for (JobRepository.RunRow job : restoredRunning) {
            restores.verify(workspace, clusterOf(job, engine), job);
        }
        if (restoredRunning.isEmpty()) {
            observed.put(workspaceId, new Observed(flinkSays, workspace, applicationClusters, started));
        } else {
            observed.remove(workspaceId); // a restore not yet verified is looked at again next round
        }
        healthChanged(workspaceId, health.put(workspaceId, now), now);
        return now;
    }

    /** Each Flink job's status as the console maps it, by cluster and job id; a cluster not read is left out. */
    private static Map<String, JobStatus> statuses(
            Map<String, EngineJob> workspaceJobs, Map<String, Map<String, EngineJob>> ownClusters) {
        Map<String, JobStatus> statuses = new HashMap<>();
        if (workspaceJobs != null) {
            workspaceJobs.forEach((id, job) -> statuses.put(id, JobStatusMapping.of(job)));
        }
        ownClusters.forEach(
                (url, itsJobs) -> itsJobs.forEach((id, job) -> statuses.put(url + " " + id, JobStatusMapping.of(job))));
        return statuses;
    }

    /** The run's own application cluster, or the workspace's. */
    private FlinkEngine clusterOf(JobRepository.RunRow run, FlinkEngine workspaceEngine) {
        return run.engineRestUrl() == null ? workspaceEngine : engines.remote(run.engineRestUrl());
    }

    private static Map<String, EngineJob> byId(FlinkEngine engine) {
        return engine.listJobs().stream().collect(Collectors.toMap(EngineJob::id, Function.identity(), (a, b) -> a));
    }

    /** Pages of the workspace show an outage banner: they hear when the cluster goes away and when it is back. */
    private void healthChanged(long workspaceId, EngineHealth before, EngineHealth now) {
        if (before == null || before.reachable() != now.reachable()) {
            changes.publish(workspaceId, null, StateChange.Kind.JOB);
        }
    }

    /** Flink's reason a run failed (e.g. a restore it refused), so the job page can say why. */
    private static String failureCause(FlinkEngine engine, String engineJobId) {
        try {
            return engine.failureCause(engineJobId).orElse("Flink reports the job FAILED without an exception");
        } catch (EngineUnavailableException | EngineRejectedException e) {
            return "The job FAILED; its cause could not be read from Flink: " + e.getMessage();
        }
    }

    public EngineHealth health(long workspaceId) {
        return health.getOrDefault(workspaceId, EngineHealth.unknown());
    }
}
