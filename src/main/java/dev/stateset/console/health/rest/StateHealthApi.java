package dev.stateset.console.health.rest;

import dev.stateset.console.health.StateHealth;
import dev.stateset.console.health.StateHealthService;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/workspaces/{ws}/state-health}: the State health page's figures, for every job at once. */
@RestController
class StateHealthApi {

    private final StateHealthService health;

    StateHealthApi(StateHealthService health) {
        this.health = health;
    }

    @Operation(
            summary = "Every job's state health",
            description = "Per job: status, the newest restorable state's age against the recovery-point objective, "
                    + "the last snapshot's result, the next scheduled snapshot, snapshot bytes and their estimated "
                    + "monthly cost at the workspace's price per GB-month.")
    @GetMapping("/api/v1/workspaces/{ws}/state-health")
    StateHealth get(@PathVariable long ws) {
        return health.of(ws);
    }
}
