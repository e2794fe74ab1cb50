package dev.stateset.console.support;

import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobSummary;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.workspace.WorkspaceService;
import dev.stateset.console.workspace.WorkspaceSummary;

/** Ids of the seeded demo workspace and its jobs, looked up the way a user would find them. */
public record Demo(long workspaceId, long keyedCounterJobId, long orderTotalsJobId) {

    public static Demo find(WorkspaceService workspaces, JobService jobs) {
        return SystemIdentity.call(() -> {
            long ws = workspaces.listMine().stream()
                    .filter(w -> w.name().equals("demo"))
                    .mapToLong(WorkspaceSummary::id)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("demo workspace not seeded"));
            var list = jobs.list(ws);
            return new Demo(ws, idOf(list, "keyed-counter"), idOf(list, "order-totals"));
        });
    }

    private static long idOf(java.util.List<JobSummary> jobs, String name) {
        return jobs.stream()
                .filter(j -> j.name().equals(name))
                .mapToLong(JobSummary::id)
                .findFirst()
                .orElseThrow(() -> new AssertionError("demo job " + name + " not seeded"));
    }

    public String tab(long jobId, String tab) {
        return "workspaces/" + workspaceId + "/jobs/" + jobId + "/state-sets/" + tab;
    }
}
