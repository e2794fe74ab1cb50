package dev.stateset.console.job;

import dev.stateset.console.engine.EngineDirectory;
import dev.stateset.console.engine.FlinkEngine;
import dev.stateset.console.workspace.WorkspaceDetails;

/** Every workspace on one given engine (a benchmark's fake Flink); the console's own routing is skipped. */
public class FixedEngineJobEngines extends JobEngines {

    private final FlinkEngine engine;

    public FixedEngineJobEngines(EngineDirectory directory, FlinkEngine engine) {
        super(directory);
        this.engine = engine;
    }

    @Override
    public FlinkEngine of(WorkspaceDetails workspace) {
        return engine;
    }
}
