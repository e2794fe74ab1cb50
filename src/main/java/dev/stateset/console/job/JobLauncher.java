package dev.stateset.console.job;

import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ResourceNotFoundException;
import dev.stateset.console.engine.FlinkEngine;
import dev.stateset.console.engine.JobLaunch;
import dev.stateset.console.engine.inspect.JobStateInspector;
import dev.stateset.console.job.internal.JobEntity;
import dev.stateset.console.job.internal.JobRepository;
import dev.stateset.console.job.internal.JobRunEntity;
import dev.stateset.console.job.internal.JobRunRepository;
import dev.stateset.console.job.internal.ProgramArguments;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.security.CurrentUser;
import dev.stateset.console.storage.SnapshotStorage;
import dev.stateset.console.workspace.WorkspaceDetails;
import dev.stateset.console.workspace.WorkspaceRole;
import dev.stateset.console.workspace.WorkspaceService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Submits a job to its workspace's Flink cluster by a resolved plan, with the job's checkpoint settings and state
 * parameters applied as Flink configuration, and records the run. Users start and stop jobs through the state set's
 * {@code JobLifecycleService}, which resolves what to restore from.
 */
@Service
public class JobLauncher {

    private final JobRepository jobs;
    private final WorkspaceService workspaces;
    private final JobEngines engines;
    private final SnapshotStorage storage;
    private final AuditLog audit;
    private final JobService jobService;
    private final JobRunRepository runs;
    private final CurrentUser currentUser;
    private final Clock clock;
    private final JobStateInspector inspector;
    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private final JobArtifacts artifacts;

    private final StateChanges changes;

    JobLauncher(
            JobStateInspector inspector,
            JobRepository jobs,
            WorkspaceService workspaces,
            JobEngines engines,
            SnapshotStorage storage,
            AuditLog audit,
            JobService jobService,
            JobRunRepository runs,
            CurrentUser currentUser,
            Clock clock,
            org.springframework.transaction.support.TransactionTemplate transactions,
            JobArtifacts artifacts,
            StateChanges changes) {
        this.changes = changes;
        this.transactions = transactions;
        this.artifacts = artifacts;
        this.inspector = inspector;
        this.jobService = jobService;
        this.runs = runs;
        this.currentUser = currentUser;
        this.clock = clock;
        this.jobs = jobs;
        this.workspaces = workspaces;
        this.engines = engines;
        this.storage = storage;
        this.audit = audit;
    }

    /**
     * Starts the job by a resolved plan (stateless, or restoring from a path) and records the run. Refused while the
     * job is running ("stop it first"). Flink's refusal (e.g. state it cannot map without allowNonRestoredState) comes
     * back as {@link dev.stateset.console.engine.EngineRejectedException} with Flink's reason.
     */
    public JobDetails start(long workspaceId, long jobId, StartPlan plan) {
        WorkspaceDetails workspace = workspaces.get(workspaceId);
        workspace.requireRole(WorkspaceRole.EDITOR, "Starting jobs");
        JobEntity job =
                jobs.findByIdAndWorkspaceId(jobId, workspaceId).orElseThrow(() -> new ResourceNotFoundException("Job"));
        if (job.getStatus().isActive()) {
            throw InvalidInputException.of("status", "The job is " + job.getStatus() + ": stop the job first");
        }
        jobService.get(workspaceId, jobId).startUnavailable().ifPresent(reason -> {
            throw InvalidInputException.of("start", reason);
        });
        FlinkEngine engine = engines.of(workspace);
        if (!job.getStateBackend().availableIn(engine.version())) {
            throw InvalidInputException.of(
                    "backend",
                    "The cluster runs Flink " + engine.version() + ", which has no " + job.getStateBackend()
                            + " state backend: choose another on the Configuration tab");
        }
        JobLaunch.Restore restore = plan.restorePath() == null
                ? null
                : new JobLaunch.Restore(plan.restorePath(), plan.allowNonRestoredState(), plan.claimMode());
        JobArtifacts.Launchable jar = artifacts.resolve(job.getArtifact());
        JobLaunch launch = new JobLaunch(
                jar.localJar(),
                jar.clusterJarId(),
                job.getEntryClass(),
                ProgramArguments.split(job.getProgramArgs()),
                job.getParallelism(),
                flinkConfiguration(workspaceId, job),
                restore);
        // Flink first, outside any transaction (uploading a jar and submitting may take seconds, or hang): no database
        // connection waits on the cluster.
        String engineJobId = engine.startJob(launch);
        String by = currentUser.require().username();
        transactions.executeWithoutResult(tx -> {
            // The job runs on Flink now: record it with a targeted update, which a concurrent status sync cannot undo.
            jobs.recordStart(jobId, engineJobId, plan.restoreSnapshotId(), clock.instant());
            runs.save(new JobRunEntity(
                    jobId,
                    engineJobId,
                    plan.strategy(),
                    plan.restoreSnapshotId(),
                    plan.restorePath(),
                    plan.allowNonRestoredState(),
                    restore == null ? null : plan.claimMode().name(),
                    by,
                    clock.instant()));
            audit.record(
                    workspaceId,
                    "job.start",
                    "job",
                    jobId,
                    "engineJobId=" + engineJobId + ", strategy=" + plan.strategy()
                            + (plan.restorePath() == null
                                    ? ""
                                    : ", restoredFrom=" + plan.restorePath() + ", allowNonRestoredState="
                                            + plan.allowNonRestoredState() + ", claimMode=" + plan.claimMode()));
            changes.publish(workspaceId, jobId, StateChange.Kind.JOB);
        });
        return jobService.get(workspaceId, jobId);
    }

