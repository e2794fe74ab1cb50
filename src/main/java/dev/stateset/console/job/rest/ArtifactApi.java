package dev.stateset.console.job.rest;

import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.job.JobArtifacts;
import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code POST /api/v1/workspaces/{ws}/artifacts}: upload a job jar (multipart, part {@code file}) for jobs to use. */
@RestController
@RequestMapping("/api/v1/workspaces/{ws}/artifacts")
class ArtifactApi {

    private final JobArtifacts artifacts;

    ArtifactApi(JobArtifacts artifacts) {
        this.artifacts = artifacts;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary = "Upload a job jar",
            description = "Streams the jar into the console's artifact store (size limit "
                    + "stateset.artifacts.max-size; it must be a jar with classes). The answer's artifact (upload:<sha256>) is what a job's "
                    + "artifact field takes. Editors of the workspace may upload.")
    ResponseEntity<JobArtifacts.UploadedArtifact> upload(
            @PathVariable long ws, @RequestPart(name = "file", required = false) MultipartFile file)
            throws IOException {
        if (file == null || file.isEmpty()) {
            throw InvalidInputException.of("file", "Send the jar as the multipart part 'file'");
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(artifacts.upload(ws, file.getOriginalFilename(), file.getInputStream()));
    }
}
