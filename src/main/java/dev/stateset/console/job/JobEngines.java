package dev.stateset.console.job;

import dev.stateset.console.engine.EngineDirectory;
import dev.stateset.console.engine.FlinkEngine;
import dev.stateset.console.workspace.EngineKind;
import dev.stateset.console.workspace.WorkspaceDetails;
import java.net.URI;
import org.springframework.stereotype.Component;

/** The Flink engine a workspace's jobs run on, from the workspace's engine binding. */
@Component
public class JobEngines {

    private final EngineDirectory directory;

    JobEngines(EngineDirectory directory) {
        this.directory = directory;
    }

    /** The job's own (application-mode) cluster when it has one, else its workspace's. */
    public FlinkEngine of(JobDetails job) {
        return job.engineRestUrl() != null ? remote(job.engineRestUrl()) : of(job.workspace());
    }

    /** The workspace's cluster, where jobs are launched and adopted from. */
    public FlinkEngine of(WorkspaceDetails workspace) {
        return of(workspace.engineKind(), workspace.engineRestUrl());
    }

    /** A job's own application cluster by its URL (as stored on the job). */
    public FlinkEngine remote(String restUrl) {
        return directory.remote(URI.create(restUrl));
    }

    FlinkEngine of(EngineKind kind, String restUrl) {
        return kind == EngineKind.REMOTE ? directory.remote(URI.create(restUrl)) : directory.embedded();
    }
}
