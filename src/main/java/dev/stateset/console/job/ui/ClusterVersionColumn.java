package dev.stateset.console.job.ui;

import dev.stateset.console.job.JobService;
import dev.stateset.console.workspace.ui.WorkspaceListColumn;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The workspace list's "Flink" column: the version each workspace's cluster reports (e.g. "Flink 2.1.1"). */
@Component
class ClusterVersionColumn implements WorkspaceListColumn {

    private final JobService jobs;

    ClusterVersionColumn(JobService jobs) {
        this.jobs = jobs;
    }

    @Override
    public String header() {
        return "Flink";
    }

    @Override
    public Map<Long, String> values() {
        return jobs.clusterVersions();
    }
}
