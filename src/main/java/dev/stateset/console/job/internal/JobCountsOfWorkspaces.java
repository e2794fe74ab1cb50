package dev.stateset.console.job.internal;

import dev.stateset.console.workspace.WorkspaceJobCounts;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The workspace list's job counts: one grouped query over the workspaces shown. */
@Component
class JobCountsOfWorkspaces implements WorkspaceJobCounts {

    private final JobRepository jobs;

    JobCountsOfWorkspaces(JobRepository jobs) {
        this.jobs = jobs;
    }

    @Override
    public Map<Long, Long> count(Collection<Long> workspaceIds) {
        Map<Long, Long> counts = new HashMap<>();
        if (!workspaceIds.isEmpty()) {
            jobs.countByWorkspace(workspaceIds).forEach(row -> counts.put((Long) row[0], (Long) row[1]));
        }
        return counts;
    }
}
