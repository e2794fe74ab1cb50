package dev.stateset.console.job.internal;

import dev.stateset.console.job.EngineHealth;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.workspace.WorkspaceService;
import dev.stateset.console.workspace.WorkspaceSummary;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/flink}: each workspace's Flink cluster as this replica last reached it (the status sync
 * calls clusters with running jobs every few seconds; others are called by the check, at most every 30 s). DOWN while any cluster is
 * unreachable. Not part of readiness: a Flink outage must not take the console, which reports it, out of service.
 */
@Component
class FlinkHealthIndicator implements HealthIndicator {

    private static final Duration STALE = Duration.ofSeconds(30);

    private final WorkspaceService workspaces;
    private final JobStatusSync statusSync;
    private final Clock clock;

    FlinkHealthIndicator(WorkspaceService workspaces, JobStatusSync statusSync, Clock clock) {
        this.clock = clock;
        this.workspaces = workspaces;
        this.statusSync = statusSync;
    }

    @Override
    public Health health() {
        List<WorkspaceSummary> all = SystemIdentity.call(workspaces::listMine);
        Map<String, Object> clusters = new LinkedHashMap<>();
        boolean allReachable = true;
        for (WorkspaceSummary workspace : all) {
            EngineHealth engine = statusSync.health(workspace.id());
            if (engine.checkedAt() == null
                    || engine.checkedAt().isBefore(clock.instant().minus(STALE))) {
                // A cluster without running jobs is not visited by the status sync: look at it now.
                engine = statusSync.syncWorkspace(workspace.id());
            }
            allReachable &= engine.reachable();
            clusters.put(workspace.name(), engine.reachable() ? "reachable" : "unreachable: " + engine.problem());
        }
        return (allReachable ? Health.up() : Health.down())
                .withDetails(clusters)
                .build();
    }
}
