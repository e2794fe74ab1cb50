package dev.stateset.console.workspace;

import java.util.Collection;
import java.util.Map;

/**
 * How many jobs each workspace holds, for the workspace list. The workspace feature defines this port and the job
 * feature, which owns the jobs (and depends on workspaces), implements it.
 */
public interface WorkspaceJobCounts {

    /** @return job count by workspace id; workspaces without jobs are absent */
    Map<Long, Long> count(Collection<Long> workspaceIds);
}
