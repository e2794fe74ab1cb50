package dev.stateset.console.stateset.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.job.CheckpointSettings;
import dev.stateset.console.job.JobAdoption;
import dev.stateset.console.job.JobArtifacts;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobDraft;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.StateParameters;
import dev.stateset.console.stateset.rest.JobApi.JobResponse;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Defining jobs over {@code /api/v1}: create (with a jar reference or the jar itself), change, adopt a job the cluster
 * runs, and the Configuration tab's checkpoint and state settings. EDITORs define; the answers are {@link JobResponse}s,
 * as {@link JobApi}'s.
 */
@RestController
@RequestMapping("/api/v1/workspaces/{ws}/jobs")
class JobDefinitionApi {

    private final JobService jobs;
    private final JobAdoption adoption;

    JobDefinitionApi(JobService jobs, JobAdoption adoption) {
        this.jobs = jobs;
        this.adoption = adoption;
    }

    /**
     * A job's definition. {@code artifact} is one of {@code builtin:demo-jobs}, {@code upload:<sha256>} (from {@code
     * POST …/artifacts}, or the jar sent with a multipart create), {@code cluster:<jar id>} (see {@code GET
     * …/cluster-jars}) or {@code file:<path>} in an allowed directory.
     *
     * @param parallelism optional, 1 when left out
     */
    record JobBody(
            @JsonProperty(required = true) String name,
            String description,
            String artifact,
            String entryClass,
            String programArgs,
            Integer parallelism) {

        JobDraft draft() {
            return new JobDraft(
                    name, description, artifact, entryClass, programArgs, parallelism == null ? 1 : parallelism);
        }
    }

    /**
     * @param restUrl  optional: the job's own (application-mode) cluster; the workspace's cluster when left out
     * @param artifact optional: the jar to start the job from later; without one the console cannot start it
     */
    record Adopt(
            @JsonProperty(required = true) String engineJobId,
            @JsonProperty(required = true) String name,
            String restUrl,
            String artifact,
            String entryClass) {}

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a job", description = "Editors define a job from a jar (see the artifact field).")
    ResponseEntity<JobResponse> create(@PathVariable long ws, @RequestBody JobBody body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(JobResponse.of(jobs.create(ws, body.draft())));
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary = "Create a job with its jar",
            description = "Multipart: part 'job' is the job as JSON (its artifact is left out), part 'file' the jar."
                    + " The jar is stored as by POST …/artifacts; a job without an entryClass takes the jar's"
                    + " manifest Main-Class.")
    ResponseEntity<JobResponse> createWithJar(
            @PathVariable long ws,
            @RequestPart("job") JobBody body,
            @RequestPart(name = "file", required = false) MultipartFile file)
            throws java.io.IOException {
        if (file == null || file.isEmpty()) {
            throw InvalidInputException.of("file", "Send the jar as the multipart part 'file'");
        }
        JobArtifacts.UploadedArtifact jar = jobs.uploadArtifact(ws, file.getOriginalFilename(), file.getInputStream());
        String entryClass =
                body.entryClass() == null || body.entryClass().isBlank() ? jar.mainClass() : body.entryClass();
        JobDraft draft = new JobDraft(
                body.name(),
                body.description(),
                jar.artifact(),
                entryClass,
                body.programArgs(),
                body.parallelism() == null ? 1 : body.parallelism());
        return ResponseEntity.status(HttpStatus.CREATED).body(JobResponse.of(jobs.create(ws, draft)));
    }

    @PutMapping("/{job}")
    @Operation(summary = "Change a job's definition", description = "Applies at the job's next start.")
    JobResponse update(@PathVariable long ws, @PathVariable long job, @RequestBody JobBody body) {
        return JobResponse.of(jobs.update(ws, job, body.draft()));
    }

    /** A job's Configuration tab: checkpoint settings and state parameters, applied at the next start. */
    record Configuration(
            @JsonProperty(required = true) CheckpointSettings checkpoints,
            @JsonProperty(required = true) StateParameters stateParameters) {}

    /** @param notes settings that have no effect as they stand, option keys Flink's core does not know */
    record ConfigurationResponse(JobResponse job, List<String> notes) {}

    @PutMapping("/{job}/configuration")
    @Operation(
            summary = "Change a job's checkpoint and state configuration",
            description = "Checkpoint interval, timeout, min pause, retained count; state backend, incremental"
                    + " checkpoints, state TTL, temp directory and other Flink options (checked against Flink's"
                    + " options: bad values refused, unknown keys kept and named in notes). Applies at the next start.")
    ConfigurationResponse configure(@PathVariable long ws, @PathVariable long job, @RequestBody Configuration body) {
        JobDetails saved = jobs.updateConfiguration(ws, job, body.checkpoints(), body.stateParameters());
        return new ConfigurationResponse(
                JobResponse.of(saved), saved.stateParameters().notes());
    }

    @PostMapping("/adopt")
    @Operation(
            summary = "Adopt a running job of the cluster",
            description = "The job becomes a managed job at once, without a restart: checkpoints, snapshots,"
                    + " schedules, cleanup and stop work. Without an artifact the console cannot start it again"
                    + " (startUnavailable says why). Binding it to its own cluster (restUrl) takes the OWNER role.")
    ResponseEntity<JobResponse> adopt(@PathVariable long ws, @RequestBody Adopt body) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(JobResponse.of(adoption.adopt(
                        ws,
                        new JobAdoption.AdoptRequest(
                                body.engineJobId(), body.name(), body.restUrl(), body.artifact(), body.entryClass()))));
    }
}
