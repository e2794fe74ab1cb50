package dev.stateset.console.workspace.ui;

import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.NotFoundException;
import dev.stateset.console.base.ResourceNotFoundException;
import dev.stateset.console.base.ui.RouteParams;
import dev.stateset.console.workspace.WorkspaceDetails;
import dev.stateset.console.workspace.WorkspaceRole;
import dev.stateset.console.workspace.WorkspaceService;

/**
 * The workspace a page's route names ({@code :workspaceId}), as the current user may see it: a workspace that does
 * not exist and one they are not a member of are both "not found"; a role below what the page needs is "access denied".
 */
public final class WorkspaceRoute {

    private WorkspaceRoute() {}

    public static WorkspaceDetails of(BeforeEnterEvent event, WorkspaceService workspaces) {
        long workspaceId = RouteParams.id(event, "workspaceId");
        try {
            return workspaces.get(workspaceId);
        } catch (ResourceNotFoundException e) {
            throw new NotFoundException();
        }
    }

    public static WorkspaceDetails requireRole(
            BeforeEnterEvent event, WorkspaceService workspaces, WorkspaceRole role) {
        WorkspaceDetails workspace = of(event, workspaces);
        if (!workspace.myRole().includes(role)) {
            throw new AccessDeniedException();
        }
        return workspace;
    }
}
