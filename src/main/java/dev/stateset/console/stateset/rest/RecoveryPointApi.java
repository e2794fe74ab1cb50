package dev.stateset.console.stateset.rest;

import dev.stateset.console.stateset.RecoveryPoint;
import dev.stateset.console.stateset.RecoveryPointDraft;
import dev.stateset.console.stateset.RecoveryPointService;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET|PUT /api/v1/workspaces/{ws}/jobs/{job}/recovery-point}: the objective and the recovery point now. */
@RestController
@RequestMapping("/api/v1/workspaces/{ws}/jobs/{job}/recovery-point")
class RecoveryPointApi {

    /** The recovery point in plain JSON numbers (minutes and seconds rather than ISO durations). */
    record RecoveryPointResponse(
            Long objectiveMinutes,
            boolean snapshotOnBreach,
            String newestRestorable,
            Instant newestRestorableAt,
            Long ageSeconds,
            boolean running,
            boolean breached,
            Instant breachedAt) {

        static RecoveryPointResponse of(RecoveryPoint p) {
            return new RecoveryPointResponse(
                    p.objective() == null ? null : p.objective().toMinutes(),
                    p.snapshotOnBreach(),
                    p.newestRestorable(),
                    p.newestRestorableAt(),
                    p.age() == null ? null : p.age().toSeconds(),
                    p.running(),
                    p.breached(),
                    p.breachedAt());
        }
    }

    private final RecoveryPointService recoveryPoints;

    RecoveryPointApi(RecoveryPointService recoveryPoints) {
        this.recoveryPoints = recoveryPoints;
    }

    @Operation(
            summary = "Get a job's recovery point",
            description = "The newest restorable state (completed checkpoint or job snapshot), its age, and the "
                    + "objective it is held to.")
    @GetMapping
    RecoveryPointResponse get(@PathVariable long ws, @PathVariable long job) {
        return RecoveryPointResponse.of(recoveryPoints.get(ws, job));
    }

    @Operation(
            summary = "Set a job's recovery-point objective",
            description = "objectiveMinutes (1 to 525600, or null for none) and snapshotOnBreach; editors set it.")
    @PutMapping
    RecoveryPointResponse put(@PathVariable long ws, @PathVariable long job, @RequestBody RecoveryPointDraft draft) {
        return RecoveryPointResponse.of(recoveryPoints.save(ws, job, draft));
    }
}
