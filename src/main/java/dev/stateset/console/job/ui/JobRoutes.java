package dev.stateset.console.job.ui;

import com.vaadin.flow.component.html.Span;
import dev.stateset.console.job.JobStatus;

/** Where a job's pages are, and how its status shows, for every page that links to or lists jobs. */
public final class JobRoutes {

    public static final String WORKSPACE_PARAM = "workspaceId";
    public static final String JOB_PARAM = "jobId";

    private JobRoutes() {}

    /** The path of one tab of the job's State Set Management page: overview, configuration or history. */
    public static String tabPath(long workspaceId, long jobId, String tab) {
        return "workspaces/" + workspaceId + "/jobs/" + jobId + "/state-sets/" + tab;
    }

    public static Span statusBadge(JobStatus status) {
        Span badge = new Span(status.name());
        badge.addClassName("job-status");
        badge.getElement().setAttribute("theme", statusTheme(status));
        return badge;
    }

    /** The badge theme of a status, for grids that draw the badge in a template. */
    public static String statusTheme(JobStatus status) {
        return switch (status) {
            case RUNNING -> "badge success";
            case FAILED -> "badge error";
            case STARTING, STOPPING -> "badge";
            default -> "badge contrast";
        };
    }
}
