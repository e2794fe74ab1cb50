package dev.stateset.console.stateset.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stateset.console.base.FieldErrors;
import dev.stateset.console.base.rest.PageBody;
import dev.stateset.console.engine.JobLaunch;
import dev.stateset.console.engine.inspect.SnapshotContentsReader;
import dev.stateset.console.job.CheckpointSettings;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.job.JobSummary;
import dev.stateset.console.job.StartStrategy;
import dev.stateset.console.job.StateParameters;
import dev.stateset.console.stateset.CheckpointSummary;
import dev.stateset.console.stateset.JobLifecycleService;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.SnapshotComparison;
import dev.stateset.console.stateset.SnapshotContentsService;
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.stateset.SnapshotRegistry;
import dev.stateset.console.stateset.SnapshotService;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.stateset.StateSetService;
import dev.stateset.console.workspace.WorkspaceRole;
import io.swagger.v3.oas.annotations.Operation;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Jobs, their snapshots and checkpoints over {@code /api/v1}, with the same services (and so the same role checks)
 * as the console's pages.
 */
@RestController
@RequestMapping("/api/v1/workspaces/{ws}/jobs")
class JobApi {

    private static final int MAX_PAGE_SIZE = 500;

    private final JobService jobs;
    private final StateSetService stateSets;
    private final SnapshotService snapshots;
    private final JobLifecycleService lifecycle;
    private final SnapshotRegistry registry;
    private final SnapshotContentsService contents;

    JobApi(
            JobService jobs,
            StateSetService stateSets,
            SnapshotService snapshots,
            JobLifecycleService lifecycle,
            SnapshotRegistry registry,
            SnapshotContentsService contents) {
        this.registry = registry;
        this.contents = contents;
        this.jobs = jobs;
        this.stateSets = stateSets;
        this.snapshots = snapshots;
        this.lifecycle = lifecycle;
    }

    record CreateSnapshot(@JsonProperty(required = true) SnapshotFormat format, String description) {}

    /**
     * @param drain  optional, false when left out
     * @param format of the stop snapshot; optional, CANONICAL when left out
     */
    record Stop(@JsonProperty(required = true) boolean withSnapshot, Boolean drain, SnapshotFormat format) {
        Stop {
            drain = Boolean.TRUE.equals(drain);
            format = format == null ? SnapshotFormat.CANONICAL : format;
        }
    }

    /** The job as the stop left it, and the stop snapshot to follow when one was requested. */
    record Stopped(JobResponse job, JobSnapshot snapshot) {}

    /**
     * A job as the API shows it to a member: the job's own settings and the caller's role, never the workspace's
     * internals (its webhook URL is a secret for Slack-style hooks; its cluster URL may carry credentials), which
     * {@link JobDetails} carries for the services.
     */
    record JobResponse(
            long id,
            long workspaceId,
            String name,
            String description,
            JobStatus status,
            String engineJobId,
            String artifact,
            String entryClass,
            String programArgs,
            int parallelism,
            CheckpointSettings checkpoints,
            StateParameters stateParameters,
            Long restoredFromSnapshotId,
            String lastFailure,
            WorkspaceRole myRole,
            java.time.Instant adoptedAt,
            boolean ownCluster,
            String startUnavailable,
            Boolean restoreVerified,
            String restoreVerdict) {

        static JobResponse of(JobDetails job) {
            return new JobResponse(
                    job.id(),
                    job.workspace().id(),
                    job.name(),
                    job.description(),
                    job.status(),
                    job.engineJobId(),
                    job.artifact(),
                    job.entryClass(),
                    job.programArgs(),
                    job.parallelism(),
                    job.checkpoints(),
                    job.stateParameters(),
                    job.restoredFromSnapshotId(),
                    job.lastFailure(),
                    job.workspace().myRole(),
                    job.adoptedAt(),
                    job.engineRestUrl() != null,
                    job.startUnavailable().orElse(null),
                    job.restoreVerified(),
                    job.restoreVerdict());
        }
    }

