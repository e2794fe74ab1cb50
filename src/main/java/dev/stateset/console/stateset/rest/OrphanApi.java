package dev.stateset.console.stateset.rest;

import dev.stateset.console.stateset.StateSetService;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The orphan report over {@code /api/v1}, as the Orphan report page shows it. */
@RestController
class OrphanApi {

    private final StateSetService stateSets;

    OrphanApi(StateSetService stateSets) {
        this.stateSets = stateSets;
    }

    @GetMapping("/api/v1/workspaces/{ws}/orphan-snapshots")
    @Operation(
            summary = "List orphaned snapshot files",
            description = "Snapshot directories in the workspace's storage that no snapshot record owns (left by a"
                    + " crash, a manual copy, or a record deleted outside the console). Read-only.")
    List<String> orphans(@PathVariable long ws) {
        return stateSets.orphanedSnapshotLocations(ws);
    }
}
