package dev.stateset.console.identity.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stateset.console.identity.GroupMapping;
import dev.stateset.console.identity.GroupMappingService;
import dev.stateset.console.security.LoginPolicy;
import dev.stateset.console.workspace.WorkspaceRole;
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
import org.springframework.web.bind.annotation.RestController;

/** Sign-in over {@code /api/v1}, as the Sign-in page sets it: groups mapped to roles, console passwords on or off. */
@RestController
class SignInApi {

    private final GroupMappingService mappings;
    private final LoginPolicy logins;

    SignInApi(GroupMappingService mappings, LoginPolicy logins) {
        this.mappings = mappings;
        this.logins = logins;
    }

    /**
     * @param workspaceId the workspace whose role members get; left out: they become system admins
     * @param role        OWNER, EDITOR or VIEWER; only with a workspace
     */
    record NewMapping(
            @JsonProperty(required = true) String provider,
            @JsonProperty(required = true) String group,
            Long workspaceId,
            WorkspaceRole role) {}

    record LoginPolicyBody(@JsonProperty(required = true) Boolean localPasswordLogin) {}

    @GetMapping("/api/v1/group-mappings")
    @Operation(
            summary = "List group mappings",
            description = "Which identity-provider or directory groups give which role (admins only).")
    List<GroupMapping> list() {
        return mappings.list();
    }

    @PostMapping("/api/v1/group-mappings")
    @Operation(
            summary = "Map a group to a role",
            description = "Members of the group get the role at their next sign-in or session re-check; without a"
                    + " workspace they become system admins.")
    ResponseEntity<GroupMapping> add(@RequestBody NewMapping body) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(mappings.add(body.provider(), body.group(), body.workspaceId(), body.role()));
    }

    @DeleteMapping("/api/v1/group-mappings/{mappingId}")
    @Operation(
            summary = "Remove a group mapping",
            description = "Members lose the role at their next sign-in or session re-check, unless something else gives"
                    + " it.")
    ResponseEntity<Void> remove(@PathVariable long mappingId) {
        mappings.remove(mappingId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/login-policy")
    @Operation(summary = "Read the login policy", description = "Whether console users may sign in with a password.")
    LoginPolicy.Settings policy() {
        return logins.settings();
    }

    @PutMapping("/api/v1/login-policy")
    @Operation(
            summary = "Accept or refuse console passwords",
            description = "Refused while no provider or directory is configured, or for an admin signed in with a"
                    + " console password.")
    LoginPolicy.Settings setPolicy(@RequestBody LoginPolicyBody body) {
        logins.setLocalPasswordLogin(body.localPasswordLogin());
        return logins.settings();
    }
}
