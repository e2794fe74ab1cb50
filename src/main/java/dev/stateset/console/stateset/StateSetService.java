package dev.stateset.console.stateset;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.engine.EngineRejectedException;
import dev.stateset.console.engine.EngineUnavailableException;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobEngines;
import dev.stateset.console.job.JobService;
import dev.stateset.console.stateset.internal.SnapshotAlerts;
import dev.stateset.console.stateset.internal.SnapshotEntity;
import dev.stateset.console.stateset.internal.SnapshotRepository;
import dev.stateset.console.storage.SnapshotStorage;
import dev.stateset.console.workspace.WorkspaceDetails;
import dev.stateset.console.workspace.WorkspaceRole;
import dev.stateset.console.workspace.WorkspaceService;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * State Set Management of one job: its checkpoints and job snapshots. Members read; EDITORs change. The methods that ask
 * Flink or the storage run outside any transaction: a slow or hung cluster must not hold a database connection.
 */
@Service
public class StateSetService {

    private final JobService jobs;
    private final SnapshotRepository snapshots;
    private final dev.stateset.console.stateset.internal.SnapshotPages snapshotPages;
    private final JobEngines engines;
    private final WorkspaceService workspaces;
    private final SnapshotStorage storage;
    private final SnapshotAlerts alerts;
    private final dev.stateset.console.stateset.internal.CheckpointRecords checkpointRecords;
    private final dev.stateset.console.stateset.internal.CheckpointRecorder checkpointRecorder;
    /** How long a checkpoint summary read from Flink is shown to every caller asking for the run before it is read again. */
    static final java.time.Duration CHECKPOINTS_FRESH = java.time.Duration.ofSeconds(2);

    /** How long a caller waits for another caller's read of the same run before it is told Flink is slow. */
    static final java.time.Duration SHARED_READ_WAIT = java.time.Duration.ofMillis(250);

    /**
     * Checkpoint summaries by workspace and Flink run, each read from Flink once per CHECKPOINTS_FRESH however many
     * callers ask at once: the first caller reads, the others wait for its answer (Caffeine for the expiry and the
     * bound; the future keeps a slow Flink call outside the map's locks).
     */
    private final Cache<String, CompletableFuture<CheckpointSummary>> recentCheckpoints = Caffeine.newBuilder()
            .expireAfterWrite(CHECKPOINTS_FRESH)
            .maximumSize(1000)
            .build();

    StateSetService(
            JobService jobs,
            SnapshotRepository snapshots,
            JobEngines engines,
            WorkspaceService workspaces,
            SnapshotStorage storage,
            SnapshotAlerts alerts,
            dev.stateset.console.stateset.internal.CheckpointRecords checkpointRecords,
            dev.stateset.console.stateset.internal.CheckpointRecorder checkpointRecorder,
            dev.stateset.console.stateset.internal.SnapshotPages snapshotPages) {
        this.snapshotPages = snapshotPages;
        this.checkpointRecords = checkpointRecords;
        this.checkpointRecorder = checkpointRecorder;
        this.alerts = alerts;
        this.jobs = jobs;
        this.snapshots = snapshots;
        this.engines = engines;
        this.workspaces = workspaces;
        this.storage = storage;
    }

