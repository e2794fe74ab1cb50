package dev.stateset.console.workspace.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stateset.console.workspace.EngineKind;
import dev.stateset.console.workspace.Member;
import dev.stateset.console.workspace.WorkspaceDetails;
import dev.stateset.console.workspace.WorkspaceDraft;
import dev.stateset.console.workspace.WorkspaceRole;
import dev.stateset.console.workspace.WorkspaceService;
import dev.stateset.console.workspace.WorkspaceSummary;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Workspaces and their members over {@code /api/v1}: admins create and bind them, owners manage members. */
@RestController
@RequestMapping("/api/v1/workspaces")
class WorkspaceApi {

    private final WorkspaceService workspaces;

    WorkspaceApi(WorkspaceService workspaces) {
        this.workspaces = workspaces;
    }

    /**
     * The Flink cluster a workspace's jobs run on.
     *
     * @param restUrl the remote cluster's REST URL; null (left out) for EMBEDDED
     */
    record Engine(@JsonProperty(required = true) EngineKind kind, String restUrl) {}

    /** @param webhookUrl optional: receives a JSON POST when a job's scheduled snapshots keep failing */
    record WorkspaceBody(
            @JsonProperty(required = true) String name,
            String description,
            @JsonProperty(required = true) String timeZone,
            Engine engine,
            String webhookUrl) {

        WorkspaceDraft draft() {
            Engine bound = engine == null ? new Engine(EngineKind.EMBEDDED, null) : engine;
            return new WorkspaceDraft(name, description, timeZone, bound.kind(), bound.restUrl(), webhookUrl);
        }
    }

    /**
     * A workspace as a member sees it; the engine's URL and the webhook (a secret for Slack-style hooks) only for its
     * owners.
     */
    record WorkspaceResponse(
            long id,
            String name,
            String description,
            String timeZone,
            Engine engine,
            String webhookUrl,
            WorkspaceRole myRole) {

        static WorkspaceResponse of(WorkspaceDetails w) {
            boolean owner = w.canManageMembers();
            return new WorkspaceResponse(
                    w.id(),
                    w.name(),
                    w.description(),
                    w.timeZone(),
                    new Engine(w.engineKind(), owner ? w.engineRestUrl() : null),
                    owner ? w.webhookUrl() : null,
                    w.myRole());
        }
    }

    record NewMember(
            @JsonProperty(required = true) String username,
            @JsonProperty(required = true) WorkspaceRole role) {}

    record RoleChange(@JsonProperty(required = true) WorkspaceRole role) {}

    @GetMapping
    @Operation(summary = "List my workspaces", description = "The caller's workspaces (all of them for an admin).")
    List<WorkspaceSummary> list() {
        return workspaces.listMine();
    }

    @PostMapping
    @Operation(
            summary = "Create a workspace",
            description = "Admins create a workspace on the embedded engine or bound to a remote cluster's REST URL.")
    ResponseEntity<WorkspaceResponse> create(@RequestBody WorkspaceBody body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(WorkspaceResponse.of(workspaces.create(body.draft())));
    }

    @GetMapping("/{ws}")
    @Operation(summary = "Get a workspace", description = "Any member reads it.")
    WorkspaceResponse get(@PathVariable long ws) {
        return WorkspaceResponse.of(workspaces.get(ws));
    }

    @PutMapping("/{ws}")
    @Operation(summary = "Change a workspace", description = "Admins rename it, change its zone or its cluster.")
    WorkspaceResponse update(@PathVariable long ws, @RequestBody WorkspaceBody body) {
        return WorkspaceResponse.of(workspaces.update(ws, body.draft()));
    }

    @GetMapping("/{ws}/settings")
    @Operation(summary = "Get a workspace's settings", description = "Any member reads them.")
    dev.stateset.console.workspace.WorkspaceSettings settings(@PathVariable long ws) {
        return workspaces.settings(ws);
    }

    @PutMapping("/{ws}/settings")
    @Operation(
            summary = "Change a workspace's settings",
            description = "Owners set, all three required: the price of a GB-month of snapshot storage"
                    + " (storagePricePerGbMonth, null for none), the weekly blackout windows of every job"
                    + " (blackoutWindows, one per line, empty for none) and whether viewers see state values in the"
                    + " keyed state browser (viewersSeeStateValues; editors and owners always do).")
    dev.stateset.console.workspace.WorkspaceSettings saveSettings(
            @PathVariable long ws, @RequestBody dev.stateset.console.workspace.WorkspaceSettings body) {
        return workspaces.saveSettings(ws, body);
    }

    @GetMapping("/{ws}/members")
    @Operation(summary = "List a workspace's members", description = "Any member reads them.")
    List<Member> members(@PathVariable long ws) {
        return workspaces.members(ws);
    }

    @PostMapping("/{ws}/members")
    @Operation(summary = "Add a member", description = "Owners add a user with a role.")
    ResponseEntity<Member> addMember(@PathVariable long ws, @RequestBody NewMember body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(workspaces.addMember(ws, body.username(), body.role()));
    }

    @PutMapping("/{ws}/members/{userId}")
    @Operation(summary = "Change a member's role", description = "Owners change roles.")
    List<Member> changeRole(@PathVariable long ws, @PathVariable long userId, @RequestBody RoleChange body) {
        workspaces.changeRole(ws, userId, body.role());
        return workspaces.members(ws);
    }

    @DeleteMapping("/{ws}/members/{userId}")
    @Operation(summary = "Remove a member", description = "Owners remove members.")
    ResponseEntity<Void> removeMember(@PathVariable long ws, @PathVariable long userId) {
        workspaces.removeMember(ws, userId);
        return ResponseEntity.noContent().build();
    }
}
