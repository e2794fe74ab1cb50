package dev.stateset.console.job;

import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.base.FieldErrors;
import dev.stateset.console.base.ResourceNotFoundException;
import dev.stateset.console.job.internal.JobEntity;
import dev.stateset.console.job.internal.JobRepository;
import dev.stateset.console.job.internal.JobStatusSync;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.workspace.WorkspaceDetails;
import dev.stateset.console.workspace.WorkspaceRole;
import dev.stateset.console.workspace.WorkspaceService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Jobs of a workspace: every member reads them; EDITORs define them and change their settings. */
@Service
@Transactional
public class JobService {

    public static final int MAX_PARALLELISM = 1024;
    static final int MAX_ARGS = 2000;

    private final JobRepository jobs;
    private final WorkspaceService workspaces;
    private final AuditLog audit;
    private final Clock clock;
    private final JobStatusSync statusSync;

    private final JobArtifacts artifacts;
    private final StateChanges changes;
    private final ObjectProvider<JobListFacts.LastSnapshots> lastSnapshots;
    private final ObjectProvider<JobListFacts.Schedules> schedules;
    private final dev.stateset.console.job.internal.ClusterVersions clusterVersions;

    JobService(
            JobRepository jobs,
            WorkspaceService workspaces,
            AuditLog audit,
            Clock clock,
            JobStatusSync statusSync,
            JobArtifacts artifacts,
            StateChanges changes,
            ObjectProvider<JobListFacts.LastSnapshots> lastSnapshots,
            ObjectProvider<JobListFacts.Schedules> schedules,
            dev.stateset.console.job.internal.ClusterVersions clusterVersions) {
        this.clusterVersions = clusterVersions;
        this.lastSnapshots = lastSnapshots;
        this.schedules = schedules;
        this.changes = changes;
        this.artifacts = artifacts;
        this.statusSync = statusSync;
        this.jobs = jobs;
        this.workspaces = workspaces;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<JobSummary> list(long workspaceId) {
        workspaces.get(workspaceId);
        List<Object[]> listed = jobs.listByName(workspaceId);
        List<Long> ids = listed.stream().map(row -> (Long) row[0]).toList();
        // Three reads per list, whatever its length: the jobs, then the facts their own features keep.
        Map<Long, Instant> last =
                lastSnapshots.getIfAvailable(() -> jobIds -> Map.of()).lastCompleted(ids);
        java.util.Set<Long> scheduled =
                schedules.getIfAvailable(() -> jobIds -> java.util.Set.of()).scheduled(ids);
        return listed.stream()
                .map(row -> new JobSummary(
                        (Long) row[0],
                        (String) row[1],
                        (JobStatus) row[2],
                        last.get((Long) row[0]),
                        scheduled.contains((Long) row[0])))
                .toList();
    }

    /** The ids of the workspace's jobs (a member's read), for features that keep rows per job. */
    @Transactional(readOnly = true)
    public List<Long> jobIds(long workspaceId) {
        workspaces.get(workspaceId);
        return jobs.idsInWorkspace(workspaceId);
    }

    /** Job id → workspace id for every job in the caller's workspaces, in one read. */
    @Transactional(readOnly = true)
    public Map<Long, Long> workspaceOfMyJobs() {
        List<Long> mine = workspaces.listMine().stream()
                .map(dev.stateset.console.workspace.WorkspaceSummary::id)
                .toList();
        Map<Long, Long> workspaceOf = new HashMap<>();
        if (!mine.isEmpty()) {
            jobs.idsByWorkspace(mine).forEach(row -> workspaceOf.put((Long) row[0], (Long) row[1]));
        }
        return workspaceOf;
    }

    /**
     * A job by id alone, for the console's own background work (which runs as the admin-level system actor);
     * users always address a job through its workspace.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public JobDetails findForSystem(long jobId) {
        JobEntity job = jobs.findById(jobId).orElseThrow(() -> new ResourceNotFoundException("Job"));
        return toDetails(job, workspaces.get(job.getWorkspaceId()));
    }

    /** Several jobs at once (one query for the jobs, one per workspace), for the console's own batch work. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public Map<Long, JobDetails> findAllForSystem(Collection<Long> jobIds) {
        Map<Long, WorkspaceDetails> workspaceById = new HashMap<>();
        Map<Long, JobDetails> result = new HashMap<>();
        for (JobEntity job : jobs.findAllById(jobIds)) {
            WorkspaceDetails workspace = workspaceById.computeIfAbsent(job.getWorkspaceId(), workspaces::get);
            result.put(job.getId(), toDetails(job, workspace));
        }
        return result;
    }

    /**
     * Jobs whose current run may be taking checkpoints (STARTING, RUNNING, STOPPING), for the console's own background
     * work.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<JobDetails> activeRunsForSystem() {
        Map<Long, WorkspaceDetails> workspaceById = new HashMap<>();
        return jobs.findWithRunIn(JobStatus.ACTIVE).stream()
                .map(job -> toDetails(job, workspaceById.computeIfAbsent(job.getWorkspaceId(), workspaces::get)))
                .toList();
    }

    /** Whether the workspace's Flink cluster answered at the last status sync. */
    public EngineHealth engineHealth(long workspaceId) {
        workspaces.get(workspaceId);
        return statusSync.health(workspaceId);
    }

    /** Reads the workspace's cluster now (instead of waiting for the next sync) and returns its health. */
    public EngineHealth refreshFromEngine(long workspaceId) {
        workspaces.get(workspaceId);
        return statusSync.syncWorkspace(workspaceId);
    }

    @Transactional(readOnly = true)
    public JobDetails get(long workspaceId, long jobId) {
        WorkspaceDetails workspace = workspaces.get(workspaceId);
        return toDetails(load(workspaceId, jobId), workspace);
    }

    /**
     * Stores an uploaded job jar for the workspace's jobs (see {@link JobArtifacts}); outside any transaction, since the
     * upload streams for as long as the client sends.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
    public JobArtifacts.UploadedArtifact uploadArtifact(
            long workspaceId, String fileName, java.io.InputStream content) {
        return artifacts.upload(workspaceId, fileName, content);
    }

    /**
     * Each of the caller's workspaces' Flink version as last read ("checking…" while a cluster is read the first
     * time, in the background), for the workspace list.
     */
    public Map<Long, String> clusterVersions() {
        return clusterVersions.describe(workspaces.listMineWithEngines());
    }

    /** The built-in demo jobs a job may name (artifact {@link JobArtifacts#BUILTIN}), by entry class. */
    public List<String> builtinEntryClasses() {
        return artifacts.builtinEntryClasses();
    }

    public JobDetails create(long workspaceId, JobDraft draft) {
        WorkspaceDetails workspace = requireEditor(workspaceId);
        validate(workspaceId, draft, null, true);
        JobEntity job = new JobEntity(workspaceId, draft.name().strip(), clock.instant());
        applyDraft(job, draft);
        applyCheckpoints(job, CheckpointSettings.defaults());
        applyState(job, StateParameters.defaults());
        jobs.save(job);
        audit.record(workspaceId, "job.create", "job", job.getId(), "name=" + job.getName());
        changes.publish(workspaceId, job.getId(), StateChange.Kind.JOB);
        return toDetails(job, workspace);
    }

    public JobDetails update(long workspaceId, long jobId, JobDraft draft) {
        WorkspaceDetails workspace = requireEditor(workspaceId);
        JobEntity job = load(workspaceId, jobId);
        // An adopted job (or one whose deployment system owns it) may have no jar; a job the console launches needs
        // one.
        validate(workspaceId, draft, jobId, job.getAdoptedAt() == null && job.getEngineRestUrl() == null);
        applyDraft(job, draft);
        touch(job);
        audit.record(
                workspaceId,
                "job.update",
                "job",
                jobId,
                "name=" + job.getName() + ", parallelism=" + job.getParallelism());
        changes.publish(workspaceId, jobId, StateChange.Kind.JOB);
        return toDetails(job, workspace);
    }

    /**
     * Saves the job's checkpoint settings and state parameters together (both validated before either is
     * written); they apply when the job is next started.
     */
    public JobDetails updateConfiguration(
            long workspaceId, long jobId, CheckpointSettings settings, StateParameters parameters) {
        WorkspaceDetails workspace = requireEditor(workspaceId);
        JobEntity job = load(workspaceId, jobId);
        FieldErrors errors = new FieldErrors();
        JobInputRules.checkpoints(errors, settings);
        String tempDir = JobInputRules.state(errors, parameters);
        errors.throwIfAny();
        applyCheckpoints(job, settings);
        applyState(
                job,
                new StateParameters(
                        parameters.incrementalCheckpoints(),
                        parameters.stateTtl(),
                        tempDir,
                        parameters.backend(),
                        parameters.flinkOptions()));
        touch(job);
        audit.record(
                workspaceId,
                "job.configuration",
                "job",
                jobId,
                "interval=" + settings.interval()
                        + ", timeout=" + settings.timeout() + ", minPause=" + settings.minPause() + ", retained="
                        + settings.retained()
                        + ", state.backend.incremental=" + parameters.incrementalCheckpoints()
                        + ", table.exec.state.ttl=" + parameters.stateTtl() + ", localTempDir=" + tempDir
                        + ", state.backend.type=" + parameters.backend().flinkName() + ", options="
                        + parameters.flinkOptions());
        changes.publish(workspaceId, jobId, StateChange.Kind.JOB);
        return toDetails(job, workspace);
    }

    private WorkspaceDetails requireEditor(long workspaceId) {
        WorkspaceDetails workspace = workspaces.get(workspaceId);
        workspace.requireRole(WorkspaceRole.EDITOR, "Changing jobs");
        return workspace;
    }

    private void validate(long workspaceId, JobDraft draft, Long existingId, boolean jarRequired) {
        FieldErrors errors = new FieldErrors()
                .requireName("name", draft.name())
                .limitDescription("description", draft.description());
        if (!errors.has("name")) {
            String name = draft.name().strip();
            boolean taken = existingId == null
                    ? jobs.existsByWorkspaceIdAndNameIgnoreCase(workspaceId, name)
                    : jobs.existsByWorkspaceIdAndNameIgnoreCaseAndIdNot(workspaceId, name, existingId);
            if (taken) {
                errors.add("name", "A job named '" + name + "' already exists in this workspace");
            }
        }
        JobInputRules.draft(errors, draft);
        if (jarRequired && FieldErrors.clean(draft.artifact()).isEmpty()) {
            errors.add(
                    "artifact",
                    "Choose the job's jar: upload one, pick one the cluster has, or the built-in demo jobs ("
                            + JobArtifacts.BUILTIN + ")");
        }
        if (jarRequired && FieldErrors.clean(draft.entryClass()).isEmpty()) {
            errors.add("entryClass", "Name the jar's entry class (the class with the job's main method)");
        }
        if (!errors.has("artifact")) {
            artifacts.problem(draft.artifact()).ifPresent(problem -> errors.add("artifact", problem));
        }
        errors.throwIfAny();
    }

    private JobEntity load(long workspaceId, long jobId) {
        return jobs.findByIdAndWorkspaceId(jobId, workspaceId).orElseThrow(() -> new ResourceNotFoundException("Job"));
    }

    private void touch(JobEntity job) {
        job.setUpdatedAt(clock.instant());
    }

    private static void applyDraft(JobEntity job, JobDraft draft) {
        job.setName(draft.name().strip());
        job.setDescription(FieldErrors.clean(draft.description()));
        job.setArtifact(emptyToNull(draft.artifact()));
        job.setEntryClass(emptyToNull(draft.entryClass()));
        job.setProgramArgs(FieldErrors.clean(draft.programArgs()));
        job.setParallelism(draft.parallelism());
    }

    private static void applyCheckpoints(JobEntity job, CheckpointSettings s) {
        job.setCheckpointIntervalMs(s.interval().toMillis());
        job.setCheckpointTimeoutMs(s.timeout().toMillis());
        job.setCheckpointMinPauseMs(s.minPause().toMillis());
        job.setCheckpointsRetained(s.retained());
    }

    private static void applyState(JobEntity job, StateParameters p) {
        job.setStateBackend(p.backend());
        job.setFlinkOptions(FlinkOptionLines.write(p.flinkOptions()));
        job.setStateBackendIncremental(p.incrementalCheckpoints());
        job.setStateTtlMs(p.stateTtl().toMillis());
        job.setLocalTempDir(emptyToNull(p.localTempDir()));
    }

    private static String emptyToNull(String value) {
        String clean = FieldErrors.clean(value);
        return clean.isEmpty() ? null : clean;
    }

    private static JobDetails toDetails(JobEntity j, WorkspaceDetails workspace) {
        return new JobDetails(
                j.getId(),
                workspace,
                j.getName(),
                j.getDescription(),
                j.getStatus(),
                j.getEngineJobId(),
                j.getArtifact(),
                j.getEntryClass(),
                j.getProgramArgs(),
                j.getParallelism(),
                new CheckpointSettings(
                        Duration.ofMillis(j.getCheckpointIntervalMs()),
                        Duration.ofMillis(j.getCheckpointTimeoutMs()),
                        Duration.ofMillis(j.getCheckpointMinPauseMs()),
                        j.getCheckpointsRetained()),
                new StateParameters(
                        j.isStateBackendIncremental(),
                        Duration.ofMillis(j.getStateTtlMs()),
                        j.getLocalTempDir() == null ? "" : j.getLocalTempDir(),
                        j.getStateBackend(),
                        FlinkOptionLines.read(j.getFlinkOptions())),
                j.getRestoredFromSnapshotId(),
                j.getLastFailure(),
                j.getEngineRestUrl(),
                j.getAdoptedAt(),
                j.getRestoreVerified(),
                j.getRestoreVerdict());
    }
}
