package dev.stateset.console.job;

import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.base.FieldErrors;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.engine.CheckpointConfiguration;
import dev.stateset.console.engine.ClusterJar;
import dev.stateset.console.engine.EngineJob;
import dev.stateset.console.engine.EngineRejectedException;
import dev.stateset.console.engine.FlinkEngine;
import dev.stateset.console.job.internal.JobEntity;
import dev.stateset.console.job.internal.JobRepository;
import dev.stateset.console.job.internal.JobRunEntity;
import dev.stateset.console.job.internal.JobRunRepository;
import dev.stateset.console.job.internal.JobStatusMapping;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.security.CurrentUser;
import dev.stateset.console.workspace.EngineUrls;
import dev.stateset.console.workspace.WorkspaceDetails;
import dev.stateset.console.workspace.WorkspaceRole;
import dev.stateset.console.workspace.WorkspaceService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The jobs a cluster runs that the console does not manage yet, and adopting one: it becomes a managed job at once,
 * without a restart, so that its checkpoints, snapshots, schedules, cleanup and stop work from the console. Flink is
 * read before any transaction opens: no database connection waits on a cluster.
 */
@Service
public class JobAdoption {

    private static final Pattern FLINK_JOB_ID = Pattern.compile("[0-9a-f]{32}");

    /**
     * A job as the cluster reports it.
     *
     * @param managedJobId the console's job it is a run of, or null when the console does not manage it
     */
    public record EngineJobListing(
            String engineJobId, String name, String status, Instant startTime, Long managedJobId) {}

    /**
     * What adopting a job takes.
     *
     * @param restUrl    the job's own (application-mode) cluster; blank for the workspace's cluster
     * @param artifact   the jar to start the job from later (e.g. {@code cluster:<jar id>}); blank for none
     * @param entryClass the jar's entry class; blank for none
     */
    public record AdoptRequest(String engineJobId, String name, String restUrl, String artifact, String entryClass) {
        public AdoptRequest(String engineJobId, String name) {
            this(engineJobId, name, null, null, null);
        }
    }

    private final WorkspaceService workspaces;
    private final JobEngines engines;
    private final JobRepository jobs;
    private final JobRunRepository runs;
    private final JobArtifacts artifacts;
    private final JobService jobService;
    private final AuditLog audit;
    private final StateChanges changes;
    private final CurrentUser currentUser;
    private final TransactionTemplate transactions;
    private final Clock clock;

