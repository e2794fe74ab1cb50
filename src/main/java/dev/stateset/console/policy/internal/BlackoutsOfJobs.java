package dev.stateset.console.policy.internal;

import dev.stateset.console.cron.BlackoutWindows;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.stateset.SnapshotBlackouts;
import dev.stateset.console.workspace.WorkspaceService;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The workspace's and the job's blackout windows together, for the state set feature. */
@Component
class BlackoutsOfJobs implements SnapshotBlackouts {

    private final PolicyRepository policies;
    private final WorkspaceService workspaces;

    BlackoutsOfJobs(PolicyRepository policies, WorkspaceService workspaces) {
        this.policies = policies;
        this.workspaces = workspaces;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Instant> windowEndAt(JobDetails job, Instant at) {
        BlackoutWindows windows = BlackoutWindows.saved(
                        workspaces.settings(job.workspace().id()).blackoutWindows(),
                        "workspace " + job.workspace().id())
                .and(policies.findByJobId(job.id())
                        .map(p -> BlackoutWindows.saved(p.getBlackoutWindows(), "job " + job.id()))
                        .orElse(BlackoutWindows.NONE));
        return windows.endOfWindowAt(at, job.workspace().zone());
    }
}
