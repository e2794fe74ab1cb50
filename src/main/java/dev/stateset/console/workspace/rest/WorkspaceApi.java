package dev.stateset.console.workspace.rest;

import dev.stateset.console.workspace.WorkspaceService;
import dev.stateset.console.workspace.WorkspaceSummary;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/workspaces}: the caller's workspaces with their role. */
@RestController
@RequestMapping("/api/v1/workspaces")
class WorkspaceApi {

    private final WorkspaceService workspaces;

    WorkspaceApi(WorkspaceService workspaces) {
        this.workspaces = workspaces;
    }

    @GetMapping
    List<WorkspaceSummary> list() {
        return workspaces.listMine();
    }
}