    /**
     * The job's system checkpoints, read live from its Flink cluster (a few seconds old at most: Flink caches
     * them). Never throws for an outage: the summary says why nothing can be shown.
     */
    public CheckpointSummary checkpoints(long workspaceId, long jobId) {
        JobDetails job = jobs.get(workspaceId, jobId);
        if (job.engineJobId() == null) {
            return CheckpointSummary.unavailable("No checkpoints yet: the job has not run on Flink.", false);
        }
        // Scripts polling the API for the same run share one Flink call per CHECKPOINTS_FRESH (the access check above
        // stays per call).
        String key = workspaceId + "/" + job.engineJobId();
        CompletableFuture<CheckpointSummary> mine = new CompletableFuture<>();
        CompletableFuture<CheckpointSummary> earlier = recentCheckpoints.asMap().putIfAbsent(key, mine);
        if (earlier != null) {
            // Wait for the other caller's answer, but briefly: on a hung cluster every waiter would otherwise hold a
            // request thread for the whole Flink timeout, which is what the per-cluster bulkhead exists to prevent.
            try {
                return earlier.get(SHARED_READ_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return CheckpointSummary.unavailable(
                        "Flink has not answered for this job's checkpoints within " + SHARED_READ_WAIT.toMillis()
                                + " ms; try again in a moment.",
                        true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CheckpointSummary.unavailable("Interrupted while waiting for Flink.", true);
            } catch (ExecutionException e) {
                // the other caller's read failed unexpectedly: read for ourselves (it removed its entry)
                return fetchCheckpoints(job);
            }
        }
        try {
            CheckpointSummary summary = fetchCheckpoints(job);
            mine.complete(summary);
            return summary;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            recentCheckpoints.asMap().remove(key, mine); // the next caller tries again
            throw e;
        }
    }

    /** How long {@link #triggerCheckpoint} waits for the checkpoint before saying it is still running. */
    static final Duration TRIGGERED_CHECKPOINT_WAIT = Duration.ofMinutes(2);

    /**
     * Takes a checkpoint of the RUNNING job now (an EDITOR's action), full where {@code full} even if checkpoints are
     * incremental, and waits for it: returns its id. Refused on clusters older than Flink 1.19 (no such REST call).
     */
    public long triggerCheckpoint(long workspaceId, long jobId, boolean full) {
        JobDetails job = jobs.get(workspaceId, jobId);
        job.workspace().requireRole(dev.stateset.console.workspace.WorkspaceRole.EDITOR, "Triggering checkpoints");
        if (!job.status().isRunning()) {
            throw InvalidInputException.of(
                    "status", "Only a RUNNING job can take a checkpoint; " + job.name() + " is " + job.status());
        }
        var flink = engines.of(job);
        String version = flink.version();
        if (!dev.stateset.console.engine.FlinkVersions.triggersCheckpoints(version)) {
            throw InvalidInputException.of(
                    "status", "Flink " + version + " cannot take a checkpoint on request (Flink 1.19 and newer can)");
        }
        String trigger = flink.triggerCheckpoint(job.engineJobId(), full);
        long deadline = System.nanoTime() + TRIGGERED_CHECKPOINT_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            java.util.Optional<Long> done = flink.checkpointTriggerStatus(job.engineJobId(), trigger);
            if (done.isPresent()) {
                checkpointRecorder.readSoon(
                        jobId, done.get()); // History shows it now, not at the job's next regular checkpoint
                return done.get();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the checkpoint", e);
            }
        }
        throw new EngineUnavailableException(
                "The checkpoint is still running after " + TRIGGERED_CHECKPOINT_WAIT.toMinutes()
                        + " minutes; History shows it when it completes",
                null);
    }

    private CheckpointSummary fetchCheckpoints(JobDetails job) {
        try {
            return CheckpointSummary.of(engines.of(job).checkpointStatistics(job.engineJobId()));
        } catch (EngineUnavailableException e) {
            return CheckpointSummary.unavailable(e.getMessage(), true);
        } catch (EngineRejectedException e) {
            return CheckpointSummary.unavailable(
                    e.httpStatus() == 404
                            ? "Flink no longer has checkpoint statistics of this run (the cluster restarted, or the run ended long ago)."
                            : e.getMessage(),
                    false);
        }
    }

    /**
     * The orphan report: snapshot directories in the workspace's storage that no snapshot record owns (left by a
     * crash, a manual copy, or a record deleted outside the console). Read-only: nothing is deleted.
     */
    public List<String> orphanedSnapshotLocations(long workspaceId) {
        WorkspaceDetails workspace = workspaces.get(workspaceId);
        workspace.requireRole(WorkspaceRole.EDITOR, "The orphan report");
        Set<String> owned = new java.util.HashSet<>();
        List<Long> jobIds = jobs.jobIds(workspaceId);
        for (String location : jobIds.isEmpty() ? List.<String>of() : snapshots.liveLocationsOf(jobIds)) {
            String savepoint = normalize(location);
            owned.add(savepoint);
            // a savepoint in its snapshot's own directory (…/snapshot-ID/savepoint-…): the listing names that directory
            int slash = savepoint.lastIndexOf('/');
            if (slash > 0
                    && savepoint
                            .substring(savepoint.lastIndexOf('/', slash - 1) + 1, slash)
                            .startsWith(SnapshotStorage.SNAPSHOT_DIRECTORY_PREFIX)) {
                owned.add(savepoint.substring(0, slash));
            }
        }
        for (SnapshotEntity inFlight :
                jobIds.isEmpty() ? List.<SnapshotEntity>of() : snapshots.findInProgressOf(jobIds)) {
            owned.add(normalize(storage.snapshotDirectory(workspaceId, inFlight.getJobId(), inFlight.getId())));
        }
        return storage.snapshotLocations(workspaceId).stream()
                .filter(l -> !owned.contains(normalize(l)))
                .sorted()
                .toList();
    }

    static String normalize(String location) {
        URI uri = URI.create(location.strip());
        if ("file".equals(uri.getScheme())) {
            return Path.of(uri).toAbsolutePath().normalize().toString();
        }
        String text = uri.normalize().toString().replaceFirst("^s3a://", "s3://");
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** COMPLETED snapshots of every job of the workspace, newest first: what a job can be restored from. */
    @Transactional(readOnly = true)
    public List<RestorableSnapshot> restorableSnapshots(long workspaceId) {
        List<Long> jobIds = jobs.jobIds(workspaceId);
        if (jobIds.isEmpty()) {
            return List.of();
        }
        var names = new java.util.HashMap<Long, String>();
        return snapshots.findCompletedOf(jobIds).stream()
                .map(s -> new RestorableSnapshot(
                        s.getId(),
                        s.getJobId(),
                        names.computeIfAbsent(
                                s.getJobId(), id -> jobs.get(workspaceId, id).name()),
                        s.getTrigger(),
                        s.getFormat(),
                        s.getCompletedAt(),
                        s.getSizeBytes(),
                        s.getLocation()))
                .toList();
    }

    /** The job's newest retained checkpoint: the fallback state when a stop-with-snapshot fails. */
    public java.util.Optional<SnapshotStorage.StoredCheckpoint> latestRetainedCheckpoint(long workspaceId, long jobId) {
        JobDetails job = jobs.get(workspaceId, jobId);
        return storage.latestCheckpoint(job.workspace().id(), job.id());
    }

    /** The job's snapshot-failure alert, when scheduled snapshots keep failing. */
    @Transactional(readOnly = true)
    public java.util.Optional<String> snapshotAlert(long workspaceId, long jobId) {
        return alerts.activeAlert(jobs.get(workspaceId, jobId).id());
    }

    /** True while any snapshot of the job is IN_PROGRESS (pages refresh until none is). */
    @Transactional(readOnly = true)
    public boolean hasSnapshotInProgress(long workspaceId, long jobId) {
        return snapshots.existsByJobIdAndStatus(jobs.get(workspaceId, jobId).id(), SnapshotStatus.IN_PROGRESS);
    }

    /**
     * The Overview's cards and storage figures, for a caller that holds the job's details (and so passed its access
     * check); pages and the API read them through {@link OverviewService#read}.
     */
    @Transactional(readOnly = true)
    public StateSetOverview overviewOf(JobDetails job) {
        var lastCompleted = snapshots
                .findFirstByJobIdAndStatusOrderByCompletedAtDescIdDesc(job.id(), SnapshotStatus.COMPLETED)
                .map(SnapshotEntity::toRecord);
        var lastFailed = snapshots
                .findFirstByJobIdAndStatusOrderByCreatedAtDescIdDesc(job.id(), SnapshotStatus.FAILED)
                .map(SnapshotEntity::toRecord);
        Object[] storage = snapshots.storageOfJob(job.id()).get(0);
        return new StateSetOverview(
                checkpointRecords.latest(job.id(), "COMPLETED"),
                checkpointRecords.latest(job.id(), "FAILED"),
                checkpointRecords.totals(job.id()),
                lastCompleted,
                lastFailed,
                new StorageTotals(((Number) storage[0]).longValue(), ((Number) storage[1]).longValue()));
    }

    /**
     * One page of the job's system checkpoints as the console recorded them (all runs, beyond the few Flink keeps),
     * newest first.
     *
     * @param statuses       COMPLETED, FAILED, IN_PROGRESS; empty for all
     * @param currentRunOnly only the current run's
     */
    @Transactional(readOnly = true)
    public List<SystemCheckpoint> checkpointHistory(
            long workspaceId, long jobId, Set<String> statuses, boolean currentRunOnly, int offset, int limit) {
        return checkpointHistoryOf(jobs.get(workspaceId, jobId), statuses, currentRunOnly, offset, limit);
    }

    /** As {@link #checkpointHistory}, for a caller that holds the job's details (and so passed its access check). */
    @Transactional(readOnly = true)
    public List<SystemCheckpoint> checkpointHistoryOf(
            JobDetails job, Set<String> statuses, boolean currentRunOnly, int offset, int limit) {
        if (currentRunOnly && job.engineJobId() == null) {
            return List.of();
        }
        return checkpointRecords.page(
                job.id(), statuses, currentRunOnly ? job.engineJobId() : null, offset, Math.min(limit, 500));
    }

    /** Flink's summary of the job's current run (counts; min/avg/max/p95 of duration and size), as last recorded. */
    @Transactional(readOnly = true)
    public java.util.Optional<CheckpointTotals> checkpointTotals(long workspaceId, long jobId) {
        JobDetails job = jobs.get(workspaceId, jobId);
        return checkpointRecords.totals(job.id()).filter(t -> t.run().equals(job.engineJobId()));
    }

    /** What the job snapshots of each workspace the user is a member of occupy in storage (workspaces without any are absent). */
    @Transactional(readOnly = true)
    public java.util.Map<Long, StorageTotals> storageByWorkspace() {
        java.util.Map<Long, Long> workspaceOf = jobs.workspaceOfMyJobs();
        var result = new java.util.HashMap<Long, StorageTotals>();
        for (Object[] row : snapshots.storageByJob()) {
            Long workspace = workspaceOf.get(((Number) row[0]).longValue());
            if (workspace != null) {
                result.merge(
                        workspace,
                        new StorageTotals(((Number) row[1]).longValue(), ((Number) row[2]).longValue()),
                        (a, b) -> new StorageTotals(a.snapshots() + b.snapshots(), a.bytes() + b.bytes()));
            }
        }
        return result;
    }

    /** Per job of the workspace: how its newest finished snapshot ended and what its snapshots occupy (jobs with no
     * snapshot are absent). Two reads per 500 jobs. */
    @Transactional(readOnly = true)
    public java.util.Map<Long, SnapshotFacts> snapshotFacts(long workspaceId) {
        java.util.Map<Long, SnapshotFacts> facts = new java.util.HashMap<>();
        for (List<Long> chunk : dev.stateset.console.base.Chunks.of(jobs.jobIds(workspaceId), 500)) {
            for (Object[] row : snapshots.storageOfJobs(chunk)) {
                facts.put(
                        ((Number) row[0]).longValue(),
                        new SnapshotFacts(
                                null,
                                null,
                                new StorageTotals(((Number) row[1]).longValue(), ((Number) row[2]).longValue())));
            }
            java.util.Map<Long, java.time.Instant> newest = new java.util.HashMap<>();
            snapshots.lastFinishedTimes(chunk).forEach(row -> newest.put((Long) row[0], (java.time.Instant) row[1]));
            if (newest.isEmpty()) {
                continue;
            }
            for (Object[] row : snapshots.finishedAt(chunk, java.util.Set.copyOf(newest.values()))) {
                long job = (Long) row[0];
                if (row[2].equals(newest.get(job))) {
                    SnapshotFacts known = facts.getOrDefault(job, SnapshotFacts.NONE);
                    facts.put(
                            job, new SnapshotFacts((SnapshotStatus) row[1], (java.time.Instant) row[2], known.kept()));
                }
            }
        }
        return facts;
    }

    /**
     * One page of the job's snapshots, newest first unless {@code pageable} sorts otherwise.
     *
     * @param statuses the statuses to include; empty for all
     */
    @Transactional(readOnly = true)
    public Page<JobSnapshot> snapshots(long workspaceId, long jobId, Set<SnapshotStatus> statuses, Pageable pageable) {
        JobDetails job = jobs.get(workspaceId, jobId);
        return snapshotPages.page(job.id(), statuses == null ? Set.of() : statuses, pageable);
    }

    /** One snapshot of the job (tombstones included). */
    @Transactional(readOnly = true)
    public JobSnapshot snapshot(long workspaceId, long jobId, long snapshotId) {
        JobDetails job = jobs.get(workspaceId, jobId);
        return snapshots
                .findByIdAndJobId(snapshotId, job.id())
                .map(SnapshotEntity::toRecord)
                .orElseThrow(() -> new dev.stateset.console.base.ResourceNotFoundException("Snapshot"));
    }
}
