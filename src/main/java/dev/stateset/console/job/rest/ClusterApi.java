package dev.stateset.console.job.rest;

import dev.stateset.console.engine.ClusterJar;
import dev.stateset.console.job.JobAdoption;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the workspace's Flink cluster runs and holds: its jobs (to adopt) and its jars (to start jobs from). */
@RestController
@RequestMapping("/api/v1/workspaces/{ws}")
class ClusterApi {

    private final JobAdoption adoption;

    ClusterApi(JobAdoption adoption) {
        this.adoption = adoption;
    }

    @GetMapping("/engine-jobs")
    @Operation(
            summary = "List the cluster's jobs",
            description = "Every job the workspace's cluster knows, newest first; managedJobId is the console's job"
                    + " it is a run of, or null (a job to adopt). restUrl lists an application cluster instead"
                    + " (OWNER).")
    List<JobAdoption.EngineJobListing> engineJobs(
            @PathVariable long ws, @RequestParam(required = false) String restUrl) {
        return adoption.engineJobs(ws, restUrl);
    }

    @GetMapping("/cluster-jars")
    @Operation(
            summary = "List the cluster's jars",
            description = "The jars uploaded to the workspace's cluster (Flink's /jars); a job's artifact"
                    + " cluster:<id> starts from one.")
    List<ClusterJar> clusterJars(@PathVariable long ws) {
        return adoption.clusterJars(ws);
    }
}
