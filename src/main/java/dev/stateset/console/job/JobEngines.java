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

    public FlinkEngine of(WorkspaceDetails workspace) {
        return of(workspace.engineKind(), workspace.engineRestUrl());
    }

    FlinkEngine of(EngineKind kind, String restUrl) {
        return kind == EngineKind.REMOTE ? directory.remote(URI.create(restUrl)) : directory.embedded();
    }
}