    /** @param allowNonRestoredState optional, false when left out */
    record Start(
            @JsonProperty(required = true) StartStrategy strategy,
            Long snapshotId,
            Boolean allowNonRestoredState,
            JobLaunch.ClaimMode claimMode) {
        Start {
            allowNonRestoredState = Boolean.TRUE.equals(allowNonRestoredState);
        }
    }

    @Operation(summary = "List the workspace's jobs")
    @GetMapping
    List<JobSummary> list(@PathVariable long ws) {
        return jobs.list(ws);
    }

    @Operation(summary = "Get a job")
    @GetMapping("/{job}")
    JobResponse get(@PathVariable long ws, @PathVariable long job) {
        return JobResponse.of(jobs.get(ws, job));
    }

    @Operation(summary = "List a job's snapshots", description = "Newest first, paged; status filters.")
    @GetMapping("/{job}/snapshots")
    PageBody<JobSnapshot> snapshots(
            @PathVariable long ws,
            @PathVariable long job,
            @RequestParam(required = false) Set<SnapshotStatus> status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        new FieldErrors().checkPage(page, size, MAX_PAGE_SIZE).throwIfAny();
        return PageBody.of(stateSets.snapshots(
                ws,
                job,
                status == null ? EnumSet.noneOf(SnapshotStatus.class) : status,
                PageRequest.of(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id")))));
    }

    @Operation(
            summary = "Take a job snapshot",
            description = "A savepoint of the RUNNING job: IN_PROGRESS now, COMPLETED or FAILED in the background.")
    @PostMapping("/{job}/snapshots")
    ResponseEntity<JobSnapshot> create(
            @PathVariable long ws, @PathVariable long job, @RequestBody CreateSnapshot request) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(snapshots.create(ws, job, request.format(), request.description()));
    }

    record Register(@JsonProperty(required = true) String location, String description) {}

    @PostMapping("/{job}/snapshots/register")
    @Operation(
            summary = "Register a snapshot made elsewhere",
            description = "Records an existing savepoint (or retained checkpoint) as a COMPLETED job snapshot with"
                    + " trigger EXTERNAL: its _metadata must be readable; it is restorable into any job of the"
                    + " workspace and never deleted by cleanup. Locations: the console's storage or an allowed prefix"
                    + " (stateset.storage.registrable-locations).")
    ResponseEntity<JobSnapshot> register(@PathVariable long ws, @PathVariable long job, @RequestBody Register request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(registry.register(ws, job, request.location(), request.description()));
    }

    @Operation(summary = "Get a job snapshot")
    @GetMapping("/{job}/snapshots/{id}")
    JobSnapshot snapshot(@PathVariable long ws, @PathVariable long job, @PathVariable long id) {
        return stateSets.snapshot(ws, job, id);
    }

    @Operation(
            summary = "Delete a job snapshot",
            description = "Deletes its files; the record stays as DELETED (or DELETE_FAILED to retry).")
    @DeleteMapping("/{job}/snapshots/{id}")
    JobSnapshot delete(@PathVariable long ws, @PathVariable long job, @PathVariable long id) {
        return snapshots.delete(ws, job, id);
    }

    @Operation(
            summary = "Read a job's checkpoints",
            description = "Flink's checkpoint statistics of the current run, or why they are unavailable.")
    @GetMapping("/{job}/checkpoints")
    CheckpointSummary checkpoints(@PathVariable long ws, @PathVariable long job) {
        return stateSets.checkpoints(ws, job);
    }

    /** @param full optional: a full checkpoint even where checkpoints are incremental; false when left out */
    record TriggerCheckpoint(Boolean full) {}

    record TriggeredCheckpoint(long checkpointId) {}

    @PostMapping("/{job}/checkpoints")
    @Operation(
            summary = "Take a checkpoint now",
            description = "Triggers a checkpoint of the RUNNING job (Flink 1.19 and newer) and answers with its id once"
                    + " it completed (or 503 if it still runs after two minutes).")
    ResponseEntity<TriggeredCheckpoint> triggerCheckpoint(
            @PathVariable long ws, @PathVariable long job, @RequestBody TriggerCheckpoint request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new TriggeredCheckpoint(
                        stateSets.triggerCheckpoint(ws, job, Boolean.TRUE.equals(request.full()))));
    }

    @PostMapping("/{job}/checkpoints/latest/keep")
    @Operation(
            summary = "Keep the latest checkpoint as a job snapshot",
            description = "For a stopped job: its last run's latest completed checkpoint becomes a job snapshot"
                    + " (trigger EXTERNAL) that cleanup never deletes and any job of the workspace can restore.")
    ResponseEntity<JobSnapshot> keepCheckpoint(@PathVariable long ws, @PathVariable long job) {
        return ResponseEntity.status(HttpStatus.CREATED).body(registry.keepLatestCheckpoint(ws, job));
    }

    @GetMapping("/{job}/runs")
    @Operation(summary = "List a job's runs", description = "How and when each run started, newest first.")
    List<dev.stateset.console.job.JobRun> runs(@PathVariable long ws, @PathVariable long job) {
        return lifecycle.runs(ws, job);
    }

    /** What a snapshot holds, with its id; {@code stateBytes} is the total of its operators'. */
    record SnapshotOperators(
            long snapshotId,
            long checkpointId,
            long stateBytes,
            List<SnapshotContentsReader.OperatorContents> operators) {}

    @GetMapping("/{job}/snapshots/{id}/operators")
    @Operation(
            summary = "Look inside a snapshot",
            description =
                    "Every operator with state: uid, uid hash, name, parallelism, max parallelism, state bytes, and"
                            + " each named state's scope (KEYED/OPERATOR), kind and bytes (null where the snapshot's format does"
                            + " not tell them: only canonical savepoints split keyed bytes per state) and, when the keyed state"
                            + " browser cannot read it, notBrowsableReason. Read from the snapshot's files with Flink's readers,"
                            + " then cached. Biggest operators first.")
    SnapshotOperators operators(@PathVariable long ws, @PathVariable long job, @PathVariable long id) {
        SnapshotContentsReader.SnapshotContents read = contents.contents(ws, job, id);
        return new SnapshotOperators(id, read.checkpointId(), read.stateBytes(), read.operators());
    }

    @GetMapping("/{job}/snapshots/{id}/compare/{otherId}")
    @Operation(
            summary = "Compare two snapshots",
            description = "How snapshot otherId (of any job of the workspace) differs from this job's snapshot id:"
                    + " operators and states ADDED, REMOVED, CHANGED or UNCHANGED with their bytes in each, biggest"
                    + " growth first.")
    SnapshotComparison compare(
            @PathVariable long ws, @PathVariable long job, @PathVariable long id, @PathVariable long otherId) {
        return contents.compare(ws, job, id, otherId);
    }

    @GetMapping("/{job}/snapshots/{id}/compatibility")
    @Operation(
            summary = "Check a restore before starting",
            description = "Which state the snapshot holds that the job's graph would drop, and which of the job's"
                    + " operators would start empty (built locally from the job's jar).")
    JobLifecycleService.Compatibility compatibility(
            @PathVariable long ws, @PathVariable long job, @PathVariable long id) {
        return lifecycle.compatibility(ws, job, id);
    }

    @Operation(
            summary = "Stop a job",
            description = "With a final snapshot (optionally draining the sources) or at once.")
    @PostMapping("/{job}/stop")
    ResponseEntity<Stopped> stop(@PathVariable long ws, @PathVariable long job, @RequestBody Stop request) {
        JobSnapshot snapshot = lifecycle
                .stop(ws, job, request.withSnapshot(), request.drain(), request.format())
                .orElse(null);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new Stopped(JobResponse.of(jobs.get(ws, job)), snapshot));
    }

    @Operation(
            summary = "Start a job",
            description = "Without state, from its latest snapshot or state, or from a chosen snapshot.")
    @PostMapping("/{job}/start")
    ResponseEntity<JobResponse> start(@PathVariable long ws, @PathVariable long job, @RequestBody Start request) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(JobResponse.of(lifecycle.start(
                        ws,
                        job,
                        new JobLifecycleService.StartRequest(
                                request.strategy(),
                                request.snapshotId(),
                                request.allowNonRestoredState(),
                                request.claimMode()))));
    }
}
