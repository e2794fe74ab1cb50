package dev.stateset.console.policy.rest;

import dev.stateset.console.policy.PolicyDraft;
import dev.stateset.console.policy.PolicyService;
import dev.stateset.console.policy.SnapshotPolicy;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET|PUT /api/v1/workspaces/{ws}/jobs/{job}/policy}, validated exactly like the Configuration tab. */
@RestController
@RequestMapping("/api/v1/workspaces/{ws}/jobs/{job}/policy")
class PolicyApi {

    private final PolicyService policies;

    PolicyApi(PolicyService policies) {
        this.policies = policies;
    }

    @Operation(
            summary = "Get a job's snapshot policy",
            description = "Its schedule (cron), format, load spreading and cleanup, with the next due time.")
    @GetMapping
    SnapshotPolicy get(@PathVariable long ws, @PathVariable long job) {
        return policies.get(ws, job);
    }

    @Operation(
            summary = "Change a job's snapshot policy",
            description = "Every field must be present; editors change it.")
    @PutMapping
    SnapshotPolicy put(@PathVariable long ws, @PathVariable long job, @RequestBody PolicyDraft draft) {
        return policies.save(ws, job, draft);
    }
}