    JobAdoption(
            WorkspaceService workspaces,
            JobEngines engines,
            JobRepository jobs,
            JobRunRepository runs,
            JobArtifacts artifacts,
            JobService jobService,
            AuditLog audit,
            StateChanges changes,
            CurrentUser currentUser,
            TransactionTemplate transactions,
            Clock clock) {
        this.workspaces = workspaces;
        this.engines = engines;
        this.jobs = jobs;
        this.runs = runs;
        this.artifacts = artifacts;
        this.jobService = jobService;
        this.audit = audit;
        this.changes = changes;
        this.currentUser = currentUser;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * The jobs of the workspace's cluster (or of an application cluster, which only an owner may name), newest first,
     * each with the console's job it is a run of. Every member may list the workspace's cluster.
     */
    public List<EngineJobListing> engineJobs(long workspaceId, String restUrl) {
        WorkspaceDetails workspace = workspaces.get(workspaceId);
        FlinkEngine engine = engine(workspace, restUrl);
        List<EngineJob> listed = engine.listJobs();
        Map<String, Long> managed = new HashMap<>();
        transactions.executeWithoutResult(tx ->
                jobs.managedEngineJobs(workspaceId).forEach(row -> managed.put((String) row[0], (Long) row[1])));
        return listed.stream()
                .sorted(Comparator.comparing(EngineJob::startTime, Comparator.nullsLast(Comparator.reverseOrder())))
                .map(job ->
                        new EngineJobListing(job.id(), job.name(), job.state(), job.startTime(), managed.get(job.id())))
                .toList();
    }

    /** The jars the workspace's cluster has, for a job to be started from ({@code cluster:<jar id>}). */
    public List<ClusterJar> clusterJars(long workspaceId) {
        return engines.of(workspaces.get(workspaceId)).listJars();
    }

    /**
     * Adopts a running (or starting) job of the cluster as a managed job of the workspace. Its checkpoint settings are
     * read from Flink, so the Configuration tab shows what the job runs with. An EDITOR adopts from the workspace's
     * cluster; binding a job to its own cluster URL takes an OWNER (the console will call that URL).
     */
    public JobDetails adopt(long workspaceId, AdoptRequest request) {
        WorkspaceDetails workspace = workspaces.get(workspaceId);
        workspace.requireRole(WorkspaceRole.EDITOR, "Adopting jobs");
        String engineJobId = FieldErrors.clean(request.engineJobId()).toLowerCase(java.util.Locale.ROOT);
        String name = FieldErrors.clean(request.name());
        String restUrl = FieldErrors.clean(request.restUrl());
        FieldErrors errors = new FieldErrors().requireName("name", request.name());
        if (!FLINK_JOB_ID.matcher(engineJobId).matches()) {
            errors.add("engineJobId", "A Flink job id is 32 hexadecimal characters, e.g. 5f3c…e1a0");
        }
        if (!restUrl.isEmpty()) {
            String problem = EngineUrls.flinkRestUrlProblem(restUrl);
            if (problem != null) {
                errors.add("restUrl", problem);
            }
        }
        String artifact = FieldErrors.clean(request.artifact());
        String entryClass = FieldErrors.clean(request.entryClass());
        JobInputRules.draft(errors, new JobDraft(name, "", artifact, entryClass, "", 1));
        if (!artifact.isEmpty() && !errors.has("artifact")) {
            artifacts.problem(artifact).ifPresent(problem -> errors.add("artifact", problem));
        }
        errors.throwIfAny();
        FlinkEngine engine = engine(workspace, restUrl);
        EngineJob engineJob = engine.findJob(engineJobId)
                .orElseThrow(() -> InvalidInputException.of(
                        "engineJobId", "The cluster has no job " + engineJobId + " (see the cluster's jobs)"));
        if (engineJob.isTerminal()) {
            throw InvalidInputException.of(
                    "engineJobId",
                    "The job is " + engineJob.state() + " on the cluster: only a running job can be adopted; register"
                            + " its savepoint as a snapshot of a job instead");
        }
        CheckpointSettings checkpoints = checkpointsOf(engine, engineJobId);
        String by = currentUser.require().username();
        Instant now = clock.instant();
        long jobId = transactions.execute(tx -> {
            if (jobs.existsByWorkspaceIdAndNameIgnoreCase(workspaceId, name)) {
                throw InvalidInputException.of("name", "A job named '" + name + "' already exists in this workspace");
            }
            jobs.managedEngineJobs(workspaceId).stream()
                    .filter(row -> engineJobId.equals(row[0]))
                    .findFirst()
                    .ifPresent(row -> {
                        throw InvalidInputException.of(
                                "engineJobId", "The console already manages this Flink job (job #" + row[1] + ")");
                    });
            JobEntity job = new JobEntity(workspaceId, name, now);
            // Flink's job name is whatever the job's author set: no control or invisible characters into the console.
            String flinkName = FieldErrors.clean(engineJob.name()).replaceAll("\\p{C}", " ");
            job.setDescription("Adopted from the cluster: "
                    + (flinkName.length() > 400 ? flinkName.substring(0, 400) + "…" : flinkName));
            job.setArtifact(artifact.isEmpty() ? null : artifact);
            job.setEntryClass(entryClass.isEmpty() ? null : entryClass);
            job.setCheckpointIntervalMs(checkpoints.interval().toMillis());
            job.setCheckpointTimeoutMs(checkpoints.timeout().toMillis());
            job.setCheckpointMinPauseMs(checkpoints.minPause().toMillis());
            job.setCheckpointsRetained(checkpoints.retained());
            job.setStateTtlMs(0);
            job.setEngineRestUrl(restUrl.isEmpty() ? null : EngineUrls.normalize(restUrl));
            job.setAdoptedAt(now);
            job.setEngineJobId(engineJobId);
            job.setStatus(JobStatusMapping.of(engineJob));
            jobs.save(job);
            runs.save(new JobRunEntity(
                    job.getId(),
                    engineJobId,
                    null,
                    null,
                    null,
                    false,
                    null,
                    by,
                    engineJob.startTime() == null ? now : engineJob.startTime()));
            audit.record(
                    workspaceId,
                    "job.adopt",
                    "job",
                    job.getId(),
                    "engineJobId=" + engineJobId + ", name=" + name
                            + (job.getEngineRestUrl() == null ? "" : ", cluster=" + job.getEngineRestUrl())
                            + (job.getArtifact() == null ? ", no artifact" : ", artifact=" + job.getArtifact()));
            changes.publish(workspaceId, job.getId(), StateChange.Kind.JOB);
            return job.getId();
        });
        return jobService.get(workspaceId, jobId);
    }

    private FlinkEngine engine(WorkspaceDetails workspace, String restUrl) {
        if (restUrl == null || restUrl.isBlank()) {
            return engines.of(workspace);
        }
        workspace.requireRole(WorkspaceRole.OWNER, "Binding a job to its own cluster");
        String problem = EngineUrls.flinkRestUrlProblem(restUrl);
        if (problem != null) {
            throw InvalidInputException.of("restUrl", problem);
        }
        return engines.remote(EngineUrls.normalize(restUrl));
    }

    /** What the job runs with; Flink's defaults stand in where checkpointing is off or the cluster does not say. */
    private static CheckpointSettings checkpointsOf(FlinkEngine engine, String engineJobId) {
        CheckpointSettings defaults = CheckpointSettings.defaults();
        CheckpointConfiguration config;
        try {
            config = engine.checkpointConfiguration(engineJobId);
        } catch (EngineRejectedException checkpointingOff) {
            return defaults;
        }
        Duration interval = config.interval();
        boolean on = interval != null && !interval.isZero() && interval.toDays() < 365;
        return new CheckpointSettings(
                on ? interval : defaults.interval(),
                config.timeout() != null
                                && !config.timeout().isNegative()
                                && !config.timeout().isZero()
                        ? config.timeout()
                        : defaults.timeout(),
                config.minPause() != null && !config.minPause().isNegative() ? config.minPause() : Duration.ZERO,
                defaults.retained());
    }
}
