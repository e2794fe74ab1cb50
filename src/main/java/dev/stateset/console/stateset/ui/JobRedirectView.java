package dev.stateset.console.stateset.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import dev.stateset.console.base.ui.MainLayout;
import dev.stateset.console.base.ui.RouteParams;
import dev.stateset.console.job.ui.JobRoutes;
import jakarta.annotation.security.PermitAll;

/** {@code /workspaces/{ws}/jobs/{job}} opens the job's Overview tab. */
@Route(value = "workspaces/:workspaceId/jobs/:jobId", layout = MainLayout.class)
@PermitAll
public class JobRedirectView extends Div implements BeforeEnterObserver {

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long workspaceId = RouteParams.id(event, JobRoutes.WORKSPACE_PARAM);
        long jobId = RouteParams.id(event, JobRoutes.JOB_PARAM);
        event.forwardTo(JobRoutes.tabPath(workspaceId, jobId, "overview"));
    }
}