    /** The operators of the job's graph, built locally from its jar and arguments (for restore compatibility). */
    public List<JobStateInspector.JobOperator> operators(long workspaceId, long jobId) {
        jobService.get(workspaceId, jobId);
        JobEntity job =
                jobs.findByIdAndWorkspaceId(jobId, workspaceId).orElseThrow(() -> new ResourceNotFoundException("Job"));
        if (job.getEntryClass() == null) {
            throw InvalidInputException.of("entryClass", "The job has no entry class; edit the job first");
        }
        return inspector.jobOperators(
                jarOf(job), job.getEntryClass(), ProgramArguments.split(job.getProgramArgs()), job.getParallelism());
    }

    /**
     * The job's jar when the console holds it (an upload or the built-in jobs), to load the job's own classes; empty
     * when the jar lives on the Flink cluster only or cannot be resolved.
     */
    public java.util.Optional<Path> localJar(long jobId) {
        return jobs.findById(jobId).map(JobEntity::getArtifact).flatMap(artifact -> {
            try {
                return java.util.Optional.ofNullable(artifacts.resolve(artifact).localJar());
            } catch (RuntimeException unresolvable) {
                return java.util.Optional.empty();
            }
        });
    }

    /** When the current (newest) run of each of the workspace's jobs started; jobs that never ran are absent. */
    @Transactional(readOnly = true)
    public java.util.Map<Long, java.time.Instant> currentRunStarts(long workspaceId) {
        java.util.List<Long> ids = jobService.jobIds(workspaceId);
        java.util.Map<Long, java.time.Instant> starts = new java.util.HashMap<>();
        for (java.util.List<Long> chunk : dev.stateset.console.base.Chunks.of(ids, 500)) {
            runs.latestStarts(chunk).forEach(row -> starts.put((Long) row[0], (java.time.Instant) row[1]));
        }
        return starts;
    }

    /**
     * When the current (newest) run of {@code job} started, empty if it never ran: one aggregate read for callers that
     * hold the job's details (and so passed its access check), instead of all its runs.
     */
    @Transactional(readOnly = true)
    public java.util.Optional<java.time.Instant> currentRunStart(JobDetails job) {
        return java.util.Optional.ofNullable(runs.latestStart(job.id()));
    }

    /** The job's runs, newest first. */
    @Transactional(readOnly = true)
    public java.util.List<JobRun> runs(long workspaceId, long jobId) {
        JobDetails job = jobService.get(workspaceId, jobId);
        return runs.findByJobIdOrderByStartedAtDescIdDesc(job.id()).stream()
                .map(r -> new JobRun(
                        r.getId(),
                        r.getEngineJobId(),
                        r.getStrategy(),
                        r.getRestoreSnapshotId(),
                        r.getRestorePath(),
                        r.isAllowNonRestoredState(),
                        r.getClaimMode(),
                        r.getStartedBy(),
                        r.getStartedAt(),
                        r.getRestoreVerified(),
                        r.getRestoreVerdict()))
                .toList();
    }

    /** The job's jar on the console's disk, to build its graph from (a jar only the cluster has cannot be read here). */
    private Path jarOf(JobEntity job) {
        JobArtifacts.Launchable jar = artifacts.resolve(job.getArtifact());
        if (jar.localJar() == null) {
            throw InvalidInputException.of(
                    "artifact",
                    "The job's jar is on the Flink cluster only (" + job.getArtifact()
                            + "): the console cannot read its operators to compare them with the snapshot");
        }
        return jar.localJar();
    }

    /** The job's settings as Flink configuration keys (Flink 2.x names). */
    Map<String, String> flinkConfiguration(long workspaceId, JobEntity job) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("execution.checkpointing.interval", job.getCheckpointIntervalMs() + " ms");
        config.put("execution.checkpointing.timeout", job.getCheckpointTimeoutMs() + " ms");
        config.put("execution.checkpointing.min-pause", job.getCheckpointMinPauseMs() + " ms");
        config.put("execution.checkpointing.num-retained", String.valueOf(job.getCheckpointsRetained()));
        config.put("execution.checkpointing.incremental", String.valueOf(job.isStateBackendIncremental()));
        // Retained checkpoints outlive a cancel, so a job can later start from its latest state.
        config.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        config.put("execution.checkpointing.dir", storage.checkpointDirectory(workspaceId, job.getId()));
        config.put("execution.checkpointing.savepoint-dir", storage.snapshotDirectory(workspaceId, job.getId()));
        if (job.getStateTtlMs() > 0) {
            config.put("table.exec.state.ttl", job.getStateTtlMs() + " ms");
        }
        if (job.getLocalTempDir() != null) {
            config.put("io.tmp.dirs", job.getLocalTempDir());
        }
        config.put("state.backend.type", job.getStateBackend().flinkName());
        // Other options cannot override the keys above: they are refused when saved (JobInputRules.MANAGED_KEYS).
        FlinkOptionLines.read(job.getFlinkOptions()).forEach(config::putIfAbsent);
        return config;
    }
}
